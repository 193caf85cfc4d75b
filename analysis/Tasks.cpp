//===--- Tasks.cpp - Call results a body never awaits ---------------------===//

#include "Tasks.h"
#include "BodyWalk.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace firecrash {
namespace {

/// Strips what stands between a statement and the call that forms it.
const Expr *statementCall(const Stmt *S, bool &CastToVoid) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  for (unsigned Guard = 0; E && Guard < 16; ++Guard) {
    E = E->IgnoreParens();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E)) {
      E = Cleanups->getSubExpr();
      continue;
    }
    if (const auto *Cast = dyn_cast<CastExpr>(E)) {
      if (Cast->getCastKind() == CK_ToVoid)
        CastToVoid = true;
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = Bind->getSubExpr();
      continue;
    }
    if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = Temp->getSubExpr();
      continue;
    }
    break;
  }
  return E;
}

/// Walks one body: discarded calls, locals initialized from calls, and every
/// use of those locals.
class ResultCollector : public BodyWalk<ResultCollector> {
public:
  void lambda(const LambdaExpr *Lambda) {
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Capture.capturesVariable())
        if (const auto *VD = dyn_cast<VarDecl>(Capture.getCapturedVar()))
          Consumed.insert(VD);
  }

  void statement(const Stmt *Child) {
    bool CastToVoid = false;
    if (const auto *Call =
            dyn_cast_or_null<CallExpr>(statementCall(Child, CastToVoid)))
      Discarded.push_back({Call, nullptr, CastToVoid, CatchDepth > 0});
    const auto *Decl = dyn_cast<DeclStmt>(Child);
    if (!Decl || !Decl->isSingleDecl())
      return;
    const auto *VD = dyn_cast<VarDecl>(Decl->getSingleDecl());
    if (!VD || !VD->hasLocalStorage() || !VD->getInit() ||
        VD->getType()->isReferenceType())
      return;
    bool Ignored = false;
    if (const auto *Call =
            dyn_cast_or_null<CallExpr>(statementCall(VD->getInit(), Ignored)))
      Stored.push_back({Call, VD, false, CatchDepth > 0});
  }

  bool expression(const Stmt *S) {
    // t.get() on a task whose get() blocks until it completes waits for it.
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S); Call && Waits)
      if (const auto *Ref = dyn_cast<DeclRefExpr>(
              Call->getImplicitObjectArgument()->IgnoreParenImpCasts()))
        if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
            VD && Waits(Call))
          Consumed.insert(VD);
    // t.valid(), t.done(): looking at a task does not consume it.
    if (const auto *Member = dyn_cast<MemberExpr>(S))
      if (isa<DeclRefExpr>(Member->getBase()->IgnoreParenImpCasts()))
        return false;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
        Consumed.insert(VD);
    return true;
  }

  std::vector<DroppedResult> Discarded;
  std::vector<DroppedResult> Stored;
  llvm::SmallPtrSet<const VarDecl *, 8> Consumed;
  llvm::function_ref<bool(const CallExpr *)> Waits;
};

} // namespace

std::vector<DroppedResult>
findDroppedResults(const Stmt *Body,
                   llvm::function_ref<bool(const CallExpr *)> WaitsForItsTask) {
  ResultCollector Collector;
  Collector.Waits = WaitsForItsTask;
  Collector.visit(Body);
  std::vector<DroppedResult> Result = std::move(Collector.Discarded);
  for (const DroppedResult &R : Collector.Stored)
    if (!Collector.Consumed.count(R.Local))
      Result.push_back(R);
  return Result;
}

} // namespace firecrash
