//===--- SummaryFile.cpp - Translation-unit results on disk ---------------===//

#include "SummaryFile.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include <limits>
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

namespace {

/// Maps paths between their absolute form and the form stored on disk.
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

  std::string load(llvm::StringRef Stored) const {
    std::string File = decodePath(Stored);
    if (File.empty() || llvm::sys::path::is_absolute(File))
      return File;
    llvm::SmallString<256> Path(Root);
    llvm::sys::path::append(Path, File);
    return Path.str().str();
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
                          {"loc", locationJson(Start.Loc, Paths)}});
      Json Calls = Json::array();
      for (const SummaryCall &Call : F.Calls)
        Calls.push_back({{"usr", Call.CalleeUsr},
                         {"name", Call.CalleeName},
                         {"loc", locationJson(Call.Loc, Paths)},
                         {"defined", Call.Defined}});
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
                         {"functions", std::move(Functions)}});
  }
  return {{"file", Paths.store(Unit.File, "")},
          {"failures", Unit.Failures},
          {"diagnostics", std::move(Diagnostics)},
          {"records", std::move(Records)},
          {"summaries", std::move(Summaries)}};
}

/// Reads typed members: the first problem is kept, and every later read
/// returns an empty value. (llvm::json parses these documents several times
/// faster than nlohmann_json builds them.)
class Reader {
public:
  using Value = llvm::json::Value;

  Reader(const PathMap &Paths) : Paths(Paths) {}

  const Value *member(const Value &Object, const char *Key) {
    if (!Problem.empty())
      return nullptr;
    const llvm::json::Object *O = Object.getAsObject();
    if (!O) {
      Problem = "expected an object around '" + std::string(Key) + "'";
      return nullptr;
    }
    const Value *M = O->get(Key);
    if (!M)
      Problem = "missing member '" + std::string(Key) + "'";
    return M;
  }

  void wrongType(const char *Key) {
    if (Problem.empty())
      Problem = "member '" + std::string(Key) + "' has the wrong type";
  }

  std::string string(const Value &Object, const char *Key) {
    const Value *M = member(Object, Key);
    if (!M)
      return {};
    if (std::optional<llvm::StringRef> S = M->getAsString())
      return S->str();
    wrongType(Key);
    return {};
  }
  std::string path(const Value &Object, const char *Key) {
    return Paths.load(string(Object, Key));
  }
  unsigned number(const Value &Object, const char *Key) {
    const Value *M = member(Object, Key);
    if (!M)
      return 0;
    std::optional<uint64_t> N = M->getAsUINT64();
    if (N && *N <= std::numeric_limits<unsigned>::max())
      return static_cast<unsigned>(*N);
    wrongType(Key);
    return 0;
  }
  bool boolean(const Value &Object, const char *Key) {
    const Value *M = member(Object, Key);
    if (!M)
      return false;
    if (std::optional<bool> B = M->getAsBoolean())
      return *B;
    wrongType(Key);
    return false;
  }
  const llvm::json::Array &array(const Value &Object, const char *Key) {
    static const llvm::json::Array Empty;
    const Value *M = member(Object, Key);
    if (!M)
      return Empty;
    if (const llvm::json::Array *A = M->getAsArray())
      return *A;
    wrongType(Key);
    return Empty;
  }
  const Value &object(const Value &Object, const char *Key) {
    static const Value Null(nullptr);
    const Value *M = member(Object, Key);
    if (!M)
      return Null;
    if (M->getAsObject())
      return *M;
    wrongType(Key);
    return Null;
  }
  std::vector<std::string> strings(const Value &Object, const char *Key) {
    std::vector<std::string> Out;
    for (const Value &V : array(Object, Key)) {
      std::optional<llvm::StringRef> S = V.getAsString();
      if (!S) {
        if (Problem.empty())
          Problem = "member '" + std::string(Key) + "' holds a non-string";
        return {};
      }
      Out.push_back(S->str());
    }
    return Out;
  }

  SummaryLocation location(const Value &Object, const char *Key) {
    const Value &V = object(Object, Key);
    SummaryLocation Loc;
    if (!V.getAsObject())
      return Loc;
    Loc.File = path(V, "file");
    Loc.Line = number(V, "line");
    Loc.Column = number(V, "column");
    return Loc;
  }

  tooling::DiagnosticMessage message(const Value &Object) {
    tooling::DiagnosticMessage M;
    M.Message = string(Object, "message");
    M.FilePath = path(Object, "file");
    M.FileOffset = number(Object, "offset");
    const llvm::json::Object *O = Object.getAsObject();
    if (O && O->get("fixes"))
      for (const Value &Fix : array(Object, "fixes")) {
        std::string File = path(Fix, "file");
        tooling::Replacement R(File, number(Fix, "offset"),
                               number(Fix, "length"), string(Fix, "text"));
        if (llvm::Error E = M.Fix[File].add(R)) {
          if (Problem.empty())
            Problem = "conflicting fixes: " + llvm::toString(std::move(E));
          else
            llvm::consumeError(std::move(E));
        }
      }
    return M;
  }

  UnitResult unit(const Value &Object) {
    UnitResult Unit;
    Unit.File = path(Object, "file");
    Unit.Failures = strings(Object, "failures");
    for (const Value &D : array(Object, "diagnostics")) {
      std::string Level = string(D, "level");
      ClangTidyError E(string(D, "check"),
                       Level == "error"    ? ClangTidyError::Error
                       : Level == "remark" ? ClangTidyError::Remark
                                           : ClangTidyError::Warning,
                       "", boolean(D, "warningAsError"));
      E.Message = message(object(D, "primary"));
      for (const Value &Note : array(D, "notes"))
        E.Notes.push_back(message(Note));
      Unit.Errors.push_back(std::move(E));
    }
    for (const Value &R : array(Object, "records")) {
      FindingRecord Record;
      Record.Check = string(R, "check");
      Record.File = path(R, "file");
      Record.Offset = number(R, "offset");
      Record.Handler = string(R, "handler");
      Record.HandlerReason = string(R, "handlerReason");
      Record.Callee = string(R, "callee");
      Record.DetachedType = string(R, "detachedType");
      Record.DetachedReason = string(R, "detachedReason");
      Record.ExceptionPolicy = string(R, "exceptionPolicy");
      Record.Suggestion = string(R, "suggestion");
      Record.Chain = strings(R, "chain");
      for (const Value &B : array(R, "borrows"))
        Record.Borrows.push_back(
            {string(B, "kind"), string(B, "name"), string(B, "explanation")});
      Unit.Records.push_back(std::move(Record));
    }
    for (const Value &S : array(Object, "summaries")) {
      TUSummary Summary;
      Summary.Check = string(S, "check");
      Summary.MainFile = path(S, "mainFile");
      Summary.MaxCallDepth = number(S, "maxCallDepth");
      for (const Value &F : array(S, "functions")) {
        SummaryFunction Function;
        Function.Usr = string(F, "usr");
        Function.Name = string(F, "name");
        Function.Loc = location(F, "loc");
        Function.IsHandler = boolean(F, "handler");
        Function.HandlerReason = string(F, "handlerReason");
        for (const Value &Start : array(F, "starts"))
          Function.Starts.push_back({string(Start, "callee"),
                                     string(Start, "detachedType"),
                                     string(Start, "detachedReason"),
                                     string(Start, "exceptionPolicy"),
                                     location(Start, "loc")});
        for (const Value &Call : array(F, "calls"))
          Function.Calls.push_back({string(Call, "usr"), string(Call, "name"),
                                    location(Call, "loc"),
                                    boolean(Call, "defined")});
        Summary.Functions.push_back(std::move(Function));
      }
      Unit.Summaries.push_back(std::move(Summary));
    }
    return Unit;
  }

  std::string Problem;

private:
  const PathMap &Paths;
};

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

llvm::Expected<std::vector<UnitResult>>
readSummaryText(llvm::StringRef Text, llvm::StringRef Root,
                llvm::StringRef Name) {
  auto Invalid = [&Name](const llvm::Twine &Why) {
    return llvm::createStringError(
        std::make_error_code(std::errc::invalid_argument),
        "'" + Name + "' is not a firecrash summary: " + Why);
  };
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(Text);
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return Invalid("it is not valid JSON");
  }
  const llvm::json::Object *Top = Parsed->getAsObject();
  const llvm::json::Value *Format = Top ? Top->get("firecrashSummary") : nullptr;
  if (!Format)
    return Invalid("no 'firecrashSummary' member");
  if (Format->getAsUINT64() != std::optional<uint64_t>(SummaryFormat)) {
    std::string Shown;
    llvm::raw_string_ostream(Shown) << *Format;
    return Invalid("format " + Shown + ", expected " +
                   llvm::Twine(SummaryFormat) +
                   " (written by another firecrash version?)");
  }
  PathMap Paths(Root);
  Reader R(Paths);
  std::vector<UnitResult> Units;
  for (const llvm::json::Value &Unit : R.array(*Parsed, "units")) {
    Units.push_back(R.unit(Unit));
    Units.back().BuildDirectory = Root.str();
  }
  if (!R.Problem.empty())
    return Invalid(R.Problem);
  return Units;
}

} // namespace firecrash
