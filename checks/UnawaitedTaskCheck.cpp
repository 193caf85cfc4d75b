//===--- UnawaitedTaskCheck.cpp - firecrash -------------------------------===//

#include "UnawaitedTaskCheck.h"
#include "Tasks.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace firecrash {


/// The annotation that marks a type as a task.
static constexpr llvm::StringLiteral TaskAnnotation = "firecrash::task";

/// A task created in the handler and never awaited.
struct UnawaitedTaskCheck::Unawaited {
  const CallExpr *Call = nullptr;
  const FunctionDecl *Callee = nullptr;
  /// The local it is stored in, or null when the result is discarded.
  const VarDecl *Local = nullptr;
  /// Discarded through a cast to void.
  bool CastToVoid = false;
  /// A whole statement, outside catch handlers: co_await can be inserted.
  bool Fixable = false;
  /// Why the result is a task, and the TaskTypes entry when listed.
  TaskReason Reason = TaskReason::Inferred;
  std::string Entry;
};

UnawaitedTaskCheck::UnawaitedTaskCheck(StringRef Name,
                                       clang::tidy::ClangTidyContext *Context)
    : FirecrashCheck(Name, Context),
      TaskTypes(Options.getLocalOrGlobal("TaskTypes", DefaultTaskTypes)),
      TaskTypeList(effectiveList(TaskTypes, DefaultTaskTypes)) {}

void UnawaitedTaskCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Shared.store(Options, Opts);
  Options.store(Opts, "TaskTypes", TaskTypes);
}

std::optional<UnawaitedTaskCheck::TaskReason>
UnawaitedTaskCheck::taskReason(const FunctionDecl *Callee, ASTContext &Ctx,
                               std::string &Entry) {
  QualType R = Callee->getReturnType();
  if (R->isDependentType() || !R->isRecordType())
    return std::nullopt;
  // Detached types are firecrash-detached-coroutine's.
  if (State->Detached.classify(Callee))
    return std::nullopt;
  if (typeHasAnnotation(Ctx, R, TaskAnnotation))
    return TaskReason::Annotated;
  llvm::SmallVector<std::string, 4> Names;
  collectTypeNames(Ctx, R, Names);
  if (std::optional<llvm::StringRef> Listed = TaskTypeList.matchAny(Names)) {
    Entry = Listed->str();
    return TaskReason::Listed;
  }
  if (State->Detached.nestedPromise(R) && State->Detached.isAwaitable(R))
    return TaskReason::Inferred;
  return std::nullopt;
}

void UnawaitedTaskCheck::checkFunction(const FunctionDecl *Handler) {
  if (!isHandler(Handler))
    return;
  ASTContext &Ctx = State->Ctx;
  for (const DroppedResult &D : findDroppedResults(
           Handler->getBody(), [&](const CallExpr *Call) {
             return State->Joins.waitsForItsTask(Call);
           })) {
    const FunctionDecl *Callee = D.Call->getDirectCallee();
    Unawaited U;
    std::optional<TaskReason> Reason;
    if (!Callee || !(Reason = taskReason(Callee, Ctx, U.Entry)))
      continue;
    U.Reason = *Reason;
    U.Call = D.Call;
    U.Callee = Callee;
    U.Local = D.Local;
    U.CastToVoid = D.CastToVoid;
    U.Fixable = !D.Local && !D.InCatch && !D.CastToVoid;
    report(Handler, U, Ctx);
  }
}

void UnawaitedTaskCheck::report(const FunctionDecl *Handler,
                                const Unawaited &U, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const FunctionDecl *Initial = nullptr;
  std::optional<bool> Eager = State->Detached.startsEagerly(U.Callee, &Initial);
  // A cast to void says "deliberately detached" for an eager task; a lazy
  // task discarded that way still never runs.
  if (U.CastToVoid && Eager.value_or(true))
    return;
  // An eager task that never suspends has finished when the call returns.
  if (Eager.value_or(false) && State->Suspensions.runsToCompletion(U.Callee))
    return;
  llvm::SmallVector<Borrow, 4> Borrows;
  if (Eager.value_or(false))
    Borrows = State->Borrows.ofCoroutine(U.Call, Handler, FrameRole::Handler);
  // A lazy task that is never awaited never runs: a bug whatever it borrows.
  bool Lazy = Eager.has_value() && !*Eager;
  if (Shared.RequireBorrowedState && Borrows.empty() && !Lazy)
    return;
  SourceLocation Loc = SM.getExpansionLoc(
      U.Local ? U.Local->getLocation() : U.Call->getBeginLoc());
  if (!firstReport(SM, Loc, U.Call))
    return;

  std::string Callee = "'" + U.Callee->getNameAsString() + "'";
  llvm::StringRef Hazard =
      !Eager ? "it may never run, or run detached"
      : *Eager ? "an eager task runs detached, and the handler can complete "
                 "while it is still outstanding"
               : "a lazy task never runs unless it is co_awaited";
  if (U.Local)
    diag(Loc, "task returned by %0 is stored in %1 and never awaited in %2; "
              "%3")
        << Callee << U.Local << describeHandler(Handler) << Hazard;
  else
    diag(Loc, "task returned by %0 is discarded in %1; %2")
        << Callee << describeHandler(Handler) << Hazard;

  std::string Suggestion =
      coroutineBody(Handler)
          ? "co_await the task, or spawn it on the request's scope and join "
            "it"
          : "make " + displayName(Handler) +
                " a coroutine that co_awaits the task, or spawn it on the "
                "request's scope and join it";
  if (FindingSink *Sink = threadFindingSink()) {
    FindingRecord Record = record(SM, Loc, Handler, nullptr, Borrows);
    Record.Suggestion = Suggestion;
    Record.Callee = qualifiedName(U.Callee);
    Record.Chain.push_back(Record.Callee);
    Record.DetachedType = printType(Ctx, U.Callee->getReturnType());
    Record.DetachedReason =
        !Eager ? "unawaited-task" : *Eager ? "unawaited-eager-task"
                                           : "unawaited-lazy-task";
    Sink->finding(std::move(Record));
  }

  // Why the type is a task.
  const CXXRecordDecl *Type = U.Callee->getReturnType()->getAsCXXRecordDecl();
  if (Type) {
    switch (U.Reason) {
    case TaskReason::Annotated:
      diag(Type->getLocation(), "%0 is a task: it is annotated '%1'",
           DiagnosticIDs::Note)
          << Type << TaskAnnotation;
      break;
    case TaskReason::Listed:
      diag(Type->getLocation(),
           "%0 is a task: it is listed as '%1' in option 'TaskTypes'",
           DiagnosticIDs::Note)
          << Type << U.Entry;
      break;
    case TaskReason::Inferred:
      diag(Type->getLocation(),
           "%0 is a task: it has a promise type and can be co_awaited",
           DiagnosticIDs::Note)
          << Type;
      break;
    }
  }
  if (Initial)
    diag(Initial->getLocation(),
         *Eager ? "the task starts eagerly: initial_suspend() never suspends"
                : "the task starts lazily: initial_suspend() suspends",
         DiagnosticIDs::Note);
  handlerNote(Handler);
  borrowNotes(SM, Borrows);

  // The way out: await it. The fix-it is offered only where co_await is
  // sure to compile: a whole statement outside catch handlers, in a handler
  // of the same coroutine type family as the task.
  SourceLocation CallLoc = U.Call->getBeginLoc();
  auto Family = [](QualType T) -> const Decl * {
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    if (!RD)
      return nullptr;
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      return Spec->getSpecializedTemplate()->getCanonicalDecl();
    return RD->getCanonicalDecl();
  };
  const Decl *TaskFamily = Family(U.Callee->getReturnType());
  bool Fixable = U.Fixable && !U.Local && CallLoc.isFileID() && TaskFamily &&
                 coroutineBody(Handler) &&
                 TaskFamily == Family(Handler->getReturnType());
  auto Note = diag(SM.getExpansionLoc(CallLoc), "%0", DiagnosticIDs::Note)
              << Suggestion;
  if (Fixable)
    Note << FixItHint::CreateInsertion(CallLoc, "co_await ");
}

} // namespace firecrash
