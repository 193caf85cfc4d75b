//===--- Suspension.cpp - What a coroutine does before it suspends --------===//

#include "Suspension.h"
#include "BodyWalk.h"
#include "TypeNames.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <functional>

using namespace clang;

namespace firecrash {

/// The await_ready() call in \p S, the ready expression of an await.
static const CXXMemberCallExpr *readyCall(const Stmt *S, unsigned Depth = 0) {
  if (!S || Depth > 8)
    return nullptr;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S))
    if (const CXXMethodDecl *Method = Call->getMethodDecl();
        Method && Method->getIdentifier() &&
        Method->getName() == "await_ready")
      return Call;
  for (const Stmt *Child : S->children())
    if (const CXXMemberCallExpr *Found = readyCall(Child, Depth + 1))
      return Found;
  return nullptr;
}

bool alwaysReady(const CoroutineSuspendExpr *Suspend) {
  const CXXMemberCallExpr *Ready =
      Suspend ? readyCall(Suspend->getReadyExpr()) : nullptr;
  const FunctionDecl *Def =
      Ready ? definitionWithBody(Ready->getMethodDecl()) : nullptr;
  const auto *Body = Def ? dyn_cast<CompoundStmt>(Def->getBody()) : nullptr;
  if (!Body || Body->size() != 1)
    return false;
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
  bool Value = false;
  return Return && Return->getRetValue() &&
         !Return->getRetValue()->isValueDependent() &&
         Return->getRetValue()->EvaluateAsBooleanCondition(
             Value, Def->getASTContext()) &&
         Value;
}

bool instantiationSkipped(const FunctionDecl *FD) {
  if (!FD || !FD->getASTContext().getDiagnostics().hasFatalErrorOccurred() ||
      definitionWithBody(FD))
    return false;
  const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern();
  return Pattern && Pattern->hasBody();
}

const CoroutineSuspendExpr *firstSuspension(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return nullptr;
  // The operand is evaluated before its own suspension: an await nested in
  // it comes first.
  if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(S)) {
    if (const CoroutineSuspendExpr *Inner =
            firstSuspension(Suspend->getOperand()))
      return Inner;
    // "co_await std::suspend_never{}" goes on at once.
    return alwaysReady(Suspend) ? nullptr : Suspend;
  }
  if (const auto *Body = dyn_cast<CoroutineBodyStmt>(S))
    return firstSuspension(Body->getBody());
  for (const Stmt *Child : S->children())
    if (const CoroutineSuspendExpr *Found = firstSuspension(Child))
      return Found;
  return nullptr;
}

const FunctionDecl *definitionWithBody(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (FD && FD->hasBody(Def) && Def && Def->getBody() &&
      !Def->isDependentContext())
    return Def;
  return nullptr;
}

namespace {

/// True if \p S throws or rethrows, not counting nested lambdas.
bool throwsAgain(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (isa<CXXThrowExpr>(S))
    return true;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      if (Callee->getIdentifier() &&
          Callee->getName() == "rethrow_exception")
        return true;
  for (const Stmt *Child : S->children())
    if (throwsAgain(Child))
      return true;
  return false;
}

/// The 'catch (...)' of \p Try when no handler of it throws again.
const CXXCatchStmt *catchAllOf(const CXXTryStmt *Try) {
  const CXXCatchStmt *All = nullptr;
  for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
    const CXXCatchStmt *Handler = Try->getHandler(I);
    if (throwsAgain(Handler->getHandlerBlock()))
      return nullptr;
    if (!Handler->getExceptionDecl())
      All = Handler;
  }
  return All;
}

/// Returns the catch-all guarding every statement of \p S, or null.
const CXXCatchStmt *guardedThroughout(const Stmt *S) {
  if (const auto *Try = dyn_cast<CXXTryStmt>(S))
    return catchAllOf(Try);
  const auto *Block = dyn_cast<CompoundStmt>(S);
  if (!Block)
    return nullptr;
  const CXXCatchStmt *Found = nullptr;
  for (const Stmt *Child : Block->body()) {
    if (isa<NullStmt>(Child))
      continue;
    if (const auto *Return = dyn_cast<CoreturnStmt>(Child);
        Return && !Return->getOperand())
      continue;
    if (const auto *Return = dyn_cast<ReturnStmt>(Child);
        Return && !Return->getRetValue())
      continue;
    const CXXCatchStmt *Inner = guardedThroughout(Child);
    if (!Inner)
      return nullptr;
    if (!Found)
      Found = Inner;
  }
  return Found;
}

/// True if \p T is a view into memory it does not own.
bool isViewType(const ASTContext &Ctx, QualType T) {
  llvm::SmallVector<std::string, 4> Names;
  collectTypeNames(Ctx, T.getNonReferenceType(), Names);
  for (const std::string &Name : Names)
    if (Name == "std::basic_string_view" || Name == "std::span" ||
        Name == "std::string_view")
      return true;
  return false;
}

/// True for the standard's casts of an argument to itself.
bool isIdentityCall(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || Call->getNumArgs() != 1 || !Callee->getIdentifier())
    return false;
  llvm::StringRef Name = Callee->getName();
  if (Name != "move" && Name != "forward" && Name != "as_const" &&
      Name != "addressof")
    return false;
  return Callee->isInStdNamespace();
}

/// The parameter types of what \p Call calls, with the offset of its first
/// argument bound to a parameter (1 for an operator call on an object).
struct CalleeShape {
  const FunctionDecl *Callee = nullptr;
  const FunctionProtoType *Proto = nullptr;
  const Expr *Object = nullptr;
  unsigned FirstArg = 0;

  QualType paramType(unsigned ArgIndex) const {
    unsigned Index = ArgIndex - FirstArg;
    if (Callee && Index < Callee->getNumParams())
      return Callee->getParamDecl(Index)->getType();
    if (Proto && Index < Proto->getNumParams())
      return Proto->getParamType(Index);
    return QualType();
  }
  QualType returnType() const {
    if (Callee)
      return Callee->getReturnType();
    if (Proto)
      return Proto->getReturnType();
    return QualType();
  }
};

/// True if an object of \p Class can hold a reference into another object:
/// a field (of it or a base, through class members) of reference or pointer
/// type, other than a coroutine handle, which points to a coroutine frame.
bool holdsReference(const CXXRecordDecl *Class, unsigned Depth = 0) {
  if (!Class || Depth > 4)
    return false;
  if (!Class->hasDefinition())
    return true;
  Class = Class->getDefinition();
  if (Class->getIdentifier() && Class->getName() == "coroutine_handle" &&
      Class->isInStdNamespace())
    return false;
  for (const FieldDecl *Field : Class->fields()) {
    QualType T = Field->getType();
    if (T->isReferenceType() || T->isPointerType() ||
        T->isMemberPointerType())
      return true;
    if (const CXXRecordDecl *Inner = T->getAsCXXRecordDecl())
      if (holdsReference(Inner, Depth + 1))
        return true;
  }
  for (const CXXBaseSpecifier &Base : Class->bases())
    if (holdsReference(Base.getType()->getAsCXXRecordDecl(), Depth + 1))
      return true;
  return false;
}

/// True if the awaiter of "co_await x" can still refer to x after the
/// suspension: x is its own awaiter, or the awaiter its operator co_await
/// (or the promise's await_transform) returns can hold a reference; false
/// when that awaiter holds none (it copied a coroutine handle out of x).
bool awaiterKeepsOperand(const CoroutineSuspendExpr *Suspend) {
  const auto *Await = dyn_cast<CoawaitExpr>(Suspend);
  if (!Await)
    return true;
  const Expr *Awaiter = ignoreTemporaries(Await->getCommonExpr());
  if (const auto *Opaque = dyn_cast_or_null<OpaqueValueExpr>(Awaiter))
    Awaiter = ignoreTemporaries(Opaque->getSourceExpr());
  const auto *Call = dyn_cast_or_null<CallExpr>(Awaiter);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || Callee->getOverloadedOperator() != OO_Coawait)
    return true;
  QualType Result = Call->getType();
  if (Result->isReferenceType() || Result->isPointerType())
    return true;
  return holdsReference(Result->getAsCXXRecordDecl());
}

CalleeShape shapeOf(const CallExpr *Call) {
  CalleeShape Shape;
  Shape.Callee = Call->getDirectCallee();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    Shape.Object = Member->getImplicitObjectArgument();
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
    if (isa_and_nonnull<CXXMethodDecl>(Shape.Callee) &&
        cast<CXXMethodDecl>(Shape.Callee)->isInstance() &&
        Op->getNumArgs() > 0) {
      Shape.Object = Op->getArg(0);
      Shape.FirstArg = 1;
    }
  }
  if (!Shape.Callee) {
    QualType T = Call->getCallee()->getType();
    if (const auto *Ptr = T->getAs<PointerType>())
      T = Ptr->getPointeeType();
    else if (const auto *MemberPtr = T->getAs<MemberPointerType>())
      T = MemberPtr->getPointeeType();
    if (T->isSpecificBuiltinType(BuiltinType::BoundMember)) {
      // (obj.*pmf)(...): the member pointer carries the prototype.
      const Expr *Callee = Call->getCallee()->IgnoreParens();
      if (const auto *Binary = dyn_cast<BinaryOperator>(Callee))
        if (const auto *MemberPtr =
                Binary->getRHS()->getType()->getAs<MemberPointerType>())
          T = MemberPtr->getPointeeType();
    }
    Shape.Proto = T->getAs<FunctionProtoType>();
  }
  return Shape;
}

/// Walks one body in source order and finds the first late use of the
/// tracked values.
class UseWalker {
public:
  UseWalker(SuspensionAnalysis &Analysis, const FunctionDecl *Function,
            const UseTarget &Target, SourceLocation SuspendEnd, unsigned Depth)
      : Analysis(Analysis), Ctx(Analysis.context()),
        SM(Ctx.getSourceManager()), Function(Function), Target(Target),
        SuspendEnd(SuspendEnd), Depth(Depth) {
    for (const VarDecl *VD : Target.Vars)
      Tracked.insert(VD);
  }

  std::optional<LateUse> Found;

  void walk(const Stmt *S) {
    if (!S || Found)
      return;
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      lambda(Lambda);
      return;
    }
    if (const auto *Body = dyn_cast<CoroutineBodyStmt>(S)) {
      walk(Body->getBody());
      return;
    }
    if (isa<UnaryExprOrTypeTraitExpr>(S))
      return;
    if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(S)) {
      const Expr *Operand = Suspend->getOperand();
      if (designates(Operand)) {
        // Awaited through an awaiter that keeps nothing of it: read once,
        // before the suspension.
        if (awaiterKeepsOperand(Suspend))
          late(LateUseKind::Awaited, Operand->getBeginLoc(), nameOf(Operand));
        return;
      }
      walk(Operand);
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      call(Call);
      return;
    }
    if (const auto *Decls = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : Decls->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          declare(VD);
      return;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
          VD && Tracked.count(VD))
        use(Ref->getLocation(), VD->getName().str());
      return;
    }
    if (isa<CXXThisExpr>(S)) {
      if (Target.This)
        use(S->getBeginLoc(), "this");
      return;
    }
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S) &&
        firstSuspension(S)) {
      ++SuspendingLoops;
      for (const Stmt *Child : S->children())
        walk(Child);
      --SuspendingLoops;
      return;
    }
    for (const Stmt *Child : S->children())
      walk(Child);
  }

private:
  /// Strips what keeps designating the same object.
  const Expr *core(const Expr *E) const {
    for (unsigned Guard = 0; E && Guard < 32; ++Guard) {
      E = ignoreTemporaries(E);
      if (const auto *Call = dyn_cast<CallExpr>(E); Call && isIdentityCall(Call)) {
        E = Call->getArg(0);
        continue;
      }
      if (const auto *Cast = dyn_cast<CXXNamedCastExpr>(E);
          Cast && (Cast->getType()->isReferenceType() ||
                   Cast->getType()->isPointerType() || !Cast->isPRValue())) {
        E = Cast->getSubExpr();
        continue;
      }
      if (const auto *Unary = dyn_cast<UnaryOperator>(E);
          Unary && (Unary->getOpcode() == UO_Deref ||
                    Unary->getOpcode() == UO_AddrOf)) {
        E = Unary->getSubExpr();
        continue;
      }
      if (const auto *Member = dyn_cast<MemberExpr>(E)) {
        const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
        // p->m leaves the object only when p is not itself tracked.
        if (Member->isArrow() && !isa<CXXThisExpr>(Base) && !tracked(Base))
          return E;
        E = Base;
        continue;
      }
      if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E);
          Subscript &&
          Subscript->getBase()->IgnoreParenImpCasts()->getType()->isArrayType()) {
        E = Subscript->getBase();
        continue;
      }
      break;
    }
    return E;
  }

  bool tracked(const Expr *E) const {
    if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
      if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
        return Tracked.count(VD);
    return false;
  }

  /// True if \p E designates a tracked value (or part of it).
  bool designates(const Expr *E) const {
    const Expr *Core = core(E);
    if (!Core)
      return false;
    if (isa<CXXThisExpr>(Core))
      return Target.This;
    return tracked(Core);
  }

  std::string nameOf(const Expr *E) const {
    const Expr *Core = core(E);
    if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Core))
      return Ref->getDecl()->getName().str();
    return "this";
  }

  void late(LateUseKind Kind, SourceLocation Loc, std::string Name = "") {
    if (Found)
      return;
    Found = LateUse{Kind, SM.getExpansionLoc(Loc), std::move(Name), Function};
  }

  /// True if a use at \p Loc can run after the first suspension.
  bool lateAt(SourceLocation Loc) const {
    return SuspendingLoops > 0 ||
           (SuspendEnd.isValid() &&
            SM.isBeforeInTranslationUnit(SuspendEnd, SM.getExpansionLoc(Loc)));
  }

  /// A use at \p Loc: late if it comes after the first suspension.
  void use(SourceLocation Loc, std::string Name) {
    if (lateAt(Loc))
      late(LateUseKind::Read, Loc, std::move(Name));
  }

  void lambda(const LambdaExpr *Lambda) {
    auto Init = Lambda->capture_init_begin();
    for (auto It = Lambda->capture_begin(); It != Lambda->capture_end();
         ++It, ++Init) {
      const LambdaCapture &Capture = *It;
      SourceLocation Loc =
          Capture.isImplicit() ? Lambda->getBeginLoc() : Capture.getLocation();
      if (Capture.capturesThis()) {
        // [this] hands the pointer on; [*this] copies the object.
        if (Target.This &&
            (Capture.getCaptureKind() == LCK_This || Target.Indirect))
          late(LateUseKind::HandedOn, Loc, "this");
        else if (Target.This)
          use(Loc, "this");
        continue;
      }
      if (Capture.capturesVariable()) {
        const auto *VD = dyn_cast<VarDecl>(Capture.getCapturedVar());
        if (VD && Tracked.count(VD)) {
          if (Capture.getCaptureKind() == LCK_ByRef || Target.Indirect)
            late(LateUseKind::HandedOn, Loc, VD->getName().str());
          else
            use(Loc, VD->getName().str());
          continue;
        }
      }
      if (*Init && !Capture.capturesVariable())
        walk(*Init);
      else if (*Init && Capture.capturesVariable() &&
               cast<VarDecl>(Capture.getCapturedVar())->isInitCapture())
        walk(*Init);
    }
  }

  void declare(const VarDecl *VD) {
    const Expr *Init = VD->getInit();
    if (!Init)
      return;
    QualType T = VD->getType();
    bool Aliasing = T->isReferenceType() || T->isPointerType() ||
                    isViewType(Ctx, T);
    if (Aliasing) {
      const Expr *Value = Init;
      // A view built from the object: string_view(s).
      if (const auto *Construct =
              dyn_cast<CXXConstructExpr>(core(Value) ? core(Value) : Value);
          Construct && Construct->getNumArgs() >= 1)
        Value = Construct->getArg(0);
      if (designates(Value)) {
        Tracked.insert(VD);
        return;
      }
    }
    walk(Init);
  }

  void call(const CallExpr *Call) {
    if (isIdentityCall(Call)) {
      walk(Call->getArg(0));
      return;
    }
    CalleeShape Shape = shapeOf(Call);
    QualType Result = Shape.returnType();
    const FunctionDecl *Def =
        Shape.Callee ? definitionWithBody(Shape.Callee) : nullptr;
    // A call that can leave work running: it returns a task, or it is a
    // coroutine itself (a 'void' one included).
    bool ForTask = (!Result.isNull() && !Result->isDependentType() &&
                    Analysis.isCoroutineType(Result)) ||
                   (Def && isa<CoroutineBodyStmt>(Def->getBody()));
    bool Followable = Def && Analysis.hasVisibleBody(Def) && Depth > 0;

    // The object a member function is called on.
    if (Shape.Object) {
      if (designates(Shape.Object)) {
        SourceLocation Loc = Shape.Object->getBeginLoc();
        std::string Name = nameOf(Shape.Object);
        // A closure's captured pointer (its 'this', a reference) points
        // elsewhere: a task from it does not point into the closure.
        bool HeldHere = true;
        if (Target.InClosure) {
          const auto *Ref = dyn_cast_or_null<DeclRefExpr>(core(Shape.Object));
          const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
          HeldHere = VD && llvm::is_contained(Target.ByValue, VD);
        }
        if (ForTask && HeldHere && !lateAt(Loc)) {
          if (!Followable) {
            late(LateUseKind::CalledForTask, Loc, Name);
            return;
          }
          UseTarget Inner;
          Inner.This = true;
          Inner.Indirect = true;
          if (std::optional<LateUse> Use =
                  Analysis.lateUse(Def, Inner, Depth - 1)) {
            Found = Use;
            return;
          }
        }
        use(Loc, Name);
      } else {
        walk(Shape.Object);
      }
    }
    // A free function's name, or a call through a pointer to member
    // ('(obj.*pmf)(...)' reads 'pmf').
    if (!Shape.Callee || !Shape.Object)
      walk(Call->getCallee());

    for (unsigned I = Shape.FirstArg; I < Call->getNumArgs() && !Found; ++I) {
      const Expr *Arg = Call->getArg(I);
      if (!designates(Arg)) {
        walk(Arg);
        continue;
      }
      SourceLocation Loc = Arg->getBeginLoc();
      std::string Name = nameOf(Arg);
      QualType Param = Shape.paramType(I);
      bool ByReference = !Param.isNull() && Param->isReferenceType();
      bool Indirection = !Param.isNull() && !ByReference &&
                         (Param->isPointerType() || isViewType(Ctx, Param));
      // What a callee keeps beyond the call: a reference, or a copy of a
      // pointer or view; an object copied into a parameter is consumed.
      bool Kept = ByReference || Indirection || (Target.Indirect && !ByReference &&
                                                 Param.isNull());
      if (!Kept || !ForTask) {
        use(Loc, Name);
        continue;
      }
      unsigned Index = I - Shape.FirstArg;
      if (!Followable || Index >= Def->getNumParams()) {
        late(LateUseKind::HandedOn, Loc, Name);
        continue;
      }
      UseTarget Inner;
      Inner.Vars.push_back(Def->getParamDecl(Index));
      Inner.Indirect = Indirection || Target.Indirect;
      if (std::optional<LateUse> Use = Analysis.lateUse(Def, Inner, Depth - 1)) {
        Found = Use;
        continue;
      }
      use(Loc, Name);
    }
  }

  SuspensionAnalysis &Analysis;
  ASTContext &Ctx;
  const SourceManager &SM;
  const FunctionDecl *Function;
  const UseTarget &Target;
  SourceLocation SuspendEnd;
  unsigned Depth;
  llvm::SmallPtrSet<const VarDecl *, 8> Tracked;
  unsigned SuspendingLoops = 0;
};

} // namespace

const CXXCatchStmt *catchesEverything(const FunctionDecl *Coroutine) {
  const FunctionDecl *Def = definitionWithBody(Coroutine);
  if (!Def)
    return nullptr;
  const Stmt *Body = Def->getBody();
  if (const auto *Coro = dyn_cast<CoroutineBodyStmt>(Body))
    Body = Coro->getBody();
  return Body ? guardedThroughout(Body) : nullptr;
}

bool SuspensionAnalysis::hasVisibleBody(const FunctionDecl *FD) const {
  const FunctionDecl *Def = definitionWithBody(FD);
  if (!Def)
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  return !SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation()));
}

bool SuspensionAnalysis::isCoroutineType(QualType T) {
  if (T.isNull() || T->isDependentType())
    return false;
  T = T.getNonReferenceType();
  if (!T->isRecordType())
    return false;
  return Detached.nestedPromise(T) || Detached.isAwaitable(T);
}

/// Every suspension point of \p S, not counting nested lambdas.
static void suspensionsIn(const Stmt *S,
                          llvm::SmallVectorImpl<const CoroutineSuspendExpr *> &Out) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(S)) {
    suspensionsIn(Suspend->getOperand(), Out);
    if (!alwaysReady(Suspend))
      Out.push_back(Suspend);
    return;
  }
  for (const Stmt *Child : S->children())
    suspensionsIn(Child, Out);
}

/// True if \p S calls an await_suspend() that returns a coroutine handle:
/// the suspension transfers control to another coroutine at once.
static bool transfersSymmetrically(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S))
    if (const CXXMethodDecl *Method = Call->getMethodDecl();
        Method && Method->getIdentifier() &&
        Method->getName() == "await_suspend") {
      const CXXRecordDecl *Result =
          Call->getType()->getAsCXXRecordDecl();
      return Result && Result->getIdentifier() &&
             Result->getName() == "coroutine_handle" &&
             Result->isInStdNamespace();
    }
  for (const Stmt *Child : S->children())
    if (transfersSymmetrically(Child))
      return true;
  return false;
}

/// True if \p Promise, or a base of it, declares await_transform: what its
/// coroutine awaits is not what the operand says.
static bool transformsAwaits(const CXXRecordDecl *Promise, ASTContext &Ctx) {
  if (!Promise || !Promise->hasDefinition())
    return true;
  DeclarationName Name = &Ctx.Idents.get("await_transform");
  bool Found = !Promise->getDefinition()->lookup(Name).empty();
  Promise->getDefinition()->forallBases([&](const CXXRecordDecl *Base) {
    Found |= !Base->lookup(Name).empty();
    return !Found;
  });
  return Found;
}

bool SuspensionAnalysis::completesInline(const CoroutineSuspendExpr *Await,
                                         const FunctionDecl *Awaiting,
                                         unsigned Depth) {
  if (Depth == 0 || !isa<CoawaitExpr>(Await))
    return false;
  const auto *Body = dyn_cast<CoroutineBodyStmt>(Awaiting->getBody());
  if (!Body || transformsAwaits(Body->getPromiseDecl()
                                    ->getType()
                                    ->getAsCXXRecordDecl(),
                                Ctx) ||
      !transfersSymmetrically(Await->getSuspendExpr()))
    return false;
  // The awaited task: a call written here, or a local initialized by one.
  const Expr *Operand = ignoreTemporaries(Await->getOperand());
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Operand)) {
    const auto *Local = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Local || !Local->hasLocalStorage() || isa<ParmVarDecl>(Local) ||
        !Local->getInit())
      return false;
    Operand = ignoreTemporaries(Local->getInit());
  }
  const auto *Call = dyn_cast<CallExpr>(Operand);
  const FunctionDecl *Task =
      Call ? definitionWithBody(Call->getDirectCallee()) : nullptr;
  const auto *TaskBody =
      Task ? dyn_cast<CoroutineBodyStmt>(Task->getBody()) : nullptr;
  // Lazy, so the await starts it; it transfers back when it finishes.
  if (!TaskBody || Detached.startsEagerly(Task).value_or(true) ||
      !transfersSymmetrically(TaskBody->getFinalSuspendStmt()))
    return false;
  return completesOnceStarted(Task, Depth - 1);
}

bool SuspensionAnalysis::completesOnceStarted(const FunctionDecl *Def,
                                              unsigned Depth) {
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(Def->getBody());
  if (!Body)
    return false;
  llvm::SmallVector<const CoroutineSuspendExpr *, 4> Points;
  suspensionsIn(Body->getBody(), Points);
  for (const CoroutineSuspendExpr *Point : Points)
    if (!completesInline(Point, Def, Depth))
      return false;
  return true;
}

/// The one of \p Loops that \p E names ("loop", "*loop"), if any: the loop
/// itself (a reference or pointer parameter), or an operation of it handed
/// in by value.
static const ParmVarDecl *
namedOne(const Expr *E,
         const llvm::SmallPtrSetImpl<const ParmVarDecl *> &Loops) {
  E = E ? ignoreTemporaries(E) : nullptr;
  E = E ? E->IgnoreParenImpCasts() : nullptr;
  if (const auto *Deref = dyn_cast_or_null<UnaryOperator>(E);
      Deref && Deref->getOpcode() == UO_Deref)
    E = Deref->getSubExpr()->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E);
  const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  return Param && Loops.contains(Param) ? Param : nullptr;
}

static bool namesOne(const Expr *E,
                     const llvm::SmallPtrSetImpl<const ParmVarDecl *> &Loops) {
  return namedOne(E, Loops) != nullptr;
}

/// True if \p E is an operation of one of \p Loops: a member call on it
/// ("loop.recv(fd)"), which the loop completes.
static bool operationOf(const Expr *E,
                        const llvm::SmallPtrSetImpl<const ParmVarDecl *> &Loops) {
  const auto *Member =
      dyn_cast_or_null<CXXMemberCallExpr>(E ? ignoreTemporaries(E) : nullptr);
  return Member && namesOne(Member->getImplicitObjectArgument(), Loops);
}

bool SuspensionAnalysis::suspendsOnlyOn(
    const FunctionDecl *Def,
    const llvm::SmallPtrSetImpl<const ParmVarDecl *> &Loops, unsigned Depth) {
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(Def->getBody());
  if (!Body || Depth == 0)
    return false;
  llvm::SmallVector<const CoroutineSuspendExpr *, 4> Points;
  suspensionsIn(Body->getBody(), Points);
  for (const CoroutineSuspendExpr *Point : Points) {
    // A co_yield hands control to the consumer, which resumes it.
    if (!isa<CoawaitExpr>(Point))
      return false;
    const Expr *Operand = ignoreTemporaries(Point->getOperand());
    // "co_await loop.recv(fd)", "co_await loop.schedule()", or an
    // operation of the loop handed in by value ("co_await op"). (Awaiting
    // the object itself, "co_await task", waits for whoever completes it.)
    if (operationOf(Operand, Loops))
      continue;
    if (const ParmVarDecl *Named = namedOne(Operand, Loops);
        Named && !Named->getType()->isReferenceType() &&
        !Named->getType()->isPointerType())
      continue;
    // "co_await step(loop)", "co_await (loop.read(fd) | check)": a
    // coroutine given the loop, or its operations, that suspends only on
    // them; it resumes this one when it finishes.
    const auto *Call = dyn_cast_or_null<CallExpr>(Operand);
    const FunctionDecl *Callee =
        Call ? definitionWithBody(Call->getDirectCallee()) : nullptr;
    if (!Callee || !isa<CoroutineBodyStmt>(Callee->getBody()))
      return false;
    llvm::SmallPtrSet<const ParmVarDecl *, 4> Inner;
    for (unsigned I = 0; I < Callee->getNumParams(); ++I) {
      const ParmVarDecl *Param = Callee->getParamDecl(I);
      const Expr *Arg = argumentFor(Call, Callee, I);
      if (!Arg)
        continue;
      Arg = Arg->IgnoreParenImpCasts();
      if (const auto *Address = dyn_cast<UnaryOperator>(Arg);
          Address && Address->getOpcode() == UO_AddrOf)
        Arg = Address->getSubExpr();
      bool Indirect = Param->getType()->isReferenceType() ||
                      Param->getType()->isPointerType();
      if ((Indirect && namesOne(Arg, Loops)) || operationOf(Arg, Loops))
        Inner.insert(Param);
    }
    if (Inner.empty() || !suspendsOnlyOn(Callee, Inner, Depth - 1))
      return false;
  }
  return true;
}

bool SuspensionAnalysis::resumedOnlyBy(const FunctionDecl *FD,
                                       unsigned Index) {
  const FunctionDecl *Def = definitionWithBody(FD);
  if (!Def || Index >= Def->getNumParams())
    return false;
  const ParmVarDecl *Loop = Def->getParamDecl(Index);
  if (!(Loop->getType()->isReferenceType() ||
        Loop->getType()->isPointerType()))
    return false;
  // A lazy coroutine's first run comes from whoever starts it.
  if (!Detached.startsEagerly(Def).value_or(false))
    return false;
  llvm::SmallPtrSet<const ParmVarDecl *, 4> Loops;
  Loops.insert(Loop);
  return suspendsOnlyOn(Def, Loops, 3);
}

bool SuspensionAnalysis::runsToCompletion(const FunctionDecl *FD) {
  const FunctionDecl *Def = definitionWithBody(FD);
  if (!Def)
    return false;
  auto [It, Inserted] = Completes.try_emplace(Def->getCanonicalDecl(), false);
  if (!Inserted)
    return It->second;
  bool Result = isa<CoroutineBodyStmt>(Def->getBody()) &&
                Detached.startsEagerly(Def).value_or(false) &&
                completesOnceStarted(Def, 3);
  Completes[Def->getCanonicalDecl()] = Result;
  return Result;
}

bool SuspensionAnalysis::completesWork(const FunctionDecl *Wrapper) {
  const FunctionDecl *Def = definitionWithBody(Wrapper);
  if (!Def || isa<CoroutineBodyStmt>(Def->getBody()) ||
      Def->getNumParams() == 0)
    return false;
  auto [It, Inserted] = Wrappers.try_emplace(Def->getCanonicalDecl(), false);
  if (!Inserted)
    return It->second;
  // Every use of a parameter must hand it to a detached coroutine that runs
  // to completion within the call.
  llvm::SmallPtrSet<const ParmVarDecl *, 4> Params(Def->param_begin(),
                                                   Def->param_end());
  unsigned Handed = 0;
  bool Other = false;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Other)
      return;
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      bool Completes = Callee && Detached.classify(Callee) &&
                       runsToCompletion(Callee);
      for (const Expr *Arg : Call->arguments()) {
        const Expr *Value = Arg->IgnoreParenImpCasts();
        for (unsigned Guard = 0; Guard < 8; ++Guard) {
          if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(Value))
            Value = Temp->getSubExpr()->IgnoreParenImpCasts();
          else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Value);
                   Construct && Construct->getNumArgs() == 1)
            Value = Construct->getArg(0)->IgnoreParenImpCasts();
          else if (const auto *Inner = dyn_cast<CallExpr>(Value);
                   Inner && isIdentityCall(Inner))
            Value = Inner->getArg(0)->IgnoreParenImpCasts();
          else
            break;
        }
        const auto *Ref = dyn_cast<DeclRefExpr>(Value);
        const auto *Param =
            Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
        if (Param && Params.count(Param)) {
          if (Completes)
            ++Handed;
          else
            Other = true;
          continue;
        }
        Walk(Arg);
      }
      Walk(Call->getCallee());
      return;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      if (const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl());
          Param && Params.count(Param))
        Other = true;
      return;
    }
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      for (const Expr *Init : Lambda->capture_inits())
        Walk(Init);
      return;
    }
    for (const Stmt *Child : S->children())
      Walk(Child);
  };
  Walk(Def->getBody());
  bool Result = Handed > 0 && !Other;
  Wrappers[Def->getCanonicalDecl()] = Result;
  return Result;
}

std::optional<LateUse> SuspensionAnalysis::lateUse(const FunctionDecl *FD,
                                                   const UseTarget &Target,
                                                   unsigned Depth) {
  const FunctionDecl *Def = definitionWithBody(FD);
  if (!Def)
    return std::nullopt;
  const Stmt *Body = Def->getBody();
  SourceLocation SuspendEnd;
  if (const auto *Coro = dyn_cast<CoroutineBodyStmt>(Body)) {
    Body = Coro->getBody();
    if (!Detached.startsEagerly(Def).value_or(false)) {
      // It suspends before its body runs: every use in the body is late
      // (what only its promise's constructor reads is not).
      SuspendEnd = Ctx.getSourceManager().getExpansionLoc(Body->getBeginLoc());
    } else if (const CoroutineSuspendExpr *First = firstSuspension(Body)) {
      SuspendEnd = Ctx.getSourceManager().getExpansionLoc(First->getEndLoc());
    }
  }
  UseWalker Walker(*this, Def, Target, SuspendEnd, Depth);
  Walker.walk(Body);
  return Walker.Found;
}

} // namespace firecrash
