//===--- Reach.cpp - Detached starts reachable from a function ------------===//

#include "Reach.h"
#include "BodyWalk.h"
#include "Suspension.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <deque>

using namespace clang;

namespace firecrash {

StartClassifier::~StartClassifier() = default;

bool DetachedCoroutineStarts::startsDetached(const CallExpr &,
                                             const FunctionDecl &Callee,
                                             bool) {
  const FunctionDecl *Def = nullptr;
  if (Callee.hasBody(Def) && Def && !coroutineBody(Def))
    return false; // A wrapper; its body is summarized like any function's.
  if (Suspensions && Suspensions->runsToCompletion(&Callee))
    return false; // Never outstanding: it has finished when the call returns.
  return Oracle.classify(&Callee).has_value();
}

/// The call producing an awaited operand, if any.
static const CallExpr *awaitedCall(const Expr *E) {
  return dyn_cast_or_null<CallExpr>(ignoreTemporaries(E));
}

namespace {
/// Collects the calls of one body. It does not enter lambda bodies (they run
/// only when called, and a call of the closure is itself a call site) nor
/// the statements Sema synthesizes around co_await and co_return.
class CallCollector : public BodyWalk<CallCollector> {
public:
  CallCollector(ASTContext &Ctx, StartClassifier &Starts,
                FunctionSummary &Out)
      : Ctx(Ctx), Starts(Starts), Out(Out) {}

  void statement(const Stmt *Child) {
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Child))
      Child = Cleanups->getSubExpr();
    StatementCall = dyn_cast<CallExpr>(Child);
    // (void)f(): dropped on purpose.
    VoidedCall = nullptr;
    if (const auto *Cast = dyn_cast<CastExpr>(Child);
        Cast && Cast->getCastKind() == CK_ToVoid)
      VoidedCall = dyn_cast_or_null<CallExpr>(ignoreTemporaries(Cast->getSubExpr()));
  }
  void endBlock() { StatementCall = VoidedCall = nullptr; }
  bool expression(const Stmt *S) {
    if (const auto *Call = dyn_cast<CallExpr>(S))
      record(Call);
    return true;
  }
  void awaited(const Expr *Operand) {
    if (const CallExpr *Call = awaitedCall(Operand))
      Awaited.insert(Call);
  }

private:
  void record(const CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return;
    const SourceManager &SM = Ctx.getSourceManager();
    CallSite Site;
    Site.Call = Call;
    Site.Callee = Callee;
    Site.Loc = SM.getExpansionLoc(Call->getBeginLoc());
    Site.Discarded = Call == StatementCall;
    Site.Dropped = Site.Discarded || Call == VoidedCall;
    Site.InCatch = CatchDepth > 0;
    Site.Awaited = Awaited.count(Call);
    // Work whose result is co_awaited is waited for, whatever its type.
    if (!Site.Awaited && Starts.startsDetached(*Call, *Callee, Site.Dropped)) {
      Site.StartsDetached = true;
      Out.Sites.push_back(Site);
      return;
    }
    const FunctionDecl *Def = nullptr;
    if (!Callee->hasBody(Def) || !Def) {
      if (SM.isInSystemHeader(SM.getExpansionLoc(Callee->getLocation())) ||
          !Callee->isExternallyVisible() || Callee->isDependentContext())
        return;
      Site.External = true;
      Out.Sites.push_back(Site);
      return;
    }
    if (SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation())))
      return;
    Out.Sites.push_back(Site);
  }

  ASTContext &Ctx;
  StartClassifier &Starts;
  FunctionSummary &Out;
  /// The call that forms the statement being visited, if any.
  const CallExpr *StatementCall = nullptr;
  /// The call the statement being visited casts to void, if any.
  const CallExpr *VoidedCall = nullptr;
  /// Calls whose result is the operand of co_await or co_yield.
  llvm::SmallPtrSet<const CallExpr *, 8> Awaited;
};
} // namespace

const FunctionSummary &Reach::summary(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (FD && FD->hasBody(Def) && Def)
    FD = Def;
  std::unique_ptr<FunctionSummary> &Slot = Summaries[FD];
  if (Slot)
    return *Slot;
  Slot = std::make_unique<FunctionSummary>();
  FunctionSummary *Result = Slot.get();
  if (FD && FD->getBody() && !FD->isDependentContext())
    CallCollector(Ctx, Starts, *Result).visit(FD->getBody());
  return *Result;
}

std::optional<CallChain> Reach::shortestFrom(const CallSite &Entry,
                                             unsigned MaxDepth) {
  // Breadth-first over summaries from the entry's callee, so the first
  // detached start found has the fewest intermediate functions.
  struct Node {
    const FunctionDecl *Function;
    int Parent;
    CallSite Via;
  };
  std::vector<Node> Nodes{{Entry.Callee, -1, Entry}};
  std::vector<unsigned> Depth{1};
  llvm::SmallPtrSet<const FunctionDecl *, 16> Seen{
      Entry.Callee->getCanonicalDecl()};
  for (size_t I = 0; I < Nodes.size(); ++I) {
    const FunctionSummary &Summary = summary(Nodes[I].Function);
    for (const CallSite &Site : Summary.Sites) {
      if (Site.StartsDetached) {
        CallChain Chain;
        Chain.Hops.push_back(Site);
        for (int N = static_cast<int>(I); N >= 0; N = Nodes[N].Parent)
          Chain.Hops.push_back(Nodes[N].Via);
        std::reverse(Chain.Hops.begin(), Chain.Hops.end());
        return Chain;
      }
    }
    if (Depth[I] >= MaxDepth)
      continue;
    for (const CallSite &Site : Summary.Sites) {
      if (Site.StartsDetached || Site.External ||
          !Seen.insert(Site.Callee->getCanonicalDecl()).second)
        continue;
      Nodes.push_back({Site.Callee, static_cast<int>(I), Site});
      Depth.push_back(Depth[I] + 1);
    }
  }
  return std::nullopt;
}

std::vector<CallChain> Reach::startsFrom(const FunctionDecl *Handler,
                                         unsigned MaxDepth) {
  std::vector<CallChain> Chains;
  for (const CallSite &Site : summary(Handler).Sites) {
    if (Site.StartsDetached) {
      CallChain Chain;
      Chain.Hops.push_back(Site);
      Chains.push_back(std::move(Chain));
      continue;
    }
    if (MaxDepth == 0 || Site.External)
      continue;
    auto Key = std::make_pair(Site.Callee->getCanonicalDecl(), MaxDepth);
    auto It = ChainCache.find(Key);
    if (It == ChainCache.end())
      It = ChainCache.try_emplace(Key, shortestFrom(Site, MaxDepth)).first;
    if (!It->second)
      continue;
    CallChain Chain = *It->second;
    Chain.Hops.front() = Site; // The entry hop is this call, not the cached one.
    Chains.push_back(std::move(Chain));
  }
  return Chains;
}

} // namespace firecrash
