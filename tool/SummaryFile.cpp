//===--- SummaryFile.cpp - Translation-unit results on disk ---------------===//

#include "SummaryFile.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include <nlohmann/json.hpp>

using namespace clang;
using namespace clang::tidy;
using Json = nlohmann::ordered_json;

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

Json messageJson(const tooling::DiagnosticMessage &M, llvm::StringRef BuildDir,
                 const PathMap &Paths) {
  Json Out = {{"message", M.Message},
              {"file", Paths.store(M.FilePath, BuildDir)},
              {"offset", M.FileOffset}};
  // StringMap iterates in hash order: sort the files.
  std::vector<std::pair<std::string, const tooling::Replacements *>> Files;
  for (const auto &Entry : M.Fix)
    Files.emplace_back(Paths.store(Entry.first(), BuildDir), &Entry.second);
  llvm::sort(Files, [](const auto &A, const auto &B) { return A.first < B.first; });
  Json Fixes = Json::array();
  for (const auto &[File, Replacements] : Files)
    for (const tooling::Replacement &R : *Replacements)
      Fixes.push_back({{"file", File},
                       {"offset", R.getOffset()},
                       {"length", R.getLength()},
                       {"text", R.getReplacementText().str()}});
  if (!Fixes.empty())
    Out["fixes"] = std::move(Fixes);
  return Out;
}

Json locationJson(const SummaryLocation &Loc, const PathMap &Paths) {
  return {{"file", Paths.store(Loc.File, "")},
          {"line", Loc.Line},
          {"column", Loc.Column}};
}

Json unitJson(const UnitResult &Unit, const PathMap &Paths) {
  const std::string &Dir = Unit.BuildDirectory;
  Json Diagnostics = Json::array();
  for (const ClangTidyError &E : Unit.Errors) {
    Json Notes = Json::array();
    for (const tooling::DiagnosticMessage &Note : E.Notes)
      Notes.push_back(messageJson(Note, Dir, Paths));
    Json D = {{"check", E.DiagnosticName},
              {"level", levelName(E.DiagLevel)},
              {"warningAsError", E.IsWarningAsError},
              {"primary", messageJson(E.Message, Dir, Paths)},
              {"notes", std::move(Notes)}};
    Diagnostics.push_back(std::move(D));
  }
  Json Records = Json::array();
  for (const FindingRecord &R : Unit.Records) {
    Json Borrows = Json::array();
    for (const BorrowRecord &B : R.Borrows)
      Borrows.push_back({{"kind", B.Kind},
                         {"name", B.Name},
                         {"explanation", B.Explanation}});
    Records.push_back({{"check", R.Check},
                       {"file", Paths.store(R.File, Dir)},
                       {"offset", R.Offset},
                       {"handler", R.Handler},
                       {"handlerReason", R.HandlerReason},
                       {"callee", R.Callee},
                       {"detachedType", R.DetachedType},
                       {"detachedReason", R.DetachedReason},
                       {"exceptionPolicy", R.ExceptionPolicy},
                       {"suggestion", R.Suggestion},
                       {"chain", R.Chain},
                       {"borrows", std::move(Borrows)}});
  }
  Json Summaries = Json::array();
  for (const TUSummary &S : Unit.Summaries) {
    Json Functions = Json::array();
    for (const SummaryFunction &F : S.Functions) {
      Json Starts = Json::array();
      for (const SummaryStart &Start : F.Starts)
        Starts.push_back({{"callee", Start.Callee},
                          {"detachedType", Start.DetachedType},
                          {"detachedReason", Start.DetachedReason},
                          {"exceptionPolicy", Start.ExceptionPolicy},
                          {"loc", locationJson(Start.Loc, Paths)},
                          {"catchesAll", Start.CatchesAll},
                          {"keptParams", Start.KeptParams}});
      Json Calls = Json::array();
      for (const SummaryCall &Call : F.Calls) {
        Json Args = Json::array();
        for (const SummaryArg &Arg : Call.Args)
          Args.push_back({{"index", Arg.Index},
                          {"source", Arg.Source},
                          {"name", Arg.Name}});
        Calls.push_back({{"usr", Call.CalleeUsr},
                         {"name", Call.CalleeName},
                         {"loc", locationJson(Call.Loc, Paths)},
                         {"defined", Call.Defined},
                         {"detaching", Call.Detaching},
                         {"args", std::move(Args)}});
      }
      Functions.push_back({{"usr", F.Usr},
                           {"name", F.Name},
                           {"loc", locationJson(F.Loc, Paths)},
                           {"handler", F.IsHandler},
                           {"handlerReason", F.HandlerReason},
                           {"starts", std::move(Starts)},
                           {"calls", std::move(Calls)}});
    }
    Summaries.push_back({{"check", S.Check},
                         {"mainFile", Paths.store(S.MainFile, "")},
                         {"maxCallDepth", S.MaxCallDepth},
                         {"requireBorrowedState", S.RequireBorrowedState},
                         {"reportOwnedWork", S.ReportOwnedWork},
                         {"defersToDetachingSpawn", S.DefersToDetachingSpawn},
                         {"functions", std::move(Functions)}});
  }
  Json Object = {{"file", Paths.store(Unit.File, "")},
          {"failures", Unit.Failures},
          {"diagnostics", std::move(Diagnostics)},
          {"records", std::move(Records)},
          {"summaries", std::move(Summaries)}};
  if (!Unit.FailureKind.empty())
    Object["failureKind"] = Unit.FailureKind;
  if (!Unit.Dependencies.empty()) {
    Json Files = Json::array();
    for (const std::string &File : Unit.Dependencies)
      Files.push_back(Paths.store(File, ""));
    Object["dependencies"] = std::move(Files);
  }
  return Object;
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
  Json List = Json::array();
  for (const auto &Entry : Sorted)
    List.push_back(unitJson(*Entry.second, Paths));
  Json Out = {{"firecrashSummary", SummaryFormat},
              {"version", FIRECRASH_VERSION},
              {"units", std::move(List)}};
  // Messages that are not UTF-8 are kept with U+FFFD (paths are encoded
  // losslessly above).
  return Out.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

} // namespace firecrash
