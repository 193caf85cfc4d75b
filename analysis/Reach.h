//===--- Reach.h - Detached starts reachable from a function --*- C++ -*-===//
//
// Part of firecrash. Per-function summaries of the calls a body makes, and the
// shortest call chains from a handler to the calls that start detached
// coroutines.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_ANALYSIS_REACH_H
#define FIRECRASH_ANALYSIS_REACH_H

#include "DetachedTypes.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <optional>
#include <vector>

namespace firecrash {

/// One call written in a function body.
struct CallSite {
  const clang::CallExpr *Call = nullptr;
  const clang::FunctionDecl *Callee = nullptr;
  /// The file location of the call (the macro expansion for macro calls).
  clang::SourceLocation Loc;
  /// True if the call itself starts a detached coroutine.
  bool StartsDetached = false;
  /// True if the call is a whole statement of a block and its value unused.
  bool Discarded = false;
  /// True if the call's value is dropped: Discarded, or cast to void.
  bool Dropped = false;
  /// True if the call's result is the operand of co_await or co_yield.
  bool Awaited = false;
  /// True if the call is inside a catch handler (where co_await is illegal).
  bool InCatch = false;
  /// True if the callee is only declared here (defined in another
  /// translation unit, or nowhere); such sites matter to cross-TU summaries.
  bool External = false;
};

/// The calls a function body makes, in source order, that either start a
/// detached coroutine or enter another function declared outside system
/// headers (defined here, or External).
struct FunctionSummary {
  llvm::SmallVector<CallSite, 8> Sites;
};

/// A chain of calls: Hops.front() is written in the handler, every later hop
/// in the callee of the hop before, and Hops.back() starts the detached
/// coroutine.
struct CallChain {
  llvm::SmallVector<CallSite, 4> Hops;
};

/// Decides which calls start detached work; each check brings its own.
class StartClassifier {
public:
  virtual ~StartClassifier();
  /// \p Discarded: the call's result is dropped (a whole statement, or
  /// cast to void).
  virtual bool startsDetached(const clang::CallExpr &Call,
                              const clang::FunctionDecl &Callee,
                              bool Discarded) = 0;
};

class SuspensionAnalysis;

/// Calls of coroutines whose return type is detached. A function that
/// returns a detached type but is defined here as an ordinary function is a
/// wrapper: the coroutine it starts is found in its body instead. With
/// \p Suspensions, a coroutine that runs to completion inside the call
/// (eager, and no suspension point in its body) starts nothing that
/// outlives the call.
class DetachedCoroutineStarts : public StartClassifier {
public:
  explicit DetachedCoroutineStarts(DetachedTypeOracle &Oracle,
                                   SuspensionAnalysis *Suspensions = nullptr)
      : Oracle(Oracle), Suspensions(Suspensions) {}
  bool startsDetached(const clang::CallExpr &,
                      const clang::FunctionDecl &Callee,
                      bool Discarded) override;

private:
  DetachedTypeOracle &Oracle;
  SuspensionAnalysis *Suspensions;
};

/// Computes summaries once per function and walks them.
class Reach {
public:
  Reach(clang::ASTContext &Ctx, StartClassifier &Starts)
      : Ctx(Ctx), Starts(Starts) {}

  /// Returns the summary of \p FD's body (empty without a body).
  const FunctionSummary &summary(const clang::FunctionDecl *FD);

  /// Returns, for every call in \p Handler that starts a detached coroutine
  /// directly or through at most \p MaxDepth intermediate functions, the
  /// shortest such chain; in source order.
  std::vector<CallChain> startsFrom(const clang::FunctionDecl *Handler,
                                    unsigned MaxDepth);

private:
  std::optional<CallChain> shortestFrom(const CallSite &Entry,
                                        unsigned MaxDepth);

  clang::ASTContext &Ctx;
  StartClassifier &Starts;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionSummary>>
      Summaries;
  llvm::DenseMap<std::pair<const clang::FunctionDecl *, unsigned>,
                 std::optional<CallChain>>
      ChainCache;
};

} // namespace firecrash

#endif // FIRECRASH_ANALYSIS_REACH_H
