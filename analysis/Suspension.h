//===--- Suspension.h - What a coroutine does before it suspends -*- C++ -*-===//
//
// Part of firecrash. The evidence a coroutine's own body gives: whether it
// ever suspends (a coroutine that starts eagerly and never suspends runs to
// completion inside the call), whether an exception can leave its body for
// unhandled_exception(), and whether what it is given (a reference
// parameter, a capture, 'this') is still used once it has first suspended.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_ANALYSIS_SUSPENSION_H
#define FIRECRASH_ANALYSIS_SUSPENSION_H

#include "DetachedTypes.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace firecrash {

/// The first suspension point (co_await, co_yield) of \p S in source order,
/// not counting nested lambdas.
const clang::CoroutineSuspendExpr *firstSuspension(const clang::Stmt *S);

/// True if \p FD is a template instantiation whose body clang never built
/// because the unit hit a fatal error (clang then skips pending
/// instantiations): the evidence of its body is missing, not absent.
bool instantiationSkipped(const clang::FunctionDecl *FD);

/// True if \p Suspend never suspends: its awaiter's await_ready() is a
/// constant true ("co_await std::suspend_never{}").
bool alwaysReady(const clang::CoroutineSuspendExpr *Suspend);

/// Returns the definition of \p FD that has a body (for a template
/// specialization, its instantiation), or null.
const clang::FunctionDecl *definitionWithBody(const clang::FunctionDecl *FD);

/// Returns the handler 'catch (...)' that keeps every exception inside the
/// body of \p Coroutine: each statement of the body is a try block with such
/// a handler (and no handler of that try throws again), or a statement that
/// cannot throw ('co_return;'); a function-try-block counts too. Null when
/// an exception can reach the promise's unhandled_exception().
const clang::CXXCatchStmt *catchesEverything(const clang::FunctionDecl *Coroutine);

/// How a coroutine still uses what it was given after it first suspends.
enum class LateUseKind {
  /// Read or written after the first suspension (or in a loop that
  /// suspends; for a coroutine that starts lazily, anywhere in its body).
  Read,
  /// Its object is the operand of co_await: it must live across the
  /// suspension.
  Awaited,
  /// A callable among what it was given is called for a task: the task's
  /// coroutine can refer into the callable (its 'this').
  CalledForTask,
  /// Handed on by reference (captured by reference, passed to a coroutine
  /// that is not visible here), so nothing shows when its use ends.
  HandedOn,
};

/// The first use of a tracked value that can happen after the coroutine
/// first suspends.
struct LateUse {
  LateUseKind Kind = LateUseKind::Read;
  clang::SourceLocation Loc;
  /// The name the use is spelled with ("req", "this", "callback").
  std::string Name;
  /// The function whose body holds the use.
  const clang::FunctionDecl *Function = nullptr;
};

/// What to track through a body: parameters, captured variables and
/// init-captures, and 'this'.
struct UseTarget {
  llvm::SmallVector<const clang::VarDecl *, 4> Vars;
  bool This = false;
  /// A pointer or a view: copies keep pointing at the borrowed object, so
  /// only using the pointee ends the borrow; for an object (Indirect false)
  /// a copy or move made before the first suspension consumes it.
  bool Indirect = false;
  /// The tracked values are a closure's members: only the objects it holds
  /// by value (ByValue) can be what a task from one of them points into; a
  /// captured pointer or reference points elsewhere.
  bool InClosure = false;
  llvm::SmallVector<const clang::VarDecl *, 4> ByValue;
};

/// Reads coroutine bodies for evidence, caching per function.
class SuspensionAnalysis {
public:
  SuspensionAnalysis(clang::ASTContext &Ctx, DetachedTypeOracle &Detached)
      : Context(Ctx), Detached(Detached) {}

  /// True if a call of \p FD runs it to completion within the call: it is
  /// a coroutine defined here that starts eagerly (initial_suspend() never
  /// suspends) and every suspension point of its body completes inline (it
  /// has none, or each awaits a lazy task created there that itself
  /// completes inline, by symmetric transfer both ways).
  bool runsToCompletion(const clang::FunctionDecl *FD);

  /// True if \p Wrapper (a detaching API defined here, such as
  /// drogon::async_run) only hands what it is given to detached coroutines
  /// that run to completion within the call: the work it is given has
  /// finished when it returns.
  bool completesWork(const clang::FunctionDecl *Wrapper);

  /// Returns the first use of \p Target in the body of \p FD (a coroutine,
  /// or an ordinary function such as a wrapper that hands it on) that can
  /// happen after the coroutine has first suspended; nothing when every use
  /// precedes that, so what was given is consumed while the caller still
  /// waits. Calls are followed into visible callees up to \p Depth deep.
  /// Without a visible body, returns nothing: ask hasVisibleBody() first.
  std::optional<LateUse> lateUse(const clang::FunctionDecl *FD,
                                 const UseTarget &Target, unsigned Depth = 4);

  /// True if parameter \p Index of the coroutine \p FD, a reference or
  /// pointer (the loop), alone resumes it: \p FD starts eagerly and each suspension
  /// point of its body awaits an operation of the loop ("co_await
  /// loop.recv(fd)", "co_await loop.schedule()"), or a coroutine handed the loop that
  /// is itself resumed only by it. Once the loop is gone nothing resumes the
  /// coroutine, so no use of the loop after a suspension can outlive it.
  bool resumedOnlyBy(const clang::FunctionDecl *FD, unsigned Index);

  /// True if \p FD has a body this analysis reads (outside system headers).
  bool hasVisibleBody(const clang::FunctionDecl *FD) const;

  /// True if \p T is a coroutine return type: it names a promise_type or
  /// can be co_awaited.
  bool isCoroutineType(clang::QualType T);

  clang::ASTContext &context() { return Ctx; }

private:
  /// resumedOnlyBy() without the eager start: for a coroutine awaited
  /// from one, whose first run is its awaiter's.
  bool suspendsOnlyOn(
      const clang::FunctionDecl *Def,
      const llvm::SmallPtrSetImpl<const clang::ParmVarDecl *> &Loops,
      unsigned Depth);
  /// True if every suspension point of \p Def's body completes inline.
  bool completesOnceStarted(const clang::FunctionDecl *Def, unsigned Depth);
  /// True if \p Await, in the coroutine \p Awaiting, completes without
  /// leaving the coroutine's caller waiting: it awaits, by symmetric
  /// transfer, a lazy task created in the body whose coroutine completes
  /// once started and transfers back when it finishes.
  bool completesInline(const clang::CoroutineSuspendExpr *Await,
                       const clang::FunctionDecl *Awaiting, unsigned Depth);

  clang::ASTContext &Context;
  clang::ASTContext &Ctx = Context;
  DetachedTypeOracle &Detached;
  llvm::DenseMap<const clang::FunctionDecl *, bool> Completes;
  llvm::DenseMap<const clang::FunctionDecl *, bool> Wrappers;
};

} // namespace firecrash

#endif // FIRECRASH_ANALYSIS_SUSPENSION_H
