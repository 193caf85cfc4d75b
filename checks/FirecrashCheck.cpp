//===--- FirecrashCheck.cpp - What every firecrash check shares -----------===//

#include "FirecrashCheck.h"
#include "FindingSink.h"
#include "Suspension.h"
#include "UserFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace firecrash {

std::string describeCoroutine(const FunctionDecl *Callee) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee))
    if (Method->getParent()->isLambda())
      return "lambda coroutine";
  return "coroutine '" + Callee->getNameAsString() + "'";
}

std::string describeFunction(const FunctionDecl *FD) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(FD))
    if (Method->getParent()->isLambda())
      return displayName(FD);
  return "'" + FD->getNameAsString() + "'";
}

FirecrashCheck::FirecrashCheck(StringRef Name,
                               clang::tidy::ClangTidyContext *Context,
                               bool DefaultRequireBorrowedState)
    : ClangTidyCheck(Name, Context),
      Shared(Options, DefaultRequireBorrowedState),
      Handlers(Shared.handlerOptions()), TidyContext(Context) {}

bool FirecrashCheck::isEnabled(StringRef Name) const {
  return TidyContext->isCheckEnabled(Name);
}

FirecrashCheck::~FirecrashCheck() = default;

void FirecrashCheck::onStartOfTranslationUnit() {
  State.reset();
  RanOnUnit = false;
}

void FirecrashCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(translationUnitDecl().bind("unit"), this);
  // clangd traverses only the main file's top-level declarations, never the
  // unit itself: there the first of them runs the analysis.
  Finder->addMatcher(
      decl(isExpansionInMainFile(), hasDeclContext(translationUnitDecl()))
          .bind("top"),
      this);
}

void FirecrashCheck::check(const MatchFinder::MatchResult &Result) {
  if (RanOnUnit)
    return;
  RanOnUnit = true;
  runOnTranslationUnit(*Result.Context);
}

void FirecrashCheck::runOnTranslationUnit(ASTContext &Ctx) {
  state(Ctx);
  // Every check sees the same unit: the first one lists its files.
  if (FindingSink *Sink = threadFindingSink(); Sink && Sink->wantsDependencies()) {
    std::vector<std::string> Files;
    const SourceManager &SM = Ctx.getSourceManager();
    for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It)
      Files.push_back(It->first.getName().str());
    Sink->dependencies(std::move(Files));
  }
  for (const FunctionDecl *FD : userFunctionDefinitions(Ctx))
    checkFunction(FD);
}

AnalysisState &FirecrashCheck::state(ASTContext &Ctx) {
  if (!State || &State->Ctx != &Ctx)
    State = std::make_unique<AnalysisState>(Ctx, Shared, Handlers);
  if (!ReportedRegexErrors) {
    ReportedRegexErrors = true;
    for (const std::string &Error : State->Handlers.regexErrors())
      configurationDiag("invalid regular expression in option "
                        "'HandlerFunctions': %0")
          << Error;
    for (const std::string &Error : State->WaitErrors)
      configurationDiag("malformed entry %0 in option 'WaitingCallees': "
                        "expected 'name' or 'name=signal,signal'")
          << Error;
  }
  return *State;
}

bool FirecrashCheck::isHandler(const FunctionDecl *FD) {
  return State->Handlers.classify(FD).has_value();
}

bool FirecrashCheck::firstReport(const SourceManager &SM, SourceLocation Loc,
                                 const Expr *Call) {
  auto Key = std::make_pair(
      Loc.getRawEncoding(),
      SM.getSpellingLoc(Call->getBeginLoc()).getRawEncoding());
  return State->Reported.insert(Key).second;
}

void FirecrashCheck::hopNotes(const CallChain &Chain, StringRef LastVerb,
                              StringRef LastWhat) {
  for (size_t I = 1; I < Chain.Hops.size(); ++I) {
    const CallSite &Hop = Chain.Hops[I];
    const FunctionDecl *Caller = Chain.Hops[I - 1].Callee;
    if (I + 1 == Chain.Hops.size())
      diag(Hop.Loc, "%0 %1 %2 here", DiagnosticIDs::Note)
          << describeFunction(Caller) << LastVerb << LastWhat;
    else
      diag(Hop.Loc, "%0 calls %1 here", DiagnosticIDs::Note)
          << describeFunction(Caller) << describeFunction(Hop.Callee);
  }
}

void FirecrashCheck::handlerNote(const FunctionDecl *Handler) {
  std::optional<HandlerInfo> Why = State->Handlers.classify(Handler);
  if (!Why)
    return;
  switch (Why->Reason) {
  case HandlerReason::Annotated:
    diag(Why->Loc, "%0 is a request handler: it is annotated '%1'",
         DiagnosticIDs::Note)
        << displayName(Handler) << HandlerAnnotation;
    break;
  case HandlerReason::NameMatches:
    diag(Why->Loc,
         "%0 is a request handler: its name matches '%1' in option "
         "'HandlerFunctions'",
         DiagnosticIDs::Note)
        << displayName(Handler) << Why->Entry;
    break;
  case HandlerReason::Parameter:
    diag(Why->Loc,
         "%0 is a request handler: parameter %1 has type '%2', listed as "
         "'%3' in option 'HandlerParameterTypes'",
         DiagnosticIDs::Note)
        << displayName(Handler) << Why->Param << Why->TypeName << Why->Entry;
    break;
  case HandlerReason::Connection:
    diag(Why->Loc,
         "%0 is a request handler: it serves a connection, taking %1 of type "
         "'%2' by value, listed as '%3' in option 'HandlerConnectionTypes'",
         DiagnosticIDs::Note)
        << displayName(Handler) << Why->Param << Why->TypeName << Why->Entry;
    break;
  case HandlerReason::Result:
    diag(Why->Loc,
         "%0 is a request handler: it produces '%1', listed as '%2' in "
         "option 'HandlerResultTypes'",
         DiagnosticIDs::Note)
        << displayName(Handler) << Why->TypeName << Why->Entry;
    break;
  case HandlerReason::BaseClass:
    diag(Why->Loc,
         "%0 is a request handler: its class derives from '%1', listed as "
         "'%2' in option 'HandlerBaseClasses'",
         DiagnosticIDs::Note)
        << displayName(Handler) << Why->TypeName << Why->Entry;
    break;
  }
}

void FirecrashCheck::detachedTypeNotes(const DetachedInfo &Info,
                                       const FunctionDecl *Callee) {
  // Why the type is detached.
  SourceLocation ReasonLoc = Info.ReasonDecl->getLocation();
  switch (Info.Reason) {
  case DetachedReason::VoidCoroutine:
    diag(ReasonLoc,
         "%0 is a coroutine returning 'void': it starts at once and nobody "
         "can co_await it",
         DiagnosticIDs::Note)
        << describeFunction(Callee);
    break;
  case DetachedReason::NeverSuspends:
    diag(ReasonLoc,
         "%0 is detached: its promise starts eagerly and destroys itself (%1) "
         "and it cannot be co_awaited",
         DiagnosticIDs::Note)
        << Info.ReasonDecl << Info.Detail;
    break;
  case DetachedReason::Listed:
    diag(ReasonLoc,
         "%0 is detached: it is listed as '%1' in option 'DetachedTypes'",
         DiagnosticIDs::Note)
        << Info.ReasonDecl << Info.Detail;
    break;
  case DetachedReason::Annotated:
    diag(ReasonLoc, "%0 is detached: it is annotated '%1'", DiagnosticIDs::Note)
        << Info.ReasonDecl << DetachedAnnotation;
    break;
  }

  // A body that catches everything lets no exception reach the promise.
  if (const CXXCatchStmt *CatchAll = catchesEverything(Callee)) {
    diag(CatchAll->getCatchLoc(),
         "no exception can escape %0: its body catches everything here",
         DiagnosticIDs::Note)
        << describeFunction(Callee);
    return;
  }

  // What happens to an exception that escapes it.
  SourceLocation PolicyLoc = Info.UnhandledException
                                 ? Info.UnhandledException->getLocation()
                                 : ReasonLoc;
  switch (Info.Policy) {
  case ExceptionPolicy::Terminates:
    diag(PolicyLoc,
         "an exception escaping the coroutine ends the process: "
         "unhandled_exception() calls '%0'",
         DiagnosticIDs::Note)
        << Info.Terminator;
    break;
  case ExceptionPolicy::Swallows:
    diag(PolicyLoc,
         "an exception escaping the coroutine is swallowed: "
         "unhandled_exception() neither rethrows nor terminates, so nobody "
         "sees the error",
         DiagnosticIDs::Note);
    break;
  case ExceptionPolicy::Rethrows:
    diag(PolicyLoc,
         "an exception escaping the coroutine is rethrown by "
         "unhandled_exception() into whichever thread resumes it, where "
         "nothing catches it",
         DiagnosticIDs::Note);
    break;
  case ExceptionPolicy::Unknown:
    diag(PolicyLoc,
         "what happens to an exception escaping the coroutine is unknown: no "
         "definition of unhandled_exception() is visible",
         DiagnosticIDs::Note);
    break;
  }

}

std::string detachingSuggestion(const DetachingMatch &Match) {
  // Asio's co_spawn takes the request scope's completion token.
  if (llvm::StringRef(Match.CalleeName).ends_with("co_spawn"))
    return "co_await the work instead (co_spawn with use_awaitable), or pass "
           "the request's 'firecrash::request_scope' token() and co_await "
           "'firecrash::asio::async_join'";
  return "co_await the work instead, or spawn it on the request's scope and "
         "join it";
}

void FirecrashCheck::detachingEntryNote(const SourceManager &SM,
                                        const DetachingMatch &Match,
                                        SourceLocation ApiLoc) {
  std::string Api = "'" + Match.CalleeName + "'";
  if (Match.Entry->CompletionHandler) {
    // The token as written, when it is short ("detached"), else what it is.
    std::string Token = "a completion handler";
    if (Match.TokenArgument) {
      llvm::StringRef Text = Lexer::getSourceText(
          SM.getExpansionRange(Match.TokenArgument->getSourceRange()), SM,
          getLangOpts());
      if (!Text.empty() && Text.size() <= 40 && !Text.contains('\n'))
        Token = "'" + Text.str() + "'";
    }
    diag(Match.TokenArgument
             ? SM.getExpansionLoc(Match.TokenArgument->getBeginLoc())
             : ApiLoc,
         "%0 completes through %1, which gives nothing to await: the work "
         "runs detached ('%2' in option 'DetachingCallees'); %3",
         DiagnosticIDs::Note)
        << Api << Token << Match.Entry->Written << detachingSuggestion(Match);
    return;
  }
  if (Match.Entry->ArgumentType.empty())
    diag(ApiLoc, "%0 is listed as '%1' in option 'DetachingCallees'; %2",
         DiagnosticIDs::Note)
        << Api << Match.Entry->Written << detachingSuggestion(Match);
  else
    diag(Match.TokenArgument
             ? SM.getExpansionLoc(Match.TokenArgument->getBeginLoc())
             : ApiLoc,
         "%0 with an argument of type '%1' is listed as '%2' in option "
         "'DetachingCallees'; %3",
         DiagnosticIDs::Note)
        << Api << Match.Entry->ArgumentType << Match.Entry->Written
        << detachingSuggestion(Match);
}

DetachingApis::DetachingApis(clang::tidy::ClangTidyCheck::OptionsView &Options)
    : Detaching(Options.getLocalOrGlobal("DetachingCallees",
                                         DefaultDetachingCallees)),
      Structured(Options.getLocalOrGlobal("StructuredCallees",
                                          DefaultStructuredCallees)),
      DetachingEntries(parseDetachingEntries(
          effectiveList(Detaching, DefaultDetachingCallees), DetachingErrors)),
      StructuredEntries(parseDetachingEntries(
          effectiveList(Structured, DefaultStructuredCallees),
          StructuredErrors)) {}

void DetachingApis::store(clang::tidy::ClangTidyCheck::OptionsView &Options,
                          clang::tidy::ClangTidyOptions::OptionMap &Map) const {
  Options.store(Map, "DetachingCallees", Detaching);
  Options.store(Map, "StructuredCallees", Structured);
}

std::unique_ptr<DetachingCallOracle>
FirecrashCheck::detachingOracle(DetachingApis &Apis,
                                SuspensionAnalysis *Suspensions) {
  for (auto [Option, Errors] :
       {std::make_pair("DetachingCallees", &Apis.DetachingErrors),
        std::make_pair("StructuredCallees", &Apis.StructuredErrors)}) {
    for (const std::string &Error : *Errors)
      configurationDiag("malformed entry %0 in option '%1': expected 'name' "
                        "or 'name(argument type)'")
          << Error << Option;
    Errors->clear();
  }
  return std::make_unique<DetachingCallOracle>(
      State->Ctx, Apis.DetachingEntries, Apis.StructuredEntries, Suspensions);
}

void FirecrashCheck::borrowNotes(const SourceManager &SM,
                                 ArrayRef<Borrow> Borrows) {
  llvm::SmallVector<SourceLocation, 4> Noted;
  for (const Borrow &B : Borrows) {
    diag(SM.getExpansionLoc(B.Loc),
         "the detached operation borrows from the handler: %0",
         DiagnosticIDs::Note)
        << B.Explanation;
    evidenceNotes(SM, B, Noted);
  }
}

void FirecrashCheck::evidenceNotes(const SourceManager &SM, const Borrow &B,
                                   llvm::SmallVectorImpl<SourceLocation> &Noted) {
  if (B.Late && B.Late->Loc.isValid() && B.Late->Function &&
      !llvm::is_contained(Noted, B.Late->Loc)) {
    Noted.push_back(B.Late->Loc);
    std::string Who = describeFunction(B.Late->Function);
    const LateUse &Use = *B.Late;
    switch (Use.Kind) {
    case LateUseKind::Read:
      diag(Use.Loc, "%0 uses '%1' here, after it first suspends",
           DiagnosticIDs::Note)
          << Who << Use.Name;
      break;
    case LateUseKind::Awaited:
      diag(Use.Loc, "%0 co_awaits '%1' here, so it must outlive the suspension",
           DiagnosticIDs::Note)
          << Who << Use.Name;
      break;
    case LateUseKind::CalledForTask:
      diag(Use.Loc,
           "%0 gets a task from '%1' here; the task's coroutine can point "
           "into '%1' (a callable's target, an object's members), which can "
           "be destroyed before the task finishes",
           DiagnosticIDs::Note)
          << Who << Use.Name;
      break;
    case LateUseKind::HandedOn:
      diag(Use.Loc,
           "%0 hands '%1' on by reference here, so it can be used after the "
           "coroutine suspends",
           DiagnosticIDs::Note)
          << Who << Use.Name;
      break;
    }
  }
  if (B.EarlySignal && !B.EarlySignal->joins()) {
    const Join &J = *B.EarlySignal;
    diag(J.Wait, "'%0' waits for %1, not for this work", DiagnosticIDs::Note)
        << J.WaitName << J.WaitsForOther;
  }
  if (B.EarlySignal && B.EarlySignal->Signal.isValid()) {
    const Join &J = *B.EarlySignal;
    diag(J.Signal,
         "the frame resumes here ('%0' returns) while the work still uses "
         "'%1'",
         DiagnosticIDs::Note)
        << J.WaitName << J.UsedName;
    diag(J.UseAfterSignal,
         "the work uses '%0' here, after it has let the frame resume",
         DiagnosticIDs::Note)
        << J.UsedName;
  }
}

FindingRecord FirecrashCheck::record(const SourceManager &SM,
                                     SourceLocation Loc,
                                     const FunctionDecl *Handler,
                                     const CallChain *Chain,
                                     ArrayRef<Borrow> Borrows) {
  FindingRecord Record;
  Record.Check = getID().str();
  Record.File = SM.getFilename(Loc).str();
  Record.Offset = SM.getFileOffset(Loc);
  Record.Handler = qualifiedName(Handler);
  if (std::optional<HandlerInfo> Why = State->Handlers.classify(Handler))
    Record.HandlerReason = handlerReasonName(Why->Reason).str();
  if (Chain)
    for (const CallSite &Hop : Chain->Hops)
      Record.Chain.push_back(qualifiedName(Hop.Callee));
  for (const Borrow &B : Borrows)
    Record.Borrows.push_back(
        {borrowKindName(B.Kind).str(), B.Name, B.Explanation});
  return Record;
}

} // namespace firecrash
