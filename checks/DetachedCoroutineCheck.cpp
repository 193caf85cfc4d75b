//===--- DetachedCoroutineCheck.cpp - firecrash ---------------------------===//

#include "DetachedCoroutineCheck.h"
#include "Summary.h"
#include "Suspension.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace firecrash {

DetachedCoroutineCheck::DetachedCoroutineCheck(
    StringRef Name, clang::tidy::ClangTidyContext *Context)
    : FirecrashCheck(Name, Context),
      TaskType(Options.get("TaskType", "firecrash::task<>")),
      ReportOwnedWork(Options.get("ReportOwnedWork", false)), Apis(Options) {}

void DetachedCoroutineCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Shared.store(Options, Opts);
  Options.store(Opts, "TaskType", TaskType);
  Options.store(Opts, "ReportOwnedWork", ReportOwnedWork);
  Apis.store(Options, Opts);
}

void DetachedCoroutineCheck::onStartOfTranslationUnit() {
  FirecrashCheck::onStartOfTranslationUnit();
  Detaching.reset();
}

DetachingCallOracle &DetachedCoroutineCheck::detachingApis() {
  if (!Detaching)
    Detaching = detachingOracle(Apis, nullptr);
  return *Detaching;
}

bool DetachedCoroutineCheck::throughDetachingCall(const CallChain &Chain) {
  if (!isEnabled("firecrash-detaching-spawn"))
    return false;
  for (const CallSite &Hop : Chain.Hops)
    if (detachingApis().classify(*Hop.Call, *Hop.Callee))
      return true;
  return false;
}

void DetachedCoroutineCheck::onEndOfTranslationUnit() {
  FindingSink *Sink = threadFindingSink();
  if (!Sink || !State)
    return;
  DetachingCallOracle &Apis = detachingApis();
  TUSummary Summary = summarizeTranslationUnit(
      State->Ctx, State->Handlers, State->Calls,
      describeDetachedStarts(State->Ctx, State->Detached, State->Borrows),
      Shared.MaxCallDepth, [&Apis](const CallSite &Site) {
        return Apis.classify(*Site.Call, *Site.Callee).has_value();
      });
  Summary.Check = getID().str();
  Summary.RequireBorrowedState = Shared.RequireBorrowedState;
  Summary.ReportOwnedWork = ReportOwnedWork;
  Summary.DefersToDetachingSpawn = isEnabled("firecrash-detaching-spawn");
  Sink->summary(std::move(Summary));
}

void DetachedCoroutineCheck::checkFunction(const FunctionDecl *FD) {
  if (!isHandler(FD))
    return;
  for (const CallChain &Chain : State->Calls.startsFrom(FD, Shared.MaxCallDepth))
    report(FD, Chain, State->Ctx);
}

/// Returns true if the qualified name of \p TypeName (before any template
/// arguments) names a namespace member declared in this translation unit.
static bool isDeclared(ASTContext &Ctx, StringRef TypeName) {
  StringRef Name = TypeName.split('<').first.trim();
  Name.consume_front("::");
  llvm::SmallVector<StringRef, 4> Parts;
  Name.split(Parts, "::");
  const DeclContext *DC = Ctx.getTranslationUnitDecl();
  for (size_t I = 0; I < Parts.size(); ++I) {
    DeclContextLookupResult Found = DC->lookup(&Ctx.Idents.get(Parts[I]));
    if (Found.empty())
      return false;
    if (I + 1 == Parts.size())
      return true;
    const DeclContext *Next = nullptr;
    for (const NamedDecl *ND : Found)
      if (const auto *Inner = dyn_cast<DeclContext>(ND))
        Next = Inner;
    if (!Next)
      return false;
    DC = Next;
  }
  return false;
}

/// Returns true if \p Body contains a co_return with a value.
static bool returnsValue(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *Return = dyn_cast<CoreturnStmt>(S))
    if (const Expr *Operand = Return->getOperand())
      if (!Operand->getType()->isVoidType())
        return true;
  if (isa<LambdaExpr>(S))
    return false;
  for (const Stmt *Child : S->children())
    if (returnsValue(Child))
      return true;
  return false;
}

bool DetachedCoroutineCheck::canFix(const CallChain &Chain, ASTContext &Ctx) {
  if (Chain.Hops.size() != 1)
    return false;
  const CallSite &Site = Chain.Hops.front();
  const SourceManager &SM = Ctx.getSourceManager();
  if (!Site.Discarded || Site.InCatch || !Site.Call->getBeginLoc().isFileID())
    return false;
  const FunctionDecl *Callee = Site.Callee;
  if (Callee->getTemplatedKind() != FunctionDecl::TK_NonTemplate ||
      Callee->isExternallyVisible() || Callee->isMain())
    return false;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee))
    if (Method->isVirtual() || Method->getParent()->isLambda() ||
        Method->getParent()->isDependentContext())
      return false;
  const CoroutineBodyStmt *Body = coroutineBody(Callee);
  if (!Body || returnsValue(Body->getBody()))
    return false;
  for (const FunctionDecl *Redecl : Callee->redecls()) {
    SourceRange Range = Redecl->getReturnTypeSourceRange();
    if (Range.isInvalid() || !Range.getBegin().isFileID() ||
        !Range.getEnd().isFileID() || !SM.isInMainFile(Range.getBegin()))
      return false;
  }
  if (State->References.count(Callee) != 1)
    return false;
  return isDeclared(Ctx, TaskType);
}

void DetachedCoroutineCheck::report(const FunctionDecl *Handler,
                                    const CallChain &Chain, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const CallSite &Entry = Chain.Hops.front();
  const CallSite &Start = Chain.Hops.back();
  std::optional<DetachedInfo> Info = State->Detached.classify(Start.Callee);
  if (!Info)
    return;
  // One warning per call site: a chain through a detaching API (a wrapper
  // such as drogon::async_run) is firecrash-detaching-spawn's.
  if (throughDetachingCall(Chain))
    return;
  llvm::SmallVector<Borrow, 4> Borrows =
      State->Borrows.ofChain(Chain, Handler, /*Detaching=*/false);
  if (Shared.RequireBorrowedState && Borrows.empty())
    return;
  // Work that owns its state and whose body catches everything is the safe
  // fire-and-forget idiom: nothing of the request dangles and no exception
  // ends the process.
  if (!ReportOwnedWork && Borrows.empty() && catchesEverything(Start.Callee))
    return;
  if (!firstReport(SM, Entry.Loc, Entry.Call))
    return;
  std::string TypeName = printType(Ctx, Info->Type);

  if (Chain.Hops.size() == 1)
    diag(Entry.Loc, "%0 returns detached type '%1' and is started from %2; "
                    "the handler can complete while this operation is still "
                    "outstanding")
        << describeCoroutine(Start.Callee) << TypeName
        << describeHandler(Handler);
  else
    diag(Entry.Loc, "%0 returns detached type '%1' and is started from %2 "
                    "through %3; the handler can complete while this "
                    "operation is still outstanding")
        << describeCoroutine(Start.Callee) << TypeName
        << describeHandler(Handler) << describeFunction(Entry.Callee);

  // The way out: a synchronous handler cannot co_await, so it must become
  // a coroutine itself, or hand the work to a scope it joins.
  const FunctionDecl *Callee = Start.Callee;
  std::string Suggestion =
      coroutineBody(Handler)
          ? "return a task such as '" + TaskType + "' from " +
                describeFunction(Callee) +
                " and co_await it, so the handler waits for the operation "
                "and sees its exceptions"
          : "return a task such as '" + TaskType + "' from " +
                describeFunction(Callee) + " and make " +
                displayName(Handler) +
                " a coroutine that co_awaits it, or spawn it on a "
                "'firecrash::request_scope' and join the scope before " +
                displayName(Handler) + " returns";
  if (FindingSink *Sink = threadFindingSink()) {
    FindingRecord Record = record(SM, Entry.Loc, Handler, &Chain, Borrows);
    Record.Suggestion = Suggestion;
    Record.Callee = qualifiedName(Start.Callee);
    Record.DetachedType = TypeName;
    Record.ExceptionPolicy = exceptionPolicyName(Info->Policy).str();
    Record.DetachedReason = detachedReasonName(Info->Reason).str();
    Sink->finding(std::move(Record));
  }

  hopNotes(Chain, "starts", describeCoroutine(Start.Callee));

  detachedTypeNotes(*Info, Start.Callee);
  handlerNote(Handler);
  borrowNotes(SM, Borrows);

  // The way out, with a fix-it where the rewrite is complete and safe.
  auto Note = diag(Callee->getLocation(), "%0", DiagnosticIDs::Note)
              << Suggestion;
  if (!coroutineBody(Handler) || !canFix(Chain, Ctx))
    return;
  for (const FunctionDecl *Redecl : Callee->redecls())
    Note << FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Redecl->getReturnTypeSourceRange()),
        TaskType);
  Note << FixItHint::CreateInsertion(Entry.Loc, "co_await ");
}

} // namespace firecrash
