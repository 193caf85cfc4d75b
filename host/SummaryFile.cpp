//===--- SummaryFile.cpp - Translation-unit results on disk ---------------===//

#include "SummaryFile.h"
#include "Writers.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

using namespace clang;
using namespace clang::tidy;

namespace firecrash {

std::string encodePath(llvm::StringRef Path) {
  if (!Path.contains('%') && llvm::json::isUTF8(Path))
    return Path.str();
  std::string Out;
  for (unsigned char C : Path) {
    if (C != '%' && C < 0x80) {
      Out += static_cast<char>(C);
      continue;
    }
    Out += '%';
    Out += llvm::hexdigit(C >> 4);
    Out += llvm::hexdigit(C & 15);
  }
  return Out;
}

std::string decodePath(llvm::StringRef Stored) {
  std::string Out;
  for (size_t I = 0; I < Stored.size(); ++I) {
    unsigned Byte = 0;
    if (Stored[I] == '%' && I + 2 < Stored.size() &&
        !Stored.substr(I + 1, 2).getAsInteger(16, Byte)) {
      Out += static_cast<char>(Byte);
      I += 2;
      continue;
    }
    Out += Stored[I];
  }
  return Out;
}

std::string loadPath(llvm::StringRef Stored, llvm::StringRef Root) {
  std::string File = decodePath(Stored);
  if (File.empty() || llvm::sys::path::is_absolute(File))
    return File;
  llvm::SmallString<256> Path(Root);
  llvm::sys::path::append(Path, File);
  return Path.str().str();
}

namespace {

/// Maps absolute paths to the form stored on disk.
class PathMap {
public:
  explicit PathMap(llvm::StringRef Root) : Root(Root) {}

  /// Absolute (against \p BuildDirectory when relative), then relative to
  /// the root when inside it.
  std::string store(llvm::StringRef File, llvm::StringRef BuildDirectory) const {
    if (File.empty())
      return "";
    std::string Path =
        absolutePath(File, BuildDirectory.empty() ? Root : BuildDirectory);
    llvm::StringRef Rest = Path;
    if (!Root.empty() && Rest.consume_front(Root) &&
        (Rest.consume_front("/") || Rest.empty()))
      return encodePath(Rest);
    return encodePath(Path);
  }

private:
  std::string Root;
};

const char *levelName(ClangTidyError::Level Level) {
  switch (Level) {
  case ClangTidyError::Error:
    return "error";
  case ClangTidyError::Remark:
    return "remark";
  default:
    return "warning";
  }
}

/// A string value: text that is not UTF-8 is kept with U+FFFD (paths are
/// encoded losslessly by PathMap).
void string(llvm::json::OStream &J, llvm::StringRef Key,
            llvm::StringRef Value) {
  J.attribute(Key, jsonText(Value));
}

void strings(llvm::json::OStream &J, llvm::StringRef Key,
             const std::vector<std::string> &Values) {
  J.attributeArray(Key, [&] {
    for (const std::string &Value : Values)
      J.value(jsonText(Value));
  });
}

void writeMessage(llvm::json::OStream &J, const tooling::DiagnosticMessage &M,
                  llvm::StringRef BuildDir, const PathMap &Paths) {
  // StringMap iterates in hash order: sort the files.
  std::vector<std::pair<std::string, const tooling::Replacements *>> Files;
  for (const auto &Entry : M.Fix)
    Files.emplace_back(Paths.store(Entry.first(), BuildDir), &Entry.second);
  llvm::sort(Files,
             [](const auto &A, const auto &B) { return A.first < B.first; });
  bool AnyFix = llvm::any_of(
      Files, [](const auto &Entry) { return !Entry.second->empty(); });
  J.object([&] {
    string(J, "message", M.Message);
    string(J, "file", Paths.store(M.FilePath, BuildDir));
    J.attribute("offset", M.FileOffset);
    if (!AnyFix)
      return;
    J.attributeArray("fixes", [&] {
      for (const auto &[File, Replacements] : Files)
        for (const tooling::Replacement &R : *Replacements)
          J.object([&] {
            string(J, "file", File);
            J.attribute("offset", R.getOffset());
            J.attribute("length", R.getLength());
            string(J, "text", R.getReplacementText());
          });
    });
  });
}

void writeLocation(llvm::json::OStream &J, llvm::StringRef Key,
                   const SummaryLocation &Loc, const PathMap &Paths) {
  J.attributeObject(Key, [&] {
    string(J, "file", Paths.store(Loc.File, ""));
    J.attribute("line", Loc.Line);
    J.attribute("column", Loc.Column);
  });
}

void writeDiagnostics(llvm::json::OStream &J, const UnitResult &Unit,
                      const PathMap &Paths) {
  const std::string &Dir = Unit.BuildDirectory;
  J.attributeArray("diagnostics", [&] {
    for (const ClangTidyError &E : Unit.Errors)
      J.object([&] {
        string(J, "check", E.DiagnosticName);
        J.attribute("level", levelName(E.DiagLevel));
        J.attribute("warningAsError", E.IsWarningAsError);
        J.attributeBegin("primary");
        writeMessage(J, E.Message, Dir, Paths);
        J.attributeEnd();
        J.attributeArray("notes", [&] {
          for (const tooling::DiagnosticMessage &Note : E.Notes)
            writeMessage(J, Note, Dir, Paths);
        });
      });
  });
}

void writeRecords(llvm::json::OStream &J, const UnitResult &Unit,
                  const PathMap &Paths) {
  J.attributeArray("records", [&] {
    for (const FindingRecord &R : Unit.Records)
      J.object([&] {
        string(J, "check", R.Check);
        string(J, "file", Paths.store(R.File, Unit.BuildDirectory));
        J.attribute("offset", R.Offset);
        string(J, "handler", R.Handler);
        string(J, "handlerReason", R.HandlerReason);
        string(J, "callee", R.Callee);
        string(J, "detachedType", R.DetachedType);
        string(J, "detachedReason", R.DetachedReason);
        string(J, "exceptionPolicy", R.ExceptionPolicy);
        string(J, "suggestion", R.Suggestion);
        strings(J, "chain", R.Chain);
        J.attributeArray("borrows", [&] {
          for (const BorrowRecord &B : R.Borrows)
            J.object([&] {
              string(J, "kind", B.Kind);
              string(J, "name", B.Name);
              string(J, "explanation", B.Explanation);
            });
        });
      });
  });
}

void writeFunction(llvm::json::OStream &J, const SummaryFunction &F,
                   const PathMap &Paths) {
  J.object([&] {
    string(J, "usr", F.Usr);
    string(J, "name", F.Name);
    writeLocation(J, "loc", F.Loc, Paths);
    J.attribute("handler", F.IsHandler);
    string(J, "handlerReason", F.HandlerReason);
    J.attributeArray("starts", [&] {
      for (const SummaryStart &Start : F.Starts)
        J.object([&] {
          string(J, "callee", Start.Callee);
          string(J, "detachedType", Start.DetachedType);
          string(J, "detachedReason", Start.DetachedReason);
          string(J, "exceptionPolicy", Start.ExceptionPolicy);
          writeLocation(J, "loc", Start.Loc, Paths);
          J.attribute("catchesAll", Start.CatchesAll);
          J.attributeArray("keptParams", [&] {
            for (unsigned Index : Start.KeptParams)
              J.value(Index);
          });
        });
    });
    J.attributeArray("calls", [&] {
      for (const SummaryCall &Call : F.Calls)
        J.object([&] {
          string(J, "usr", Call.CalleeUsr);
          string(J, "name", Call.CalleeName);
          writeLocation(J, "loc", Call.Loc, Paths);
          J.attribute("defined", Call.Defined);
          J.attribute("detaching", Call.Detaching);
          J.attributeArray("args", [&] {
            for (const SummaryArg &Arg : Call.Args)
              J.object([&] {
                J.attribute("index", Arg.Index);
                J.attribute("source", Arg.Source);
                string(J, "name", Arg.Name);
              });
          });
        });
    });
  });
}

void writeSummaries(llvm::json::OStream &J, const UnitResult &Unit,
                    const PathMap &Paths) {
  J.attributeArray("summaries", [&] {
    for (const TUSummary &S : Unit.Summaries)
      J.object([&] {
        string(J, "check", S.Check);
        string(J, "mainFile", Paths.store(S.MainFile, ""));
        J.attribute("maxCallDepth", S.MaxCallDepth);
        J.attribute("requireBorrowedState", S.RequireBorrowedState);
        J.attribute("reportOwnedWork", S.ReportOwnedWork);
        J.attribute("defersToDetachingSpawn", S.DefersToDetachingSpawn);
        J.attributeArray("functions", [&] {
          for (const SummaryFunction &F : S.Functions)
            writeFunction(J, F, Paths);
        });
      });
  });
}

void writeUnit(llvm::json::OStream &J, const UnitResult &Unit,
               const PathMap &Paths) {
  J.object([&] {
    string(J, "file", Paths.store(Unit.File, ""));
    strings(J, "failures", Unit.Failures);
    writeDiagnostics(J, Unit, Paths);
    writeRecords(J, Unit, Paths);
    writeSummaries(J, Unit, Paths);
    if (!Unit.FailureKind.empty())
      string(J, "failureKind", Unit.FailureKind);
    if (Unit.Dependencies.empty())
      return;
    J.attributeArray("dependencies", [&] {
      for (const std::string &File : Unit.Dependencies)
        J.value(jsonText(Paths.store(File, "")));
    });
  });
}

} // namespace

std::string summaryText(std::vector<const UnitResult *> Units,
                        llvm::StringRef Root) {
  PathMap Paths(Root);
  std::vector<std::pair<std::string, const UnitResult *>> Sorted;
  for (const UnitResult *Unit : Units)
    Sorted.emplace_back(Paths.store(Unit->File, ""), Unit);
  std::sort(Sorted.begin(), Sorted.end(),
            [](const auto &A, const auto &B) { return A.first < B.first; });
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  llvm::json::OStream J(OS);
  J.object([&] {
    J.attribute("firecrashSummary", SummaryFormat);
    J.attribute("version", FIRECRASH_VERSION);
    J.attributeArray("units", [&] {
      for (const auto &Entry : Sorted)
        writeUnit(J, *Entry.second, Paths);
    });
  });
  OS << "\n";
  return Text;
}

} // namespace firecrash
