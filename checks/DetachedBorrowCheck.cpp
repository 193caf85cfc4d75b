//===--- DetachedBorrowCheck.cpp - firecrash ------------------------------===//

#include "DetachedBorrowCheck.h"
#include "BodyWalk.h"
#include "Handles.h"
#include "Joins.h"
#include "Tasks.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace firecrash {

/// A call in a function body that starts detached work.
struct DetachedBorrowCheck::Start {
  StartKind Kind = StartKind::DetachedCoroutine;
  CallSite Site;
};

/// A reference parameter of a function that detached work it starts
/// (directly or through helpers) keeps.
struct DetachedBorrowCheck::Escape {
  unsigned ParamIndex = 0;
  /// From the call in the function to the start.
  CallChain Chain;
  Start Last;
};

/// Detached coroutines and detaching calls.
class DetachedBorrowCheck::Starts : public StartClassifier {
public:
  Starts(DetachedTypeOracle &Detached, DetachingCallOracle &Detaching)
      : Coroutines(Detached), Detaching(Detaching) {}
  bool startsDetached(const CallExpr &Call, const FunctionDecl &Callee,
                      bool Discarded) override {
    return Detaching.startsDetached(Call, Callee, Discarded) ||
           Coroutines.startsDetached(Call, Callee, Discarded);
  }

private:
  DetachedCoroutineStarts Coroutines;
  DetachingCallOracle &Detaching;
};

DetachedBorrowCheck::DetachedBorrowCheck(
    StringRef Name, clang::tidy::ClangTidyContext *Context)
    : FirecrashCheck(Name, Context),
      Apis(Options),
      OwningTypes(Options.get("OwningTypes", DefaultOwningTypes)),
      OwningTypeList(effectiveList(OwningTypes, DefaultOwningTypes)),
      OwningHandleNames(Options.get("OwningHandles", DefaultOwningHandles)) {}

DetachedBorrowCheck::~DetachedBorrowCheck() = default;

void DetachedBorrowCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Shared.store(Options, Opts);
  Apis.store(Options, Opts);
  Options.store(Opts, "OwningTypes", OwningTypes);
  Options.store(Opts, "OwningHandles", OwningHandleNames);
}

void DetachedBorrowCheck::onStartOfTranslationUnit() {
  FirecrashCheck::onStartOfTranslationUnit();
  Calls.reset();
  Classifier.reset();
  Detaching.reset();
  Handles.reset();
  StartCache.clear();
  EscapeCache.clear();
}

void DetachedBorrowCheck::ensureAnalysis(ASTContext &Ctx) {
  if (Calls)
    return;
  Detaching = detachingOracle(Apis, &State->Suspensions);
  Classifier = std::make_unique<Starts>(State->Detached, *Detaching);
  Calls = std::make_unique<Reach>(Ctx, *Classifier);
  Handles = std::make_unique<OwningHandles>(
      Ctx, State->Joins,
      NameList(effectiveList(OwningHandleNames, DefaultOwningHandles)));
}

const std::vector<DetachedBorrowCheck::Start> &
DetachedBorrowCheck::startsIn(const FunctionDecl *FD) {
  auto [It, Inserted] = StartCache.try_emplace(FD->getCanonicalDecl());
  if (!Inserted)
    return It->second;
  std::vector<Start> Found;
  for (const CallSite &Site : Calls->summary(FD).Sites) {
    if (!Site.StartsDetached)
      continue;
    Start S;
    S.Site = Site;
    S.Kind = Detaching->classify(*Site.Call, *Site.Callee)
                 ? StartKind::DetachingCall
                 : StartKind::DetachedCoroutine;
    Found.push_back(S);
  }
  // Eager tasks nobody awaits run detached too.
  const FunctionDecl *Def = nullptr;
  if (FD->hasBody(Def) && Def && !Def->isDependentContext()) {
    const SourceManager &SM = State->Ctx.getSourceManager();
    for (const DroppedResult &D : findDroppedResults(
             Def->getBody(), [&](const CallExpr *Call) {
               return State->Joins.waitsForItsTask(Call);
             })) {
      const FunctionDecl *Callee = D.Call->getDirectCallee();
      if (!Callee || Classifier->startsDetached(*D.Call, *Callee, true) ||
          State->Detached.classify(Callee))
        continue;
      QualType R = Callee->getReturnType();
      if (R->isDependentType() || !R->isRecordType() ||
          !State->Detached.promiseOf(Callee) || !State->Detached.isAwaitable(R))
        continue;
      if (!State->Detached.startsEagerly(Callee).value_or(false))
        continue;
      Start S;
      S.Kind = StartKind::EagerTask;
      S.Site.Call = D.Call;
      S.Site.Callee = Callee;
      S.Site.Loc = SM.getExpansionLoc(D.Call->getBeginLoc());
      S.Site.StartsDetached = true;
      Found.push_back(S);
    }
  }
  std::vector<Start> &Slot = StartCache[FD->getCanonicalDecl()];
  Slot = std::move(Found);
  return Slot;
}

llvm::SmallVector<Borrow, 4>
DetachedBorrowCheck::borrowsOf(const Start &S, const FunctionDecl *Caller,
                               FrameRole Role) {
  if (S.Kind == StartKind::DetachingCall)
    return State->Borrows.ofWork(S.Site.Call, Caller, Role);
  return State->Borrows.ofCoroutine(S.Site.Call, Caller, Role);
}

std::vector<DetachedBorrowCheck::Escape>
DetachedBorrowCheck::escapesOf(const FunctionDecl *FD, unsigned Depth) {
  bool DepthCut = false, CycleCut = false;
  unsigned Height = 0;
  return escapesOf(FD, Depth, DepthCut, CycleCut, Height);
}

std::vector<DetachedBorrowCheck::Escape>
DetachedBorrowCheck::escapesOf(const FunctionDecl *FD, unsigned Depth,
                               bool &DepthCut, bool &CycleCut,
                               unsigned &Height) {
  const FunctionDecl *Canonical = FD->getCanonicalDecl();
  auto Whole = WholeEscapes.find(Canonical);
  if (Whole != WholeEscapes.end() && Depth >= Whole->second.first) {
    Height = Whole->second.first;
    return Whole->second.second;
  }
  // Cycles: a function reached again while it is being summarized escapes
  // nothing through that path. What such a cut shortened depends on the
  // path, so it is never kept.
  if (Summarizing.contains(Canonical)) {
    CycleCut = true;
    return {};
  }
  auto Key = std::make_pair(Canonical, Depth);
  auto It = EscapeCache.find(Key);
  if (It != EscapeCache.end()) {
    DepthCut = true; // only what the depth limit cut short is kept per depth
    Height = Depth;
    return It->second;
  }
  const FunctionDecl *Def = nullptr;
  std::vector<Escape> Found;
  bool MyDepthCut = false, MyCycleCut = false;
  unsigned MyHeight = 1;
  llvm::SmallVector<bool, 8> Seen;
  auto Add = [&](unsigned Index, CallChain Chain, const Start &Last) {
    if (Seen.size() <= Index)
      Seen.resize(Index + 1, false);
    if (Seen[Index])
      return;
    Seen[Index] = true;
    Found.push_back({Index, std::move(Chain), Last});
  };
  auto ForwardedParam = [&](const VarDecl *VD) -> std::optional<unsigned> {
    const auto *Param = dyn_cast_or_null<ParmVarDecl>(VD);
    if (!Param || !Param->getType()->isReferenceType() ||
        Param->getDeclContext() != Def)
      return std::nullopt;
    return Param->getFunctionScopeIndex();
  };
  if (FD->hasBody(Def) && Def && !Def->isDependentContext()) {
    if (Depth == 0)
      MyDepthCut = true;
    Summarizing.insert(Canonical);
    if (Depth > 0)
      for (const Start &S : startsIn(Def))
        for (const Borrow &B : borrowsOf(S, Def, FrameRole::Function))
          if (std::optional<unsigned> Index = ForwardedParam(B.Var)) {
            CallChain Chain;
            Chain.Hops.push_back(S.Site);
            Add(*Index, std::move(Chain), S);
          }
    llvm::ArrayRef<CallSite> Sites;
    if (Depth > 0)
      Sites = Calls->summary(Def).Sites;
    for (const CallSite &Site : Sites) {
      if (Site.StartsDetached || Site.External)
        continue;
      if (Depth <= 1) {
        MyDepthCut = true; // there was more to explore
        break;
      }
      unsigned InnerHeight = 0;
      std::vector<Escape> Inner = escapesOf(Site.Callee, Depth - 1, MyDepthCut,
                                            MyCycleCut, InnerHeight);
      MyHeight = std::max(MyHeight, InnerHeight + 1);
      for (const Escape &E : Inner) {
        const Expr *Arg = argumentFor(Site.Call, Site.Callee, E.ParamIndex);
        if (!Arg)
          continue;
        if (std::optional<unsigned> Index =
                ForwardedParam(designatedVariable(Arg, Def))) {
          CallChain Chain;
          Chain.Hops.push_back(Site);
          Chain.Hops.append(E.Chain.Hops.begin(), E.Chain.Hops.end());
          Add(*Index, std::move(Chain), E.Last);
        }
      }
    }
    Summarizing.erase(Canonical);
  }
  DepthCut |= MyDepthCut;
  CycleCut |= MyCycleCut;
  Height = MyHeight;
  if (!MyCycleCut) {
    if (MyDepthCut)
      EscapeCache[Key] = Found;
    else
      WholeEscapes[Canonical] = {MyHeight, Found};
  }
  return Found;
}

bool DetachedBorrowCheck::ownedBy(const Borrow &B, const FunctionDecl *Frame,
                                  bool IsHandler) {
  if (B.Kind == BorrowKind::RawThis || B.Kind == BorrowKind::CaptureThis)
    return IsHandler; // The object belongs to whoever called the frame.
  if (!B.Var)
    return true; // A temporary or closure of the frame's own statement.
  llvm::SmallVector<std::string, 4> Names;
  collectTypeNames(State->Ctx, B.Var->getType().getNonReferenceType(), Names);
  if (OwningTypeList.matchAny(Names))
    return false;
  if (isFrameOwned(B.Var))
    return true;
  // A handler's reference parameters are the request's state.
  return IsHandler && isa<ParmVarDecl>(B.Var);
}

bool DetachedBorrowCheck::waitedFor(const FunctionDecl *Frame,
                                    const Expr *Call, const Borrow &B) {
  std::optional<Join> J = State->Borrows.joinOf(Frame, Call, B);
  return J && J->joins() && J->UseAfterSignal.isInvalid();
}

bool DetachedBorrowCheck::reportedElsewhere(bool IsHandler,
                                            StartKind Kind) const {
  if (!IsHandler)
    return false;
  switch (Kind) {
  case StartKind::DetachedCoroutine:
    return isEnabled("firecrash-detached-coroutine");
  case StartKind::DetachingCall:
    return isEnabled("firecrash-detaching-spawn");
  case StartKind::EagerTask:
    return isEnabled("firecrash-unawaited-task");
  }
  llvm_unreachable("unknown start kind");
}

void DetachedBorrowCheck::checkFunction(const FunctionDecl *Frame) {
  ensureAnalysis(State->Ctx);
  bool IsHandler = State->Handlers.classify(Frame).has_value();
  FrameRole Role = IsHandler ? FrameRole::Handler : FrameRole::Function;

  for (const Start &S : startsIn(Frame)) {
    if (reportedElsewhere(IsHandler, S.Kind))
      continue;
    llvm::SmallVector<Borrow, 4> Borrows;
    // The finder already dropped what the frame joins.
    for (Borrow &B : borrowsOf(S, Frame, Role))
      if (ownedBy(B, Frame, IsHandler))
        Borrows.push_back(std::move(B));
    if (Borrows.empty())
      continue;
    CallChain Chain;
    Chain.Hops.push_back(S.Site);
    report(Frame, IsHandler, Chain, S, Borrows);
  }

  checkOwnedWork(Frame, IsHandler, Role);

  if (Shared.MaxCallDepth == 0)
    return;
  for (const CallSite &Site : Calls->summary(Frame).Sites) {
    if (Site.StartsDetached || Site.External)
      continue;
    llvm::SmallVector<Borrow, 4> Borrows;
    const Escape *First = nullptr;
    std::vector<Escape> Escapes = escapesOf(Site.Callee, Shared.MaxCallDepth);
    for (const Escape &E : Escapes) {
      if (reportedElsewhere(IsHandler, E.Last.Kind))
        continue;
      const Expr *Arg = argumentFor(Site.Call, Site.Callee, E.ParamIndex);
      const VarDecl *VD = Arg ? designatedVariable(Arg, Frame) : nullptr;
      if (!VD)
        continue;
      const ParmVarDecl *Param = Site.Callee->getParamDecl(E.ParamIndex);
      Borrow B{BorrowKind::Reference, Arg->getBeginLoc(), VD->getName().str(),
               "reference parameter '" + Param->getName().str() + "' of " +
                   describeFunction(Site.Callee) + " refers to " +
                   (isa<ParmVarDecl>(VD) ? "parameter '" : "local '") +
                   VD->getName().str() + "', and the detached operation "
                   "keeps it",
               VD};
      // What a wait of this frame must outlast: the borrowed variable (the
      // work itself is in another function).
      B.Work.Var = VD;
      if (!ownedBy(B, Frame, IsHandler) || waitedFor(Frame, Site.Call, B))
        continue;
      if (!First)
        First = &E;
      Borrows.push_back(std::move(B));
    }
    if (!First)
      continue;
    CallChain Chain;
    Chain.Hops.push_back(Site);
    Chain.Hops.append(First->Chain.Hops.begin(), First->Chain.Hops.end());
    report(Frame, IsHandler, Chain, First->Last, Borrows);
  }
}

/// Names what a start runs: "coroutine 'f'", "work passed to 'co_spawn'".
static std::string describeWork(DetachedBorrowCheck::StartKind Kind,
                                const CallSite &Site,
                                const std::string &SpawnName) {
  switch (Kind) {
  case DetachedBorrowCheck::StartKind::DetachedCoroutine:
    return describeCoroutine(Site.Callee);
  case DetachedBorrowCheck::StartKind::DetachingCall:
    return "work passed to '" + SpawnName + "'";
  case DetachedBorrowCheck::StartKind::EagerTask:
    return "eager task returned by '" + Site.Callee->getNameAsString() + "'";
  }
  llvm_unreachable("unknown start kind");
}

/// Names the borrowed object: "local 'x'", "a temporary".
static std::string describeBorrowed(const Borrow &B) {
  if (B.Kind == BorrowKind::RawThis || B.Kind == BorrowKind::CaptureThis)
    return "'this'";
  if (B.Kind == BorrowKind::DyingClosure)
    return "the lambda's closure, a temporary";
  if (!B.Var)
    return "a temporary";
  return (isa<ParmVarDecl>(B.Var) ? "parameter '" : "local '") +
         B.Var->getName().str() + "'";
}

void DetachedBorrowCheck::report(const FunctionDecl *Frame, bool IsHandler,
                                 const CallChain &Chain, const Start &Last,
                                 ArrayRef<Borrow> Borrows) {
  ASTContext &Ctx = State->Ctx;
  const SourceManager &SM = Ctx.getSourceManager();
  const CallSite &Entry = Chain.Hops.front();
  if (!firstReport(SM, Entry.Loc, Entry.Call))
    return;
  std::optional<DetachingMatch> Match;
  std::optional<DetachedInfo> Info;
  if (Last.Kind == StartKind::DetachingCall)
    Match = Detaching->classify(*Last.Site.Call, *Last.Site.Callee);
  else if (Last.Kind == StartKind::DetachedCoroutine)
    Info = State->Detached.classify(Last.Site.Callee);
  std::string Work =
      describeWork(Last.Kind, Last.Site, Match ? Match->CalleeName : "");
  const Borrow &Main = Borrows.front();
  std::string Borrowed = describeBorrowed(Main);

  if (Chain.Hops.size() == 1)
    diag(Entry.Loc, "detached %0 borrows %1 of %2, which can be destroyed "
                    "while the operation still runs")
        << Work << Borrowed << displayName(Frame);
  else
    diag(Entry.Loc, "detached %0, started through %1, borrows %2 of %3, "
                    "which can be destroyed while the operation still runs")
        << Work << describeFunction(Entry.Callee) << Borrowed
        << displayName(Frame);

  // The way out depends on what is borrowed.
  std::string Suggestion;
  if (Main.Kind == BorrowKind::DyingClosure ||
      Main.Kind == BorrowKind::LocalClosure)
    Suggestion = "pass what the lambda captures as parameters taken by "
                 "value, which live in the coroutine's frame, or keep the "
                 "closure alive until the coroutine finishes";
  else if (!Main.Var)
    Suggestion = "take the value by value in the detached operation, or keep "
                 "it alive until the operation finishes";
  else
    Suggestion = "pass " + Borrowed +
                 " to the operation by value (move it, or share it through "
                 "a 'std::shared_ptr'), or wait for the operation before it "
                 "is destroyed (co_await it, or join it)";
  if (FindingSink *Sink = threadFindingSink()) {
    FindingRecord Record = record(SM, Entry.Loc, Frame, &Chain, Borrows);
    Record.Suggestion = Suggestion;
    if (Match) {
      Record.Callee = Match->CalleeName;
      Record.DetachedReason = "detaching-call";
    } else {
      Record.Callee = qualifiedName(Last.Site.Callee);
      Record.DetachedReason =
          Info ? detachedReasonName(Info->Reason).str() : "eager-task";
    }
    if (Info) {
      Record.DetachedType = printType(Ctx, Info->Type);
      Record.ExceptionPolicy = exceptionPolicyName(Info->Policy).str();
    }
    Sink->finding(std::move(Record));
  }

  // The evidence: what is borrowed, where it dies, why nothing waits.
  hopNotes(Chain, Match ? "detaches work with" : "starts",
           Match ? "'" + Match->CalleeName + "'"
                 : describeWork(Last.Kind, Last.Site, ""));
  borrowNotes(Frame, Borrows, "the detached operation");
  llvm::SmallPtrSet<const VarDecl *, 4> Noted;
  bool NotedTemporary = false;
  for (const Borrow &B : Borrows) {
    if (B.Kind == BorrowKind::RawThis || B.Kind == BorrowKind::CaptureThis)
      continue;
    if (!B.Var) {
      if (!NotedTemporary)
        diag(SM.getExpansionLoc(Entry.Call->getEndLoc()),
             "the temporary is destroyed at the end of the full-expression, "
             "while the detached operation may still use it",
             DiagnosticIDs::Note);
      NotedTemporary = true;
      continue;
    }
    if (Noted.insert(B.Var).second)
      deathNote(Frame, B.Var, /*OwnedByHandle=*/false);
  }

  // Why the work is detached, and what happens to its exceptions.
  if (Match) {
    detachingEntryNote(SM, *Match, Last.Site.Loc);
  } else if (Info) {
    detachedTypeNotes(*Info, Last.Site.Callee);
  } else {
    const FunctionDecl *Initial = nullptr;
    State->Detached.startsEagerly(Last.Site.Callee, &Initial);
    if (Initial)
      diag(Initial->getLocation(),
           "the task starts eagerly (initial_suspend() never suspends) and "
           "nothing awaits it, so it runs detached",
           DiagnosticIDs::Note);
  }
  if (IsHandler)
    handlerNote(Frame);

  diag(Entry.Loc, "%0", DiagnosticIDs::Note) << Suggestion;
}

void DetachedBorrowCheck::borrowNotes(const FunctionDecl *Frame,
                                      ArrayRef<Borrow> Borrows,
                                      llvm::StringRef Borrower) {
  const SourceManager &SM = State->Ctx.getSourceManager();
  llvm::SmallVector<SourceLocation, 4> NotedUses;
  for (const Borrow &B : Borrows) {
    diag(SM.getExpansionLoc(B.Loc), "%0 borrows from %1: %2",
         DiagnosticIDs::Note)
        << Borrower << displayName(Frame) << B.Explanation;
    evidenceNotes(SM, B, NotedUses);
  }
}

void DetachedBorrowCheck::deathNote(const FunctionDecl *Frame,
                                    const VarDecl *Var, bool OwnedByHandle) {
  const SourceManager &SM = State->Ctx.getSourceManager();
  SourceLocation Death = deathOf(Frame, Var);
  if (Death.isInvalid())
    return;
  Death = SM.getExpansionLoc(Death);
  llvm::StringRef Ends = coroutineBody(Frame) ? "finishes" : "returns";
  llvm::StringRef Nothing = OwnedByHandle
                                ? "the handle waits for the work only later"
                                : "nothing waits for the detached operation";
  if (isa<ParmVarDecl>(Var) && Var->getType()->isReferenceType())
    diag(Death,
         "parameter %0 refers to the request's state, which can end as soon "
         "as %1 %2, and %3",
         DiagnosticIDs::Note)
        << Var << displayName(Frame) << Ends << Nothing;
  else if (isa<ParmVarDecl>(Var))
    diag(Death, "parameter %0 is destroyed when %1 %2, and %3",
         DiagnosticIDs::Note)
        << Var << displayName(Frame) << Ends << Nothing;
  else if (OwnedByHandle)
    diag(Death,
         "%0 is destroyed here, before the handle that waits for the work",
         DiagnosticIDs::Note)
        << Var;
  else
    diag(Death,
         "%0 is destroyed here, at the end of its scope, while the detached "
         "operation may still use it",
         DiagnosticIDs::Note)
        << Var;
}

/// True if \p Holder, a local of \p Frame, is destroyed after \p Var: at
/// the end of an enclosing scope, or of the same scope when it was declared
/// first (locals die in reverse order).
static bool outlives(const SourceManager &SM, const FunctionDecl *Frame,
                     const VarDecl *Holder, const VarDecl *Var) {
  if (isa<ParmVarDecl>(Var))
    return false;
  SourceLocation HolderDeath = SM.getExpansionLoc(deathOf(Frame, Holder));
  SourceLocation VarDeath = SM.getExpansionLoc(deathOf(Frame, Var));
  if (HolderDeath.isInvalid() || VarDeath.isInvalid())
    return false;
  if (HolderDeath != VarDeath)
    return SM.isBeforeInTranslationUnit(VarDeath, HolderDeath);
  return SM.isBeforeInTranslationUnit(SM.getExpansionLoc(Holder->getLocation()),
                                      SM.getExpansionLoc(Var->getLocation()));
}

void DetachedBorrowCheck::checkOwnedWork(const FunctionDecl *Frame,
                                         bool IsHandler, FrameRole Role) {
  const SourceManager &SM = State->Ctx.getSourceManager();
  for (const OwnedWork &W : Handles->in(Frame)) {
    if (W.EscapeLoc.isInvalid() && !W.Holder)
      continue; // A temporary: destroyed, so joined, at the statement's end.
    llvm::SmallVector<Borrow, 4> Borrows;
    for (Borrow &B : State->Borrows.ofHandle(W.Work, Frame, Role)) {
      if (!ownedBy(B, Frame, IsHandler))
        continue;
      // A local handle waits for the work when it dies: only what dies
      // before it is at risk.
      if (W.EscapeLoc.isInvalid() &&
          (!B.Var || !outlives(SM, Frame, W.Holder, B.Var)))
        continue;
      Borrows.push_back(std::move(B));
    }
    if (!Borrows.empty())
      reportOwned(Frame, IsHandler, W, Borrows);
  }
}

void DetachedBorrowCheck::reportOwned(const FunctionDecl *Frame,
                                      bool IsHandler, const OwnedWork &W,
                                      ArrayRef<Borrow> Borrows) {
  const SourceManager &SM = State->Ctx.getSourceManager();
  SourceLocation StartLoc = SM.getExpansionLoc(W.Start->getBeginLoc());
  SourceLocation Loc = W.EscapeLoc.isValid() ? W.EscapeLoc : StartLoc;
  if (!firstReport(SM, Loc, W.Start))
    return;
  const Borrow &Main = Borrows.front();
  std::string Borrowed = describeBorrowed(Main);
  if (W.EscapeLoc.isValid())
    diag(Loc, "%0, which waits for the work it owns only when destroyed, %1 "
              "%2 while the work borrows %3, which can be destroyed while the "
              "work still runs")
        << W.Handle << W.Escape << displayName(Frame) << Borrowed;
  else
    diag(Loc, "%0 kept in %1 outlives %2, which the work it owns borrows and "
              "which can be destroyed while the work still runs")
        << W.Handle << W.Holder << Borrowed;
  std::string Suggestion =
      "keep the handle in a local declared after " + Borrowed +
      ", whose destruction then waits for the work in time, or pass " +
      Borrowed + " to the work by value";
  if (FindingSink *Sink = threadFindingSink()) {
    FindingRecord Record = record(SM, Loc, Frame, nullptr, Borrows);
    Record.Suggestion = Suggestion;
    Record.Callee = llvm::StringRef(W.Handle).trim('\'').str();
    Record.DetachedReason = "owning-handle";
    Sink->finding(std::move(Record));
  }
  if (W.EscapeLoc.isValid()) {
    if (Loc != StartLoc)
      diag(StartLoc, "the work starts here, owned by %0, which waits for it "
                   "when destroyed",
           DiagnosticIDs::Note)
          << W.Handle;
  } else {
    diag(SM.getExpansionLoc(W.Holder->getLocation()),
         "%0 is declared here, before %1, so it is destroyed after it",
         DiagnosticIDs::Note)
        << W.Holder << Borrowed;
  }
  borrowNotes(Frame, Borrows, "the owned work");
  llvm::SmallPtrSet<const VarDecl *, 4> Noted;
  for (const Borrow &B : Borrows)
    if (B.Var && Noted.insert(B.Var).second)
      deathNote(Frame, B.Var, /*OwnedByHandle=*/true);
  if (IsHandler)
    handlerNote(Frame);
  diag(Loc, "%0", DiagnosticIDs::Note) << Suggestion;
}

} // namespace firecrash
