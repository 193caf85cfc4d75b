//===--- BodyWalk.h - Walking what a function body runs -------*- C++ -*-===//
//
// Part of firecrash. The traversal every body analysis shares: it follows
// what runs when the body runs, so it does not enter lambda bodies (they run
// when called) nor unevaluated operands, looks only at the written operand of
// co_await and co_return (not what Sema synthesizes around them), and knows
// when it is inside a catch handler and which statement of a block it is in.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_ANALYSIS_BODYWALK_H
#define FIRECRASH_ANALYSIS_BODYWALK_H

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace firecrash {

/// Strips what stands between an expression and the value it carries:
/// parentheses, implicit casts, cleanups, temporaries and their bindings,
/// and with \p Functional also functional casts ("T(x)").
inline const clang::Expr *ignoreTemporaries(const clang::Expr *E,
                                            bool Functional = false) {
  using namespace clang;
  for (unsigned Guard = 0; E && Guard < 16; ++Guard) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
      E = Cleanups->getSubExpr();
    else if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
      E = Temp->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr();
    else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E);
             Cast && Functional)
      E = Cast->getSubExpr();
    else
      break;
  }
  return E;
}

/// Returns the argument of \p Call bound to parameter \p Index of \p Callee
/// (after the object of an operator call), or null for a default argument.
inline const clang::Expr *argumentFor(const clang::CallExpr *Call,
                                      const clang::FunctionDecl *Callee,
                                      unsigned Index) {
  using namespace clang;
  unsigned Offset = isa<CXXOperatorCallExpr>(Call) &&
                            isa<CXXMethodDecl>(Callee) &&
                            cast<CXXMethodDecl>(Callee)->isInstance()
                        ? 1
                        : 0;
  if (Index + Offset >= Call->getNumArgs())
    return nullptr;
  const Expr *Arg = Call->getArg(Index + Offset);
  return isa<CXXDefaultArgExpr>(Arg) ? nullptr : Arg;
}

/// CRTP base; \p Derived may define lambda(), statement(), endBlock(),
/// awaited() (the written operand of co_await or co_yield, before it is
/// visited) and expression() (return false to skip an expression's
/// children).
template <typename Derived> class BodyWalk {
public:
  void visit(const clang::Stmt *S) {
    using namespace clang;
    if (!S)
      return;
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      derived().lambda(Lambda);
      for (const Expr *Init : Lambda->capture_inits())
        visit(Init);
      return;
    }
    if (isa<UnaryExprOrTypeTraitExpr>(S))
      return;
    if (const auto *TypeId = dyn_cast<CXXTypeidExpr>(S))
      if (!TypeId->isPotentiallyEvaluated())
        return;
    if (const auto *Body = dyn_cast<CoroutineBodyStmt>(S)) {
      visit(Body->getBody());
      return;
    }
    if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(S)) {
      derived().awaited(Suspend->getOperand());
      visit(Suspend->getOperand());
      return;
    }
    if (const auto *Return = dyn_cast<CoreturnStmt>(S)) {
      visit(Return->getOperand());
      return;
    }
    if (const auto *Catch = dyn_cast<CXXCatchStmt>(S)) {
      ++CatchDepth;
      visit(Catch->getHandlerBlock());
      --CatchDepth;
      return;
    }
    if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
      for (const Stmt *Child : Block->body()) {
        derived().statement(Child);
        visit(Child);
      }
      derived().endBlock();
      return;
    }
    if (!derived().expression(S))
      return;
    for (const Stmt *Child : S->children())
      visit(Child);
  }

protected:
  void lambda(const clang::LambdaExpr *) {}
  void statement(const clang::Stmt *) {}
  void endBlock() {}
  void awaited(const clang::Expr *) {}
  bool expression(const clang::Stmt *) { return true; }

  /// How many catch handlers enclose the statement being visited.
  unsigned CatchDepth = 0;

private:
  Derived &derived() { return static_cast<Derived &>(*this); }
};

} // namespace firecrash

#endif // FIRECRASH_ANALYSIS_BODYWALK_H
