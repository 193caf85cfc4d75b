//===--- Borrows.h - What a detached start borrows ------------*- C++ -*-===//
//
// Part of firecrash. Finds the handler state a call lends to the coroutine it
// starts: references and pointers to locals and parameters, raw 'this',
// captures by reference, and closures that die before the coroutine does.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_ANALYSIS_BORROWS_H
#define FIRECRASH_ANALYSIS_BORROWS_H

#include "Joins.h"
#include "Suspension.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace firecrash {

enum class BorrowKind {
  /// A reference parameter bound to a handler local or parameter.
  Reference,
  /// A pointer to a handler local or parameter.
  Pointer,
  /// A reference parameter bound to a temporary of the call's statement.
  Temporary,
  /// A view (std::string_view, std::span) into a handler local.
  View,
  /// A member coroutine called on raw 'this'.
  RawThis,
  /// A member coroutine called on a handler local.
  ObjectLocal,
  /// A lambda capture by reference of a handler local.
  CaptureByReference,
  /// A lambda capture of 'this'.
  CaptureThis,
  /// A lambda coroutine whose closure is a temporary of the call.
  DyingClosure,
  /// A lambda coroutine whose closure is a handler local.
  LocalClosure,
};

/// Returns a stable lower-case name for \p Kind ("reference", ...).
llvm::StringRef borrowKindName(BorrowKind Kind);

/// One piece of the caller's state that the started coroutine refers to.
struct Borrow {
  BorrowKind Kind;
  /// Where to point at: the argument, the capture, or the closure.
  clang::SourceLocation Loc;
  /// The borrowed variable's name, when there is one.
  std::string Name;
  /// A complete, lower-case explanation for a note.
  std::string Explanation;
  /// The borrowed variable of the caller, when a variable is borrowed.
  const clang::VarDecl *Var = nullptr;
  /// The parameter of the callee it is bound to, or -1 (the object, a
  /// capture).
  int ParamIndex = -1;
  /// The work that uses it (for joins).
  WorkRef Work = WorkRef();
  /// Where the coroutine still uses it after it first suspends, when its
  /// body shows it.
  std::optional<LateUse> Late = std::nullopt;
  /// A wait of the frame that does not join the work: a rendezvous
  /// signalled before the work's last use, or a plain wait for other work.
  std::optional<Join> EarlySignal = std::nullopt;
};

/// How a borrow describes the caller's variables: "handler local 'x'" for a
/// request handler, "local 'x'" for any other function.
enum class FrameRole { Handler, Function };

/// Returns what \p Call, written in \p Caller, lends to the coroutine it
/// starts.
llvm::SmallVector<Borrow, 4>
findBorrows(const clang::ASTContext &Ctx, const clang::CallExpr *Call,
            const clang::FunctionDecl *Caller,
            FrameRole Role = FrameRole::Handler);

/// Returns what the work handed to a detaching call \p Call (written in
/// \p Caller) borrows: the arguments of a coroutine call passed to it,
/// captures of a lambda passed to it, std::ref of locals; for a member call
/// such as thread.detach(), the arguments the object was constructed with.
llvm::SmallVector<Borrow, 4>
findWorkBorrows(const clang::ASTContext &Ctx, const clang::CallExpr *Call,
                const clang::FunctionDecl *Caller,
                FrameRole Role = FrameRole::Handler);

/// Returns the local or parameter of \p Caller that \p E designates, looking
/// through member accesses on it ("req.body" designates "req") but not
/// through pointers.
const clang::VarDecl *designatedVariable(const clang::Expr *E,
                                         const clang::FunctionDecl *Caller);

/// Returns the coroutine call that creates the work a member call such as
/// "work(x).via(&ex).start(cb)" is made on: through adapters that pass the
/// work along (member functions of it, free functions taking it), std::move,
/// and a local holding it. Null when the object is not such a chain.
const clang::CallExpr *chainedWork(const clang::Expr *Object,
                                   const clang::FunctionDecl *Caller,
                                   unsigned Depth = 0);

/// True if \p VD lives in its function's own frame and dies with it: a local
/// or a by-value parameter, not a reference and not static.
bool isFrameOwned(const clang::VarDecl *VD);

/// Returns the local or parameter of \p Caller that the pointer \p E points
/// to: '&x', an array, or a pointer local initialized with one.
const clang::VarDecl *pointedLocal(const clang::Expr *E,
                                   const clang::FunctionDecl *Caller,
                                   unsigned Depth = 0);

class HandlerOracle;
struct CallChain;

/// Finds borrows and keeps those the evidence supports: 'this' of an object
/// the framework keeps for the life of the process borrows nothing; a
/// coroutine that consumes what it is given before it first suspends keeps
/// nothing of it; work the frame joins before the state dies outlives
/// nothing.
class BorrowFinder {
public:
  BorrowFinder(clang::ASTContext &Ctx, SuspensionAnalysis &Suspensions,
               const HandlerOracle &Handlers, JoinOracle &Joins)
      : Ctx(Ctx), Suspensions(Suspensions), Handlers(Handlers), Joins(Joins) {}

  /// What starting a coroutine (or an eager task) with \p Call lends it and
  /// it still uses after it first suspends.
  llvm::SmallVector<Borrow, 4> ofCoroutine(const clang::CallExpr *Call,
                                           const clang::FunctionDecl *Caller,
                                           FrameRole Role);

  /// What the work handed to a detaching call borrows.
  llvm::SmallVector<Borrow, 4> ofWork(const clang::CallExpr *Call,
                                      const clang::FunctionDecl *Caller,
                                      FrameRole Role);

  /// What the work built from \p Args (a handle's constructor or call
  /// arguments) borrows; the handle's own lifetime is for the caller.
  llvm::SmallVector<Borrow, 4> ofHandle(llvm::ArrayRef<const clang::Expr *> Args,
                                        const clang::FunctionDecl *Caller,
                                        FrameRole Role);

  /// What a chain started in \p Handler borrows from it: the borrows of the
  /// start (of a detaching call when \p Detaching) that reach the handler's
  /// state through the reference and pointer parameters of the functions in
  /// between.
  llvm::SmallVector<Borrow, 4> ofChain(const CallChain &Chain,
                                       const clang::FunctionDecl *Handler,
                                       bool Detaching);

  /// Where \p Frame waits for the work \p B was lent to, after \p Start.
  std::optional<Join> joinOf(const clang::FunctionDecl *Frame,
                             const clang::Expr *Start, const Borrow &B) {
    // A temporary dies with its statement: no later wait saves it.
    if (!B.Work.Var)
      return std::nullopt;
    return Joins.find(Frame, Start, B.Work);
  }

  /// True if \p Frame waits for the work \p Start started before it
  /// returns (the scope it was spawned on joined, the context run).
  bool joinedBeforeReturn(const clang::FunctionDecl *Frame,
                          const clang::Expr *Start) {
    std::optional<Join> J = Joins.find(Frame, Start, WorkRef());
    return J && J->joins() && J->UseAfterSignal.isInvalid();
  }

private:
  /// True if the body of \p Callee (the work) no longer uses what \p B
  /// lends once it first suspends, or uses only the loop that alone resumes
  /// it; records the late use in \p B otherwise.
  bool consumedEarly(Borrow &B, const clang::FunctionDecl *Callee);

  /// Drops borrows of a long-lived 'this' and joined work; records early
  /// signals.
  void keepUnjoined(const clang::CallExpr *Call,
                    const clang::FunctionDecl *Caller,
                    llvm::SmallVectorImpl<Borrow> &Borrows);

  clang::ASTContext &Ctx;
  SuspensionAnalysis &Suspensions;
  const HandlerOracle &Handlers;
  JoinOracle &Joins;
};

} // namespace firecrash

#endif // FIRECRASH_ANALYSIS_BORROWS_H
