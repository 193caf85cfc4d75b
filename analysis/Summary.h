//===--- Summary.h - Per-translation-unit summaries, merged ----*- C++ -*-===//
//
// Part of firecrash. What one translation unit knows about its functions, in
// plain data: which are request handlers, which start detached coroutines
// directly, and which functions they call. Merging the summaries of many
// translation units finds handler -> ... -> detached chains that cross files.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_ANALYSIS_SUMMARY_H
#define FIRECRASH_ANALYSIS_SUMMARY_H

#include "llvm/ADT/ArrayRef.h"
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class SourceLocation;
class SourceManager;
} // namespace clang

namespace firecrash {

class DetachedTypeOracle;
class HandlerOracle;
class Reach;
struct CallSite;

struct SummaryLocation {
  std::string File; // absolute
  unsigned Line = 0;
  unsigned Column = 0;
};

/// A call that starts a detached coroutine.
struct SummaryStart {
  std::string Callee;
  std::string DetachedType;
  std::string DetachedReason;
  std::string ExceptionPolicy;
  SummaryLocation Loc;
};

/// A call to another function outside system headers.
struct SummaryCall {
  std::string CalleeUsr;
  std::string CalleeName;
  SummaryLocation Loc;
  /// True if the callee's body is in the same translation unit.
  bool Defined = false;
};

struct SummaryFunction {
  std::string Usr;
  std::string Name;
  SummaryLocation Loc;
  bool IsHandler = false;
  std::string HandlerReason;
  std::vector<SummaryStart> Starts;
  std::vector<SummaryCall> Calls;
};

struct TUSummary {
  /// The check whose notion of "starts detached work" the summary records;
  /// summaries merge only with those of the same check.
  std::string Check;
  std::string MainFile;
  unsigned MaxCallDepth = 5;
  std::vector<SummaryFunction> Functions;
};

/// Returns the absolute file, line and column of \p Loc (its file location).
SummaryLocation summaryLocation(const clang::SourceManager &SM,
                                clang::SourceLocation Loc);

/// Describes a call that starts detached work, for a summary.
using StartDescriber = std::function<std::optional<SummaryStart>(const CallSite &)>;

/// Summarizes every function defined outside system headers in \p Ctx, as
/// \p Calls (with its check's start classifier) sees them.
TUSummary summarizeTranslationUnit(clang::ASTContext &Ctx,
                                   HandlerOracle &Handlers, Reach &Calls,
                                   const StartDescriber &Describe,
                                   unsigned MaxCallDepth);

/// Describes starts of detached coroutines.
StartDescriber describeDetachedStarts(clang::ASTContext &Ctx,
                                      DetachedTypeOracle &Detached);

/// One hop of a chain that crosses translation units.
struct CrossHop {
  std::string Caller;
  std::string Callee;
  SummaryLocation Loc;
};

/// A handler -> ... -> detached chain found only by merging summaries.
struct CrossFinding {
  std::string Handler;
  std::string HandlerReason;
  SummaryLocation HandlerLoc;
  /// The call in the handler to a function defined in another file.
  SummaryCall Entry;
  /// Every later hop; the last one starts the detached coroutine.
  std::vector<CrossHop> Hops;
  SummaryStart Start;
};

/// Merges summaries of one check and returns, for every call in a handler
/// to a function its translation unit does not define, the shortest chain to
/// a detached start (at most each summary's MaxCallDepth functions long), in
/// a deterministic order. Linear in the size of the summaries.
std::vector<CrossFinding>
mergeSummaries(llvm::ArrayRef<const TUSummary *> Units);
std::vector<CrossFinding> mergeSummaries(const std::vector<TUSummary> &Units);

} // namespace firecrash

#endif // FIRECRASH_ANALYSIS_SUMMARY_H
