//===--- DetachedThisCheck.cpp - firecrash --------------------------------===//

#include "DetachedThisCheck.h"
#include "BodyWalk.h"
#include "Borrows.h"
#include "DetachingCalls.h"
#include "FindingSink.h"
#include "Suspension.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <functional>

using namespace clang;

namespace firecrash {

DetachedThisCheck::DetachedThisCheck(StringRef Name,
                                     clang::tidy::ClangTidyContext *Context)
    : FirecrashCheck(Name, Context), Apis(Options),
      StrongReferenceFunctions(Options.get("StrongReferenceFunctions",
                                           DefaultStrongReferenceFunctions)),
      WeakReferenceFunctions(Options.get("WeakReferenceFunctions",
                                         DefaultWeakReferenceFunctions)),
      Strong(effectiveList(StrongReferenceFunctions,
                            DefaultStrongReferenceFunctions)),
      Weak(effectiveList(WeakReferenceFunctions, DefaultWeakReferenceFunctions)) {}

DetachedThisCheck::~DetachedThisCheck() = default;

void DetachedThisCheck::onStartOfTranslationUnit() {
  FirecrashCheck::onStartOfTranslationUnit();
  Detaching.reset();
}

void DetachedThisCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Shared.store(Options, Opts);
  Apis.store(Options, Opts);
  Options.store(Opts, "StrongReferenceFunctions", StrongReferenceFunctions);
  Options.store(Opts, "WeakReferenceFunctions", WeakReferenceFunctions);
}

namespace {

/// The names a function goes by for the option lists: its qualified name,
/// and for a member of a class template specialization the member of the
/// template ("std::enable_shared_from_this::shared_from_this").
llvm::SmallVector<std::string, 2> functionNames(const FunctionDecl *FD) {
  llvm::SmallVector<std::string, 2> Names{qualifiedName(FD)};
  if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern())
    Names.push_back(qualifiedName(Pattern));
  return Names;
}

/// Strips what stands between an initializer and the value it produces.
const Expr *initValue(const Expr *E) {
  return ignoreTemporaries(E, /*Functional=*/true);
}

/// True if \p S (not entering lambdas) contains an expression of \p Kind.
template <typename Kind> bool contains(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (isa<Kind>(S))
    return true;
  for (const Stmt *Child : S->children())
    if (contains<Kind>(Child))
      return true;
  return false;
}

/// True if \p S refers to one of \p Vars.
bool refersTo(const Stmt *S, const llvm::SmallPtrSetImpl<const VarDecl *> &Vars) {
  if (!S)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
      return Vars.count(VD);
  for (const Stmt *Child : S->children())
    if (refersTo(Child, Vars))
      return true;
  return false;
}

/// True if \p S only leaves the function (co_return, return, throw).
bool onlyLeaves(const Stmt *S) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(S))
    return Block->size() == 1 && onlyLeaves(Block->body_front());
  return isa_and_nonnull<CoreturnStmt, ReturnStmt, CXXThrowExpr>(S);
}

/// Walks a coroutine body in source order, tracking whether it has
/// suspended, whether a strong reference keeps the object alive, and which
/// uses of 'this' a checked weak reference guards.
class ThisWalker {
public:
  ThisWalker(const NameList &Strong, const NameList &Weak, ASTContext &Ctx)
      : Strong(Strong), Weak(Weak), Ctx(Ctx) {}

  /// Where 'this' is first used unprotected after a suspension, and that
  /// suspension.
  const CXXThisExpr *Use = nullptr;
  const CoroutineSuspendExpr *Suspension = nullptr;
  bool KeptAlive = false;

  void run(const Stmt *Body) {
    State S;
    walk(Body, S, /*TopLevel=*/true);
  }

  /// True if \p VD is initialized from a listed function or holds a listed
  /// type built from 'this'.
  bool initializedFrom(const VarDecl *VD, const NameList &List) {
    llvm::SmallVector<std::string, 4> TypeNames;
    collectTypeNames(Ctx, VD->getType().getNonReferenceType(), TypeNames);
    const Expr *Init = VD->getInit() ? initValue(VD->getInit()) : nullptr;
    if (!Init)
      return false;
    if (List.matchAny(TypeNames) && contains<CXXThisExpr>(Init))
      return true;
    if (const auto *Call = dyn_cast<CallExpr>(Init))
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        return List.matchAny(functionNames(Callee)).has_value();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init))
      for (const Expr *Arg : Construct->arguments())
        if (const auto *Call = dyn_cast<CallExpr>(initValue(Arg)))
          if (const FunctionDecl *Callee = Call->getDirectCallee())
            if (List.matchAny(functionNames(Callee)))
              return true;
    return false;
  }

private:
  struct State {
    bool Suspended = false;
    const CoroutineSuspendExpr *Last = nullptr;
    /// A checked strong reference is alive in this scope.
    bool Guarded = false;
    /// A weak reference was checked since the last suspension.
    bool Checked = false;
  };

  void use(const CXXThisExpr *This, const State &S) {
    if (Use || KeptAlive || !S.Suspended || S.Guarded || S.Checked)
      return;
    Use = This;
    Suspension = S.Last;
  }

  void suspend(const CoroutineSuspendExpr *Point, State &S) {
    S.Suspended = true;
    S.Last = Point;
    S.Checked = false;
  }

  /// Records a local declared in \p Decl: a strong reference before the
  /// first suspension keeps the object alive; weak references and what is
  /// obtained from them become guards when checked.
  void declare(const DeclStmt *Decls, const State &S, bool TopLevel) {
    for (const Decl *D : Decls->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD)
        continue;
      if (TopLevel && !S.Suspended && initializedFrom(VD, Strong))
        KeptAlive = true;
      else if (initializedFrom(VD, Weak))
        WeakVars.insert(VD);
      else if (VD->getInit() && refersTo(VD->getInit(), WeakVars))
        Derived.insert(VD); // auto strong = weak.lock();
    }
  }

  void walkExpr(const Stmt *E, State &S) {
    if (!E)
      return;
    if (const auto *Lambda = dyn_cast<LambdaExpr>(E)) {
      for (const Expr *Init : Lambda->capture_inits())
        walkExpr(Init, S);
      return; // The body runs when called, not here.
    }
    if (const auto *This = dyn_cast<CXXThisExpr>(E)) {
      use(This, S);
      return;
    }
    if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(E)) {
      walkExpr(Suspend->getOperand(), S);
      if (!alwaysReady(Suspend))
        suspend(Suspend, S);
      return;
    }
    for (const Stmt *Child : E->children())
      walkExpr(Child, S);
  }

  /// Whether a condition checks a weak reference: Persistent when a strong
  /// holder obtained from it lives on (a condition variable, a local locked
  /// from it), else only until the next suspension.
  enum class Check { None, Transient, Persistent };
  Check checks(const IfStmt *If) {
    if (const VarDecl *Var = If->getConditionVariable())
      if (Var->getInit() && refersTo(Var->getInit(), WeakVars))
        return Check::Persistent;
    if (refersTo(If->getCond(), Derived))
      return Check::Persistent;
    if (refersTo(If->getCond(), WeakVars))
      return Check::Transient;
    return Check::None;
  }

  void guard(State &S, Check C) {
    if (C == Check::Persistent)
      S.Guarded = true;
    else if (C == Check::Transient)
      S.Checked = true;
  }

  void walk(const Stmt *St, State &S, bool TopLevel = false) {
    if (!St)
      return;
    if (const auto *Block = dyn_cast<CompoundStmt>(St)) {
      bool Guarded = S.Guarded, Checked = S.Checked;
      for (const Stmt *Child : Block->body())
        walk(Child, S, TopLevel);
      // Guards end with the scope; suspensions do not.
      S.Guarded = Guarded;
      S.Checked = S.Checked && Checked;
      return;
    }
    if (const auto *Decls = dyn_cast<DeclStmt>(St)) {
      for (const Decl *D : Decls->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          walkExpr(VD->getInit(), S);
      declare(Decls, S, TopLevel);
      return;
    }
    if (const auto *If = dyn_cast<IfStmt>(St)) {
      walk(If->getInit(), S);
      if (const DeclStmt *Var = If->getConditionVariableDeclStmt())
        walk(Var, S);
      else
        walkExpr(If->getCond(), S);
      Check C = checks(If);
      State Then = S, Else = S;
      // "if (strong)" guards the then-branch; "if (!strong) co_return;"
      // guards the rest of the block.
      bool EarlyExit = C != Check::None && onlyLeaves(If->getThen()) &&
                       !If->getElse();
      if (!EarlyExit)
        guard(Then, C);
      walk(If->getThen(), Then);
      walk(If->getElse(), Else);
      S.Suspended = Then.Suspended || Else.Suspended;
      S.Last = Then.Suspended && Then.Last ? Then.Last : Else.Last ? Else.Last : S.Last;
      if (Then.Suspended != Else.Suspended || Then.Last != Else.Last)
        S.Checked = false;
      if (EarlyExit)
        guard(S, C);
      return;
    }
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(St)) {
      // A use early in the body runs again after a suspension later in it.
      const Stmt *Body = nullptr;
      if (const auto *For = dyn_cast<ForStmt>(St)) {
        walk(For->getInit(), S);
        walkExpr(For->getCond(), S);
        Body = For->getBody();
      } else if (const auto *While = dyn_cast<WhileStmt>(St)) {
        walkExpr(While->getCond(), S);
        Body = While->getBody();
      } else if (const auto *Do = dyn_cast<DoStmt>(St)) {
        Body = Do->getBody();
      } else if (const auto *Range = dyn_cast<CXXForRangeStmt>(St)) {
        walkExpr(Range->getRangeInit(), S);
        Body = Range->getBody();
      }
      State Inside = S;
      if (const CoroutineSuspendExpr *Later = firstSuspension(St)) {
        suspend(Later, Inside);
        Inside.Guarded = S.Guarded;
      }
      walk(Body, Inside);
      if (const auto *For = dyn_cast<ForStmt>(St))
        walkExpr(For->getInc(), Inside);
      if (const auto *Do = dyn_cast<DoStmt>(St))
        walkExpr(Do->getCond(), Inside);
      S.Suspended = Inside.Suspended;
      S.Last = Inside.Last;
      S.Checked = S.Checked && Inside.Checked;
      return;
    }
    if (const auto *Return = dyn_cast<CoreturnStmt>(St)) {
      walkExpr(Return->getOperand(), S);
      return;
    }
    if (isa<Expr>(St)) {
      walkExpr(St, S);
      return;
    }
    for (const Stmt *Child : St->children())
      walk(Child, S);
  }

  const NameList &Strong;
  const NameList &Weak;
  ASTContext &Ctx;
  llvm::SmallPtrSet<const VarDecl *, 4> WeakVars;
  llvm::SmallPtrSet<const VarDecl *, 4> Derived;
};

/// True if \p Method is declared in a Qt "slots:" section ("public slots:",
/// "Q_SLOTS:"): a signal invokes it and drops what it returns.
bool isQtSlot(const CXXMethodDecl *Method, const SourceManager &SM,
              const LangOptions &LangOpts) {
  const CXXRecordDecl *Class = Method->getParent();
  const AccessSpecDecl *Section = nullptr;
  const Decl *Target = Method->getCanonicalDecl();
  if (const FunctionTemplateDecl *Template =
          Method->getDescribedFunctionTemplate())
    Target = Template;
  for (const Decl *D : Class->decls()) {
    if (const auto *Access = dyn_cast<AccessSpecDecl>(D))
      Section = Access;
    if (D == Target)
      break;
  }
  if (!Section)
    return false;
  SourceLocation Begin = SM.getExpansionLoc(Section->getAccessSpecifierLoc());
  SourceLocation Colon = SM.getExpansionLoc(Section->getColonLoc());
  StringRef Text = Lexer::getSourceText(
      CharSourceRange::getCharRange(Begin, Colon), SM, LangOpts);
  return Text.contains("slots") || Text.contains("Q_SLOTS");
}

/// True if the closure of the lambda whose call operator is \p Call is a
/// temporary of a call of it in the function the lambda is written in
/// ("[this]() -> T { ... }();"): it is destroyed when that statement ends.
bool closureIsTemporary(const CXXMethodDecl *Call) {
  const auto *Outer = dyn_cast_or_null<FunctionDecl>(
      Call->getParent()->getDeclContext());
  if (!Outer || !Outer->getBody())
    return false;
  struct Finder {
    const CXXMethodDecl *Call;
    bool find(const Stmt *S) {
      if (!S)
        return false;
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S);
          Op && Op->getNumArgs() > 0 && Op->getDirectCallee() &&
          Op->getDirectCallee()->getCanonicalDecl() ==
              Call->getCanonicalDecl()) {
        const Expr *Object = ignoreTemporaries(Op->getArg(0));
        if (isa<LambdaExpr>(Object) ||
            isa<MaterializeTemporaryExpr>(Op->getArg(0)->IgnoreParenImpCasts()))
          return true;
      }
      for (const Stmt *Child : S->children())
        if (find(Child))
          return true;
      return false;
    }
  };
  return Finder{Call}.find(Outer->getBody());
}

} // namespace

/// True if a by-value parameter of \p FD is a strong reference: parameters
/// are in the coroutine's own frame, so one keeps the object alive (the
/// closure's captures do not: it can die first).
static bool strongParameter(const FunctionDecl *FD, const NameList &Strong,
                            const ASTContext &Ctx) {
  for (const ParmVarDecl *Param : FD->parameters()) {
    llvm::SmallVector<std::string, 4> Names;
    collectTypeNames(Ctx, Param->getType().getNonReferenceType(), Names);
    if (!Param->getType()->isReferenceType() && Strong.matchAny(Names))
      return true;
  }
  return false;
}

/// The way out, naming the object's strong-reference member when it has one.
static std::string suggestion(const std::optional<std::string> &Member) {
  if (Member)
    return "take a strong reference before the first suspension ('auto "
           "strong_this = " +
           *Member + "();'), or a weak one checked after resuming";
  return "take a strong reference to the object before the first "
         "suspension, or a weak one (a 'QPointer', a 'std::weak_ptr') "
         "before it and check it after resuming";
}

void DetachedThisCheck::recordFinding(const SourceManager &SM,
                                      SourceLocation Loc,
                                      const FunctionDecl *FD,
                                      llvm::StringRef Reason,
                                      llvm::StringRef Policy,
                                      const std::string &Suggestion) {
  FindingSink *Sink = threadFindingSink();
  if (!Sink)
    return;
  FindingRecord Record = record(SM, Loc, FD, nullptr, {});
  Record.Callee = qualifiedName(FD);
  Record.DetachedType = printType(State->Ctx, FD->getReturnType());
  Record.DetachedReason = Reason.str();
  Record.ExceptionPolicy = Policy.str();
  Record.Suggestion = Suggestion;
  Record.Borrows.push_back({borrowKindName(BorrowKind::RawThis).str(), "this",
                            "'this' is used after the coroutine suspends"});
  Sink->finding(std::move(Record));
}

/// The member coroutine of 'this' whose call creates the work of detaching
/// call \p Call written in \p Caller: the object of the call chain
/// ("loop().via(ex).start(cb)") or an argument ("spawn_detached(loop())").
static const CXXMemberCallExpr *memberWorkOnThis(const CallExpr *Call,
                                                 const FunctionDecl *Caller) {
  llvm::SmallVector<const CallExpr *, 4> Candidates;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    if (const CallExpr *Work =
            chainedWork(Member->getImplicitObjectArgument(), Caller))
      Candidates.push_back(Work);
  for (const Expr *Arg : Call->arguments())
    if (const CallExpr *Work = chainedWork(Arg, Caller))
      Candidates.push_back(Work);
  for (const CallExpr *Work : Candidates) {
    const auto *Member = dyn_cast<CXXMemberCallExpr>(Work);
    if (!Member || !Member->getImplicitObjectArgument() ||
        !isa<CXXThisExpr>(
            Member->getImplicitObjectArgument()->IgnoreParenImpCasts()))
      continue;
    if (coroutineBody(Member->getMethodDecl()))
      return Member;
  }
  return nullptr;
}

void DetachedThisCheck::checkDetachedMembers(const FunctionDecl *FD) {
  const Stmt *Body = FD->getBody();
  if (!Body || FD->isDependentContext())
    return;
  if (!Detaching)
    Detaching = detachingOracle(Apis, &State->Suspensions);
  llvm::SmallVector<const CallExpr *, 8> Calls;
  std::function<void(const Stmt *)> Collect = [&](const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      Calls.push_back(Call);
    for (const Stmt *Child : S->children())
      Collect(Child);
  };
  Collect(Body);
  for (const CallExpr *Call : Calls) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      continue;
    std::optional<DetachingMatch> Match = Detaching->classify(*Call, *Callee);
    if (!Match)
      continue;
    // Started on a scope, pool or executor of the object's own
    // ("scope_.spawn(run())"): that member holds the work and must be joined
    // before it is destroyed, so the object outlives the work.
    if (const auto *Start = dyn_cast<CXXMemberCallExpr>(Call))
      if (const auto *Holder = dyn_cast_or_null<MemberExpr>(
              Start->getImplicitObjectArgument()
                  ? Start->getImplicitObjectArgument()->IgnoreParenImpCasts()
                  : nullptr);
          Holder && isa<CXXThisExpr>(Holder->getBase()->IgnoreParenImpCasts()))
        continue;
    const CXXMemberCallExpr *Work = memberWorkOnThis(Call, FD);
    if (!Work)
      continue;
    const CXXMethodDecl *Member = Work->getMethodDecl();
    const FunctionDecl *Def = definitionWithBody(Member);
    // A detached member coroutine is reported by its own type; a
    // framework's long-lived object cannot dangle.
    if (!Def || State->Detached.classify(Member) ||
        State->Handlers.frameworkOwnedThis(Member))
      continue;
    ThisWalker Walker(Strong, Weak, State->Ctx);
    Walker.KeptAlive = strongParameter(Def, Strong, State->Ctx);
    Walker.run(coroutineBody(Def)->getBody());
    if (!Walker.Use || !Walker.Suspension)
      continue;
    const SourceManager &SM = State->Ctx.getSourceManager();
    SourceLocation Loc = SM.getExpansionLoc(Walker.Use->getBeginLoc());
    if (!firstReport(SM, Loc, Walker.Use))
      continue;
    diag(Loc, "%0, a member coroutine started detached, uses 'this' after it "
              "suspends; nothing keeps the object alive, so it can resume "
              "into a destroyed object")
        << displayName(Def);
    std::string Suggestion = suggestion(strongMember(Def));
    recordFinding(SM, Loc, Def, "detaching-call", "", Suggestion);
    diag(SM.getExpansionLoc(Walker.Suspension->getBeginLoc()),
         "the object can be destroyed while the coroutine is suspended here",
         DiagnosticIDs::Note);
    diag(SM.getExpansionLoc(Call->getBeginLoc()),
         "%0 starts it detached here ('%1' in option 'DetachingCallees'): "
         "nobody awaits it, and nothing keeps the object alive while it is "
         "suspended",
         DiagnosticIDs::Note)
        << displayName(FD) << Match->Entry->Written;
    fixNote(Def, Suggestion);
  }
}

void DetachedThisCheck::checkFunction(const FunctionDecl *FD) {
  checkDetachedMembers(FD);
  const auto *Method = dyn_cast<CXXMethodDecl>(FD);
  if (!Method || Method->isStatic())
    return;
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(FD->getBody());
  if (!Body)
    return;
  // The framework keeps its controllers, filters and plugins for the life
  // of the process: their 'this' cannot dangle.
  if (State->Handlers.frameworkOwnedThis(FD))
    return;
  if (Method->getParent()->isLambda()) {
    // A lambda borrows 'this' only through a capture of it ([*this] copies
    // the object and is safe).
    bool CapturesThis = false;
    for (const LambdaCapture &Capture : Method->getParent()->captures())
      CapturesThis |=
          Capture.capturesThis() && Capture.getCaptureKind() == LCK_This;
    if (!CapturesThis)
      return;
    // One root cause, one warning: 'this' is read from a closure destroyed
    // at the end of the starting statement, and the closure's finding
    // (firecrash-detached-borrow, or firecrash-detached-coroutine in a
    // request handler) says so.
    const auto *Outer =
        dyn_cast_or_null<FunctionDecl>(Method->getParent()->getDeclContext());
    if (closureIsTemporary(Method) && Outer &&
        isEnabled(State->Handlers.classify(Outer)
                      ? "firecrash-detached-coroutine"
                      : "firecrash-detached-borrow"))
      return;
  }
  std::optional<DetachedInfo> Info = State->Detached.classify(FD);
  // A Qt slot coroutine returning an eager task is detached by its caller:
  // a signal invokes it and nobody awaits the task.
  bool Slot = !Info && !Method->getParent()->isLambda() &&
              State->Detached.startsEagerly(FD).value_or(false) &&
              isQtSlot(Method, State->Ctx.getSourceManager(),
                       State->Ctx.getLangOpts());
  if (!Info && !Slot)
    return;

  ThisWalker Walker(Strong, Weak, State->Ctx);
  Walker.KeptAlive = strongParameter(FD, Strong, State->Ctx);
  Walker.run(Body->getBody());
  if (!Walker.Use || !Walker.Suspension)
    return;

  const SourceManager &SM = State->Ctx.getSourceManager();
  SourceLocation Loc = SM.getExpansionLoc(Walker.Use->getBeginLoc());
  if (!firstReport(SM, Loc, Walker.Use))
    return;
  diag(Loc, "%0, a detached coroutine, uses 'this' after it suspends; nothing "
            "keeps the object alive, so it can resume into a destroyed object")
      << displayName(FD);
  std::string TypeName = printType(State->Ctx, FD->getReturnType());
  std::string Suggestion = suggestion(strongMember(FD));
  recordFinding(SM, Loc, FD,
                Info ? detachedReasonName(Info->Reason).str() : "qt-slot",
                Info ? exceptionPolicyName(Info->Policy).str() : "",
                Suggestion);
  diag(SM.getExpansionLoc(Walker.Suspension->getBeginLoc()),
       "the object can be destroyed while the coroutine is suspended here",
       DiagnosticIDs::Note);
  if (Info) {
    diag(FD->getLocation(),
         "%0 returns detached type '%1': nobody awaits it, and nothing keeps "
         "the object alive while it is suspended",
         DiagnosticIDs::Note)
        << displayName(FD) << TypeName;
    detachedTypeNotes(*Info, FD);
  } else {
    diag(FD->getLocation(),
         "%0 is a Qt slot returning eager task '%1': a signal invokes it and "
         "nobody awaits the task, so nothing keeps the object alive while it "
         "is suspended",
         DiagnosticIDs::Note)
        << displayName(FD) << TypeName;
  }
  fixNote(FD, Suggestion);
}

/// Returns the name of a member of \p Class (or its bases) that hands out a
/// strong reference to the object, if any: "get_strong", "shared_from_this".
static std::optional<std::string> strongReferenceMember(const CXXRecordDecl *Class,
                                                        const NameList &Strong) {
  if (!Class || !Class->hasDefinition())
    return std::nullopt;
  std::optional<std::string> Found;
  auto Visit = [&](const CXXRecordDecl *RD) {
    for (const CXXMethodDecl *M : RD->methods())
      if (!Found && !M->isStatic() && M->getNumParams() == 0 &&
          M->getIdentifier() && Strong.matchAny(functionNames(M)))
        Found = M->getName().str();
    return !Found;
  };
  // Members of a class template specialization exist only once used: look
  // at the template's own members too.
  auto VisitWithPattern = [&](const CXXRecordDecl *RD) {
    if (!Visit(RD))
      return false;
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      if (const CXXRecordDecl *Pattern =
              Spec->getSpecializedTemplate()->getTemplatedDecl())
        return Visit(Pattern);
    return true;
  };
  if (VisitWithPattern(Class->getDefinition()))
    Class->getDefinition()->forallBases(
        [&](const CXXRecordDecl *Base) { return VisitWithPattern(Base); });
  return Found;
}

std::optional<std::string>
DetachedThisCheck::strongMember(const FunctionDecl *FD) {
  const CXXRecordDecl *Class = cast<CXXMethodDecl>(FD)->getParent();
  if (Class->isLambda())
    if (const auto *Outer = dyn_cast_or_null<CXXMethodDecl>(
            dyn_cast_or_null<FunctionDecl>(Class->getDeclContext())))
      Class = Outer->getParent(); // The object the lambda captured.
  return strongReferenceMember(Class, Strong);
}

void DetachedThisCheck::fixNote(const FunctionDecl *FD,
                                const std::string &Suggestion) {
  std::optional<std::string> Member = strongMember(FD);
  const auto *Body = cast<CoroutineBodyStmt>(FD->getBody());
  const auto *Block = dyn_cast<CompoundStmt>(Body->getBody());
  SourceLocation At = Block ? Block->getLBracLoc() : FD->getLocation();
  auto Note = diag(At, "%0", DiagnosticIDs::Note) << Suggestion;
  if (!Member)
    return;
  std::string Call = *Member + "()";
  // The fix-it: only where the class offers the member and the body is
  // written plainly (not by a macro) with a first statement to indent like.
  if (!Block || Block->body_empty() || !At.isFileID())
    return;
  const SourceManager &SM = State->Ctx.getSourceManager();
  SourceLocation First = Block->body_front()->getBeginLoc();
  if (!First.isFileID() ||
      SM.getExpansionLineNumber(First) == SM.getExpansionLineNumber(At))
    return;
  StringRef Indent = Lexer::getIndentationForLine(First, SM);
  Note << FixItHint::CreateInsertion(
      At.getLocWithOffset(1),
      ("\n" + Indent + "auto strong_this = " + Call + ";").str());
}

} // namespace firecrash
