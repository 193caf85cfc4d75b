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
class FunctionDecl;
class SourceLocation;
class SourceManager;
} // namespace clang

namespace firecrash {

class BorrowFinder;
class DetachedTypeOracle;
class HandlerOracle;
struct Borrow;
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
  /// The started coroutine's body keeps every exception.
  bool CatchesAll = false;
  /// Reference and pointer parameters of the function the start is written
  /// in whose state the detached work keeps (by index).
  std::vector<unsigned> KeptParams = {};
};

/// What a call lends its callee: the argument bound to a reference or
/// pointer parameter, and what it names in the caller.
struct SummaryArg {
  unsigned Index = 0;
  /// The caller's own local or by-value parameter (-1), or the caller's
  /// reference or pointer parameter of that index, handed on.
  int Source = -1;
  std::string Name;
};

/// A call to another function outside system headers.
struct SummaryCall {
  std::string CalleeUsr;
  std::string CalleeName;
  SummaryLocation Loc;
  /// True if the callee's body is in the same translation unit.
  bool Defined = false;
  /// True if the call is a detaching API (option DetachingCallees).
  bool Detaching = false;
  std::vector<SummaryArg> Args = {};
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
  /// How the check decides, as configured for this translation unit: only
  /// starts that borrow request state; also work that owns its state and
  /// lets no exception escape; leave chains through detaching APIs to
  /// firecrash-detaching-spawn.
  bool RequireBorrowedState = false;
  bool ReportOwnedWork = false;
  bool DefersToDetachingSpawn = false;
  std::vector<SummaryFunction> Functions;
};

/// Returns the absolute file, line and column of \p Loc (its file location).
SummaryLocation summaryLocation(const clang::SourceManager &SM,
                                clang::SourceLocation Loc);

/// Describes a call that starts detached work, for a summary; it is given
/// the function the call is written in.
using StartDescriber = std::function<std::optional<SummaryStart>(
    const CallSite &, const clang::FunctionDecl *)>;

/// Tells whether a call is a detaching API.
using DetachingTest = std::function<bool(const CallSite &)>;

/// Summarizes every function defined outside system headers in \p Ctx, as
/// \p Calls (with its check's start classifier) sees them.
TUSummary summarizeTranslationUnit(clang::ASTContext &Ctx,
                                   HandlerOracle &Handlers, Reach &Calls,
                                   const StartDescriber &Describe,
                                   unsigned MaxCallDepth,
                                   const DetachingTest &IsDetaching = nullptr);

/// Describes starts of detached coroutines: what they keep of the function
/// they are started in comes from \p Borrows.
StartDescriber describeDetachedStarts(clang::ASTContext &Ctx,
                                      DetachedTypeOracle &Detached,
                                      BorrowFinder &Borrows);

/// The indices of \p Frame's reference and pointer parameters among
/// \p Kept, borrows of a start written in it.
std::vector<unsigned> keptParameters(const clang::FunctionDecl *Frame,
                                     llvm::ArrayRef<Borrow> Kept);

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
  /// What of the handler's state detached work reached through the entry
  /// keeps: the entry's arguments bound to parameters that escape.
  std::vector<SummaryArg> Borrowed;
};

/// Merges summaries of one check and returns, for every call in a handler
/// to a function its translation unit does not define, the shortest chain to
/// a detached start (at most each summary's MaxCallDepth functions long)
/// that the check reports by the same rules as within one file: the
/// handler's state the work keeps (reference and pointer parameters that
/// escape into detached work, propagated over the call graph), whether its
/// exceptions can escape, and the handler's unit's options. Deterministic;
/// linear in the size of the summaries.
std::vector<CrossFinding>
mergeSummaries(llvm::ArrayRef<const TUSummary *> Units);
std::vector<CrossFinding> mergeSummaries(const std::vector<TUSummary> &Units);

} // namespace firecrash

#endif // FIRECRASH_ANALYSIS_SUMMARY_H
