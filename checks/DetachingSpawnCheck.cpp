//===--- DetachingSpawnCheck.cpp - firecrash ------------------------------===//

#include "DetachingSpawnCheck.h"
#include "Summary.h"
#include "Suspension.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace firecrash {

DetachingSpawnCheck::DetachingSpawnCheck(StringRef Name,
                                         clang::tidy::ClangTidyContext *Context)
    : FirecrashCheck(Name, Context, /*DefaultRequireBorrowedState=*/true),
      Apis(Options) {}

void DetachingSpawnCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Shared.store(Options, Opts);
  Apis.store(Options, Opts);
}

void DetachingSpawnCheck::onEndOfTranslationUnit() {
  FindingSink *Sink = threadFindingSink();
  if (!Sink || !State)
    return;
  ensureOracle(State->Ctx);
  DetachingCallOracle &Calls = *Oracle;
  const SourceManager &SM = State->Ctx.getSourceManager();
  BorrowFinder &Borrows = State->Borrows;
  StartDescriber Describe =
      [&Calls, &SM, &Borrows](const CallSite &Site, const FunctionDecl *Frame)
      -> std::optional<SummaryStart> {
    std::optional<DetachingMatch> Match =
        Calls.classify(*Site.Call, *Site.Callee);
    if (!Match)
      return std::nullopt;
    SummaryStart Start;
    Start.Callee = Match->CalleeName;
    Start.DetachedReason = "detaching-call";
    Start.Loc = summaryLocation(SM, Site.Loc);
    Start.KeptParams = keptParameters(
        Frame, Borrows.ofWork(Site.Call, Frame, FrameRole::Function));
    return Start;
  };
  TUSummary Summary = summarizeTranslationUnit(
      State->Ctx, State->Handlers, *Spawns, Describe, Shared.MaxCallDepth,
      [&Calls](const CallSite &Site) {
        return Calls.classify(*Site.Call, *Site.Callee).has_value();
      });
  Summary.Check = getID().str();
  // Work that owns its state is reported only when borrowed state is not
  // required; exceptions do not decide for a detaching API.
  Summary.RequireBorrowedState = Shared.RequireBorrowedState;
  Summary.ReportOwnedWork = true;
  Sink->summary(std::move(Summary));
}

void DetachingSpawnCheck::ensureOracle(ASTContext &Ctx) {
  if (Spawns)
    return;
  Oracle = detachingOracle(Apis, &State->Suspensions);
  Spawns = std::make_unique<Reach>(Ctx, *Oracle);
}

void DetachingSpawnCheck::onStartOfTranslationUnit() {
  FirecrashCheck::onStartOfTranslationUnit();
  Spawns.reset();
  Oracle.reset();
}

void DetachingSpawnCheck::checkFunction(const FunctionDecl *FD) {
  if (!isHandler(FD))
    return;
  ensureOracle(State->Ctx);
  for (const CallChain &Chain : Spawns->startsFrom(FD, Shared.MaxCallDepth))
    report(FD, Chain, State->Ctx);
}

void DetachingSpawnCheck::report(const FunctionDecl *Handler,
                                 const CallChain &Chain, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const CallSite &Entry = Chain.Hops.front();
  const CallSite &Start = Chain.Hops.back();
  std::optional<DetachingMatch> Match =
      Oracle->classify(*Start.Call, *Start.Callee);
  if (!Match)
    return;
  llvm::SmallVector<Borrow, 4> Borrows =
      State->Borrows.ofChain(Chain, Handler, /*Detaching=*/true);
  if (Shared.RequireBorrowedState && Borrows.empty())
    return;
  // Spawned on a scope the handler joins before it returns
  // ("sync_wait(scope.join())"): the work does not outlive the handler.
  if (Chain.Hops.size() == 1 &&
      State->Borrows.joinedBeforeReturn(Handler, Start.Call))
    return;
  if (!firstReport(SM, Entry.Loc, Entry.Call))
    return;

  std::string Api = "'" + Match->CalleeName + "'";
  if (Chain.Hops.size() == 1)
    diag(Entry.Loc, "call to %0 detaches work from %1; the handler can "
                    "complete while this operation is still outstanding")
        << Api << describeHandler(Handler);
  else
    diag(Entry.Loc, "call to %0 detaches work through %1 from %2; the "
                    "handler can complete while this operation is still "
                    "outstanding")
        << Api << describeFunction(Entry.Callee) << describeHandler(Handler);

  if (FindingSink *Sink = threadFindingSink()) {
    FindingRecord Record = record(SM, Entry.Loc, Handler, &Chain, Borrows);
    Record.Suggestion = detachingSuggestion(*Match);
    Record.Callee = Match->CalleeName;
    Record.DetachedReason = "detaching-call";
    Sink->finding(std::move(Record));
  }

  hopNotes(Chain, "detaches work with", Api);
  detachingEntryNote(SM, *Match, Start.Loc);
  // A detaching API defined as a wrapper: where it starts the coroutine
  // (the one warning for this call is this check's).
  if (const FunctionDecl *Wrapper = definitionWithBody(Start.Callee)) {
    std::vector<CallChain> Inside = State->Calls.startsFrom(Wrapper, 1);
    if (!Inside.empty()) {
      const CallSite &Began = Inside.front().Hops.back();
      diag(Began.Loc, "%0 starts %1 here", DiagnosticIDs::Note)
          << describeFunction(Wrapper) << describeCoroutine(Began.Callee);
    }
  }
  handlerNote(Handler);
  borrowNotes(SM, Borrows);
}

} // namespace firecrash
