//===--- SummaryReader.cpp - Read translation-unit results from disk ------===//
//
// Part of firecrash. Reads the summary documents SummaryFile.cpp writes. A
// merge reads tens of thousands of them, so they are parsed with simdjson,
// which parses them about thirty times faster than llvm::json. Only the tool
// reads summaries; the compiler plugin writes them and does not link this.
//
//===----------------------------------------------------------------------===//

#include "SummaryFile.h"
#include "llvm/ADT/Twine.h"
#include <limits>
#include <optional>
#include <simdjson.h>

using namespace clang;
using namespace clang::tidy;

namespace firecrash {

namespace {

using Element = simdjson::dom::element;

/// Reads typed members: the first problem is kept, and every later read
/// returns an empty value.
class Reader {
public:
  explicit Reader(llvm::StringRef Root) : Root(Root) {}

  std::optional<Element> member(Element Object, const char *Key) {
    if (!Problem.empty())
      return std::nullopt;
    simdjson::dom::object O;
    if (Object.get_object().get(O)) {
      Problem = "expected an object around '" + std::string(Key) + "'";
      return std::nullopt;
    }
    Element M;
    if (O.at_key(Key).get(M)) {
      Problem = "missing member '" + std::string(Key) + "'";
      return std::nullopt;
    }
    return M;
  }

  bool has(Element Object, const char *Key) {
    simdjson::dom::object O;
    Element M;
    return !Object.get_object().get(O) && !O.at_key(Key).get(M);
  }

  void wrongType(const char *Key) {
    if (Problem.empty())
      Problem = "member '" + std::string(Key) + "' has the wrong type";
  }

  std::string string(Element Object, const char *Key) {
    std::optional<Element> M = member(Object, Key);
    std::string_view S;
    if (!M)
      return {};
    if (!M->get_string().get(S))
      return std::string(S);
    wrongType(Key);
    return {};
  }
  std::string path(Element Object, const char *Key) {
    return loadPath(string(Object, Key), Root);
  }
  unsigned number(Element Object, const char *Key) {
    std::optional<Element> M = member(Object, Key);
    uint64_t N;
    if (!M)
      return 0;
    if (!M->get_uint64().get(N) && N <= std::numeric_limits<unsigned>::max())
      return static_cast<unsigned>(N);
    wrongType(Key);
    return 0;
  }
  int integer(Element Object, const char *Key) {
    std::optional<Element> M = member(Object, Key);
    int64_t N;
    if (!M)
      return 0;
    if (!M->get_int64().get(N) && N >= std::numeric_limits<int>::min() &&
        N <= std::numeric_limits<int>::max())
      return static_cast<int>(N);
    wrongType(Key);
    return 0;
  }
  /// The unsigned numbers of the array \p Key.
  std::vector<unsigned> numbers(Element Object, const char *Key) {
    std::vector<unsigned> Numbers;
    each(Object, Key, [&](Element E) {
      uint64_t N;
      if (!E.get_uint64().get(N) && N <= std::numeric_limits<unsigned>::max())
        Numbers.push_back(static_cast<unsigned>(N));
      else
        wrongType(Key);
    });
    return Numbers;
  }
  bool boolean(Element Object, const char *Key) {
    std::optional<Element> M = member(Object, Key);
    bool B;
    if (!M)
      return false;
    if (!M->get_bool().get(B))
      return B;
    wrongType(Key);
    return false;
  }
  /// Calls \p Each with every element of the array \p Key.
  template <typename Fn> void each(Element Object, const char *Key, Fn Each) {
    std::optional<Element> M = member(Object, Key);
    simdjson::dom::array A;
    if (!M)
      return;
    if (M->get_array().get(A)) {
      wrongType(Key);
      return;
    }
    for (Element E : A) {
      if (!Problem.empty())
        return;
      Each(E);
    }
  }
  std::optional<Element> object(Element Object, const char *Key) {
    std::optional<Element> M = member(Object, Key);
    if (!M)
      return std::nullopt;
    if (M->is_object())
      return M;
    wrongType(Key);
    return std::nullopt;
  }
  std::vector<std::string> strings(Element Object, const char *Key) {
    std::vector<std::string> Out;
    each(Object, Key, [&](Element E) {
      std::string_view S;
      if (E.get_string().get(S)) {
        if (Problem.empty())
          Problem = "member '" + std::string(Key) + "' holds a non-string";
        return;
      }
      Out.emplace_back(S);
    });
    if (!Problem.empty())
      return {};
    return Out;
  }

  SummaryLocation location(Element Object, const char *Key) {
    SummaryLocation Loc;
    std::optional<Element> V = object(Object, Key);
    if (!V)
      return Loc;
    Loc.File = path(*V, "file");
    Loc.Line = number(*V, "line");
    Loc.Column = number(*V, "column");
    return Loc;
  }

  tooling::DiagnosticMessage message(Element Object) {
    tooling::DiagnosticMessage M;
    M.Message = string(Object, "message");
    M.FilePath = path(Object, "file");
    M.FileOffset = number(Object, "offset");
    if (has(Object, "fixes"))
      each(Object, "fixes", [&](Element Fix) {
        std::string File = path(Fix, "file");
        tooling::Replacement R(File, number(Fix, "offset"),
                               number(Fix, "length"), string(Fix, "text"));
        if (llvm::Error E = M.Fix[File].add(R)) {
          if (Problem.empty())
            Problem = "conflicting fixes: " + llvm::toString(std::move(E));
          else
            llvm::consumeError(std::move(E));
        }
      });
    return M;
  }

  UnitResult unit(Element Object) {
    UnitResult Unit;
    Unit.File = path(Object, "file");
    Unit.Failures = strings(Object, "failures");
    if (has(Object, "failureKind"))
      Unit.FailureKind = string(Object, "failureKind");
    if (has(Object, "dependencies"))
      for (const std::string &File : strings(Object, "dependencies"))
        Unit.Dependencies.push_back(loadPath(File, Root));
    each(Object, "diagnostics", [&](Element D) {
      std::string Level = string(D, "level");
      ClangTidyError E(string(D, "check"),
                       Level == "error"    ? ClangTidyError::Error
                       : Level == "remark" ? ClangTidyError::Remark
                                           : ClangTidyError::Warning,
                       "", boolean(D, "warningAsError"));
      if (std::optional<Element> Primary = object(D, "primary"))
        E.Message = message(*Primary);
      each(D, "notes", [&](Element Note) { E.Notes.push_back(message(Note)); });
      Unit.Errors.push_back(std::move(E));
    });
    each(Object, "records", [&](Element R) {
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
      each(R, "borrows", [&](Element B) {
        Record.Borrows.push_back(
            {string(B, "kind"), string(B, "name"), string(B, "explanation")});
      });
      Unit.Records.push_back(std::move(Record));
    });
    each(Object, "summaries", [&](Element S) {
      TUSummary Summary;
      Summary.Check = string(S, "check");
      Summary.MainFile = path(S, "mainFile");
      Summary.MaxCallDepth = number(S, "maxCallDepth");
      Summary.RequireBorrowedState = boolean(S, "requireBorrowedState");
      Summary.ReportOwnedWork = boolean(S, "reportOwnedWork");
      Summary.DefersToDetachingSpawn = boolean(S, "defersToDetachingSpawn");
      each(S, "functions", [&](Element F) {
        SummaryFunction Function;
        Function.Usr = string(F, "usr");
        Function.Name = string(F, "name");
        Function.Loc = location(F, "loc");
        Function.IsHandler = boolean(F, "handler");
        Function.HandlerReason = string(F, "handlerReason");
        each(F, "starts", [&](Element Start) {
          SummaryStart S{string(Start, "callee"), string(Start, "detachedType"),
                         string(Start, "detachedReason"),
                         string(Start, "exceptionPolicy"),
                         location(Start, "loc")};
          S.CatchesAll = boolean(Start, "catchesAll");
          S.KeptParams = numbers(Start, "keptParams");
          Function.Starts.push_back(std::move(S));
        });
        each(F, "calls", [&](Element Call) {
          SummaryCall C{string(Call, "usr"), string(Call, "name"),
                        location(Call, "loc"), boolean(Call, "defined")};
          C.Detaching = boolean(Call, "detaching");
          each(Call, "args", [&](Element Arg) {
            C.Args.push_back({number(Arg, "index"), integer(Arg, "source"),
                              string(Arg, "name")});
          });
          Function.Calls.push_back(std::move(C));
        });
        Summary.Functions.push_back(std::move(Function));
      });
      Unit.Summaries.push_back(std::move(Summary));
    });
    return Unit;
  }

  std::string Problem;

private:
  llvm::StringRef Root;
};

} // namespace

llvm::Expected<std::vector<UnitResult>> readSummaryText(llvm::StringRef Text,
                                                        llvm::StringRef Root,
                                                        llvm::StringRef Name) {
  auto Invalid = [&Name](const llvm::Twine &Why) {
    return llvm::createStringError(
        std::make_error_code(std::errc::invalid_argument),
        "'" + Name + "' is not a firecrash summary: " + Why);
  };
  // One parser per thread keeps its buffers from one document to the next.
  static thread_local simdjson::dom::parser Parser;
  // simdjson copies from the text's pointer, which an empty one may not
  // have (found by fuzzing: a cache entry with an empty summary).
  if (Text.empty())
    return Invalid("it is empty");
  Element Top;
  if (Parser.parse(Text.data(), Text.size(), /*realloc_if_needed=*/true)
          .get(Top))
    return Invalid("it is not valid JSON");
  simdjson::dom::object TopObject;
  Element Format;
  if (Top.get_object().get(TopObject) ||
      TopObject.at_key("firecrashSummary").get(Format))
    return Invalid("no 'firecrashSummary' member");
  uint64_t Number;
  if (Format.get_uint64().get(Number) || Number != SummaryFormat)
    return Invalid("format " + simdjson::to_string(Format) + ", expected " +
                   llvm::Twine(SummaryFormat) +
                   " (written by another firecrash version?)");
  Reader R(Root);
  std::vector<UnitResult> Units;
  R.each(Top, "units", [&](Element Unit) {
    Units.push_back(R.unit(Unit));
    Units.back().BuildDirectory = Root.str();
  });
  if (!R.Problem.empty())
    return Invalid(R.Problem);
  return Units;
}

} // namespace firecrash
