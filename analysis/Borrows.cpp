//===--- Borrows.cpp - What a detached start borrows ----------------------===//

#include "Borrows.h"
#include "BodyWalk.h"
#include "DetachedTypes.h"
#include "Handlers.h"
#include "Reach.h"
#include "TypeNames.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/LambdaCapture.h"
#include "clang/AST/StmtCXX.h"
#include <functional>

using namespace clang;

namespace firecrash {

llvm::StringRef borrowKindName(BorrowKind Kind) {
  switch (Kind) {
  case BorrowKind::Reference:
    return "reference";
  case BorrowKind::Pointer:
    return "pointer";
  case BorrowKind::Temporary:
    return "temporary";
  case BorrowKind::View:
    return "view";
  case BorrowKind::RawThis:
    return "raw-this";
  case BorrowKind::ObjectLocal:
    return "object-local";
  case BorrowKind::CaptureByReference:
    return "capture-by-reference";
  case BorrowKind::CaptureThis:
    return "capture-this";
  case BorrowKind::DyingClosure:
    return "dying-closure";
  case BorrowKind::LocalClosure:
    return "local-closure";
  }
  llvm_unreachable("unknown borrow kind");
}

/// Strips parentheses and implicit conversions that keep the same object.
static const Expr *stripConversions(const Expr *E) {
  while (E) {
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *Full = dyn_cast<FullExpr>(E)) {
      E = Full->getSubExpr();
      continue;
    }
    if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = Bind->getSubExpr();
      continue;
    }
    break;
  }
  return E;
}

/// Returns true if \p E, after conversions, materializes a temporary.
static bool isTemporary(const Expr *E) {
  while (E) {
    E = E->IgnoreParens();
    if (isa<MaterializeTemporaryExpr>(E))
      return true;
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    return false;
  }
  return false;
}

const VarDecl *designatedVariable(const Expr *E, const FunctionDecl *Caller) {
  E = E ? E->IgnoreParenImpCasts() : nullptr;
  while (E) {
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (Member->isArrow())
        return nullptr; // Reached through a pointer: not the caller's frame.
      E = Member->getBase()->IgnoreParenImpCasts();
      continue;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      if (!Subscript->getBase()->getType()->isArrayType() &&
          !Subscript->getBase()->IgnoreParenImpCasts()->getType()->isArrayType())
        return nullptr;
      E = Subscript->getBase()->IgnoreParenImpCasts();
      continue;
    }
    break;
  }
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E);
  if (!Ref)
    return nullptr;
  const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
  if (!VD || !VD->hasLocalStorage())
    return nullptr;
  const auto *Owner = dyn_cast<FunctionDecl>(VD->getDeclContext());
  if (!Owner || Owner->getCanonicalDecl() != Caller->getCanonicalDecl())
    return nullptr;
  return VD;
}

/// Describes a local or parameter of the caller for a note.
static std::string describeLocal(const VarDecl *VD, FrameRole Role) {
  std::string Prefix = Role == FrameRole::Handler ? "handler " : "";
  if (isa<ParmVarDecl>(VD))
    return Prefix + "parameter '" + VD->getName().str() + "'";
  return Prefix + "local '" + VD->getName().str() + "'";
}

bool isFrameOwned(const VarDecl *VD) {
  return VD && VD->hasLocalStorage() && !VD->getType()->isReferenceType();
}

/// Returns the value \p E carries in, looking through conversions,
/// temporaries, casts, copies, moves, converting constructors and conversion
/// operators: the local a view looks into, or the work handed to a spawn.
static const Expr *innerValue(const Expr *E) {
  for (unsigned Guard = 0; E && Guard < 16; ++Guard) {
    E = stripConversions(E);
    if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = Temp->getSubExpr();
      continue;
    }
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      if (Construct->getNumArgs() == 0)
        return nullptr;
      E = Construct->getArg(0);
      continue;
    }
    if (const auto *Conversion = dyn_cast<CXXMemberCallExpr>(E)) {
      if (!isa_and_nonnull<CXXConversionDecl>(Conversion->getMethodDecl()))
        return E;
      E = Conversion->getImplicitObjectArgument();
      continue;
    }
    return E;
  }
  return E;
}

static bool isViewType(const ASTContext &Ctx, QualType T) {
  llvm::SmallVector<std::string, 4> Names;
  collectTypeNames(Ctx, T, Names);
  for (const std::string &Name : Names)
    if (Name == "std::basic_string_view" || Name == "std::span" ||
        Name == "std::string_view")
      return true;
  return false;
}

/// True if a view \p Method returns can look into its object: its body
/// returns something made from 'this' (a member), or it is not visible.
static bool viewsItsObject(const CXXMethodDecl *Method) {
  const FunctionDecl *Def = definitionWithBody(Method);
  if (!Def)
    return Method != nullptr;
  std::function<bool(const Stmt *, bool)> Walk = [&](const Stmt *S,
                                                    bool InReturn) -> bool {
    if (!S || isa<LambdaExpr>(S))
      return false;
    if (InReturn && isa<CXXThisExpr>(S))
      return true;
    bool Returning = InReturn || isa<ReturnStmt>(S);
    for (const Stmt *Child : S->children())
      if (Walk(Child, Returning))
        return true;
    return false;
  };
  return Walk(Def->getBody(), false);
}

/// Returns the local of \p Caller that the pointer \p E points to: '&x', an
/// array, or a pointer local initialized with one ("int *p = &port").
const VarDecl *pointedLocal(const Expr *E, const FunctionDecl *Caller,
                            unsigned Depth) {
  if (!E || Depth > 4)
    return nullptr;
  const Expr *Stripped = stripConversions(E);
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(Stripped);
      AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    return designatedVariable(AddrOf->getSubExpr(), Caller);
  if (Stripped->getType()->isArrayType())
    return designatedVariable(Stripped, Caller);
  const auto *Ref = dyn_cast<DeclRefExpr>(Stripped);
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (VD && VD->hasLocalStorage() && VD->getType()->isPointerType() &&
      VD->getInit() && designatedVariable(Ref, Caller))
    return pointedLocal(VD->getInit(), Caller, Depth + 1);
  return nullptr;
}

/// Appends what a local aggregate of \p Caller holds of the frame: members
/// that are references to, or pointers to, locals ("Ctx c{port}").
static void aggregateBorrows(const VarDecl *Aggregate,
                             const FunctionDecl *Caller, FrameRole Role,
                             SourceLocation Loc, llvm::StringRef How,
                             llvm::SmallVectorImpl<Borrow> &Out) {
  if (!Aggregate || !Aggregate->hasLocalStorage() || !Aggregate->getInit())
    return;
  const CXXRecordDecl *Record =
      Aggregate->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition() || !Record->isAggregate())
    return;
  const auto *List = dyn_cast<InitListExpr>(stripConversions(Aggregate->getInit()));
  if (const auto *Syntactic = List ? List->getSemanticForm() : nullptr)
    List = Syntactic;
  if (!List)
    return;
  unsigned Index = 0;
  for (const FieldDecl *Field : Record->fields()) {
    if (Index >= List->getNumInits())
      break;
    const Expr *Init = List->getInit(Index++);
    const VarDecl *VD = nullptr;
    if (Field->getType()->isReferenceType())
      VD = designatedVariable(Init, Caller);
    else if (Field->getType()->isPointerType())
      VD = pointedLocal(Init, Caller);
    if (!VD || VD == Aggregate)
      continue;
    Out.push_back({BorrowKind::Reference, Loc, VD->getName().str(),
                   How.str() + " '" + Aggregate->getName().str() +
                       "', whose member '" + Field->getName().str() + "' " +
                       (Field->getType()->isReferenceType() ? "refers"
                                                            : "points") +
                       " to " + describeLocal(VD, Role),
                   VD});
  }
}

/// Appends the borrows of a lambda's captures: by-reference captures of
/// \p Caller's locals, raw 'this', and by-copy captures of pointers to
/// locals and of aggregates holding references to them. Implicit captures
/// point at \p ImplicitLoc; \p Runner names what runs ("coroutine", "work").
/// True if \p S refers to \p VD, nested lambdas included.
static bool refersTo(const Stmt *S, const VarDecl *VD) {
  if (!S)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    return Ref->getDecl()->getCanonicalDecl() == VD->getCanonicalDecl();
  for (const Stmt *Child : S->children())
    if (refersTo(Child, VD))
      return true;
  return false;
}

/// True if the body of closure \p Closure uses captured \p VD (a generic
/// lambda's pattern counts); true when the body cannot be seen.
static bool closureUses(const CXXRecordDecl *Closure, const VarDecl *VD) {
  const CXXMethodDecl *Call = Closure ? Closure->getLambdaCallOperator() : nullptr;
  if (!Call)
    return true;
  if (const FunctionTemplateDecl *Template = Call->getDescribedFunctionTemplate())
    Call = cast<CXXMethodDecl>(Template->getTemplatedDecl());
  const Stmt *Body = Call->getBody();
  return !Body || refersTo(Body, VD);
}

template <typename CaptureRange>
static void captureBorrows(CaptureRange Captures, const CXXRecordDecl *Closure,
                           SourceLocation ImplicitLoc, llvm::StringRef Runner,
                           const FunctionDecl *Caller, FrameRole Role,
                           llvm::SmallVectorImpl<Borrow> &Out) {
  for (const LambdaCapture &Capture : Captures) {
    SourceLocation Loc =
        Capture.isImplicit() ? ImplicitLoc : Capture.getLocation();
    if (Capture.capturesThis() && Capture.getCaptureKind() == LCK_This) {
      Out.push_back({BorrowKind::CaptureThis, Loc, "this",
                     "the lambda captures raw 'this'; nothing keeps the "
                     "object alive while the " +
                         Runner.str() + " runs"});
      continue;
    }
    if (!Capture.capturesVariable())
      continue;
    const auto *VD = dyn_cast<VarDecl>(Capture.getCapturedVar());
    if (!VD || !VD->hasLocalStorage())
      continue;
    const auto *Owner = dyn_cast<FunctionDecl>(VD->getDeclContext());
    if (!Owner || Owner->getCanonicalDecl() != Caller->getCanonicalDecl())
      continue;
    if (Capture.getCaptureKind() == LCK_ByCopy) {
      // A copy of a pointer still points into the frame.
      if (VD->getType()->isPointerType() && VD->getInit())
        if (const VarDecl *Pointee = pointedLocal(VD->getInit(), Caller))
          Out.push_back({BorrowKind::Pointer, Loc, Pointee->getName().str(),
                         "the lambda captures pointer '" +
                             VD->getName().str() + "', which points to " +
                             describeLocal(Pointee, Role),
                         Pointee});
      aggregateBorrows(VD, Caller, Role, Loc, "the lambda captures", Out);
      continue;
    }
    if (Capture.getCaptureKind() != LCK_ByRef)
      continue;
    // "[&x]" whose body never names x lends nothing.
    if (!Capture.isImplicit() && !closureUses(Closure, VD))
      continue;
    Out.push_back({BorrowKind::CaptureByReference, Loc, VD->getName().str(),
                   "the lambda captures " + describeLocal(VD, Role) +
                       " by reference",
                   VD});
  }
}

llvm::SmallVector<Borrow, 4> findBorrows(const ASTContext &Ctx,
                                         const CallExpr *Call,
                                         const FunctionDecl *Caller,
                                         FrameRole Role) {
  llvm::SmallVector<Borrow, 4> Borrows;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Caller)
    return Borrows;

  const Expr *Object = nullptr;
  unsigned FirstArg = 0;
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  if (Method && Method->isInstance()) {
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
      Object = Member->getImplicitObjectArgument();
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
      if (Op->getNumArgs() > 0) {
        Object = Op->getArg(0);
        FirstArg = 1;
      }
    }
  }

  // Arguments bound to the callee's parameters.
  for (unsigned I = FirstArg, E = Call->getNumArgs(); I < E; ++I) {
    unsigned ParamIndex = I - FirstArg;
    if (ParamIndex >= Callee->getNumParams())
      break;
    size_t Before = Borrows.size();
    const ParmVarDecl *Param = Callee->getParamDecl(ParamIndex);
    const Expr *Arg = Call->getArg(I);
    if (isa<CXXDefaultArgExpr>(Arg))
      continue;
    QualType ParamType = Param->getType();
    std::string ParamName =
        Param->getName().empty() ? "#" + std::to_string(ParamIndex + 1)
                                 : Param->getName().str();
    SourceLocation Loc = Arg->getBeginLoc();
    if (ParamType->isReferenceType()) {
      if (isTemporary(Arg)) {
        Borrows.push_back(
            {BorrowKind::Temporary, Loc, "",
             "a temporary is bound to reference parameter '" + ParamName +
                 "'; it is destroyed at the end of the statement while the "
                 "coroutine still refers to it"});
      } else if (const VarDecl *VD = designatedVariable(Arg, Caller)) {
        Borrows.push_back({BorrowKind::Reference, Loc, VD->getName().str(),
                           "reference parameter '" + ParamName +
                               "' refers to " + describeLocal(VD, Role),
                           VD});
      }
    } else if (ParamType->isPointerType()) {
      const Expr *Stripped = stripConversions(Arg);
      if (isa<CXXThisExpr>(Stripped)) {
        Borrows.push_back({BorrowKind::RawThis, Loc, "this",
                           "pointer parameter '" + ParamName +
                               "' receives raw 'this'; nothing keeps the "
                               "object alive while the coroutine runs"});
      } else if (const VarDecl *VD = pointedLocal(Arg, Caller)) {
        const auto *Ref = dyn_cast<DeclRefExpr>(Stripped);
        const auto *Held = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
        Borrows.push_back(
            {BorrowKind::Pointer, Loc, VD->getName().str(),
             "pointer parameter '" + ParamName + "' " +
                 (Held && Held->getType()->isPointerType()
                      ? "receives '" + Held->getName().str() +
                            "', which points to "
                      : std::string("points to ")) +
                 describeLocal(VD, Role),
             VD});
      }
    } else if (isViewType(Ctx, ParamType)) {
      const Expr *Inner = innerValue(Arg);
      const VarDecl *VD = designatedVariable(Inner, Caller);
      std::string Through;
      // "req.get_body()": a member returning a view of its own object.
      if (const auto *Getter = dyn_cast_or_null<CXXMemberCallExpr>(Inner);
          !VD && Getter && isViewType(Ctx, Getter->getType()) &&
          viewsItsObject(Getter->getMethodDecl())) {
        VD = designatedVariable(Getter->getImplicitObjectArgument(), Caller);
        Through = " through '" + Getter->getMethodDecl()->getNameAsString() +
                  "()'";
      }
      if (VD)
        Borrows.push_back({BorrowKind::View, Loc, VD->getName().str(),
                           "view parameter '" + ParamName + "' looks into " +
                               describeLocal(VD, Role) + Through,
                           VD});
    } else if (const auto *Ref =
                   dyn_cast<DeclRefExpr>(stripConversions(innerValue(Arg)
                                                              ? innerValue(Arg)
                                                              : Arg))) {
      // A copy of an aggregate that holds references into the frame.
      aggregateBorrows(dyn_cast<VarDecl>(Ref->getDecl()), Caller, Role, Loc,
                       "parameter '" + ParamName + "' receives a copy of",
                       Borrows);
    }
    for (size_t B = Before; B < Borrows.size(); ++B)
      Borrows[B].ParamIndex = static_cast<int>(ParamIndex);
  }

  if (Object) {
    const CXXRecordDecl *Class = Method->getParent();
    if (Class->isLambda()) {
      SourceLocation ObjectLoc = Object->getBeginLoc();
      // Without captures the closure holds nothing the coroutine reads.
      if (Class->capture_size() != 0) {
        if (isTemporary(Object) || isa<LambdaExpr>(stripConversions(Object))) {
          Borrows.push_back(
              {BorrowKind::DyingClosure, ObjectLoc, "",
               "the lambda's closure is a temporary destroyed at the end of "
               "this statement; after its first suspension the coroutine "
               "reads captures that no longer exist"});
        } else if (const VarDecl *VD = designatedVariable(Object, Caller)) {
          Borrows.push_back({BorrowKind::LocalClosure, ObjectLoc,
                             VD->getName().str(),
                             "the coroutine reads its captures from closure '" +
                                 VD->getName().str() + "', a local of " +
                                 (Role == FrameRole::Handler
                                      ? std::string("the handler")
                                      : displayName(Caller)),
                             VD});
        }
        captureBorrows(Class->captures(), Class, ObjectLoc, "coroutine", Caller, Role,
                       Borrows);
      }
    } else {
      const Expr *StrippedObject = stripConversions(Object);
      if (isa<CXXThisExpr>(StrippedObject)) {
        Borrows.push_back({BorrowKind::RawThis, Object->getBeginLoc(), "this",
                           "the member coroutine is called on raw 'this'; "
                           "nothing keeps the object alive while it runs"});
      } else if (isTemporary(Object)) {
        Borrows.push_back({BorrowKind::Temporary, Object->getBeginLoc(), "",
                           "the member coroutine is called on a temporary "
                           "destroyed at the end of the statement"});
      } else if (const VarDecl *VD = designatedVariable(Object, Caller)) {
        if (!VD->getType()->isPointerType())
          Borrows.push_back({BorrowKind::ObjectLocal, Object->getBeginLoc(),
                             VD->getName().str(),
                             "the member coroutine is called on " +
                                 describeLocal(VD, Role),
                             VD});
      }
    }
  }
  for (Borrow &B : Borrows)
    B.Work = {Callee, Call, B.Var};
  return Borrows;
}

/// True if \p Call is std::move, std::forward or std::ref/cref of one
/// argument.
static bool isStdCall(const CallExpr *Call,
                      std::initializer_list<llvm::StringRef> Names) {
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Callee->isInStdNamespace() || !Callee->getIdentifier())
    return false;
  return llvm::is_contained(Names, Callee->getName());
}

static void workBorrows(const ASTContext &Ctx, const Expr *Arg,
                        const FunctionDecl *Caller, FrameRole Role,
                        llvm::SmallVectorImpl<Borrow> &Out,
                        unsigned Depth = 0);

/// The name an adaptor call of a sender expression goes by: the
/// customization point object called ("then" for "stdexec::then(f)"), else
/// the function.
static std::string adaptorName(const CallExpr *Call) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
      Op && Op->getOperator() == OO_Call && Op->getNumArgs() > 0)
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreParenImpCasts()))
      return Ref->getDecl()->getNameAsString();
  const FunctionDecl *Callee = Call->getDirectCallee();
  return Callee ? Callee->getNameAsString() : std::string();
}

/// Appends what a sender expression lends its work: the captures of every
/// lambda an adaptor of it is given ("then([&] { ++hits; })"), through
/// pipes, nested adaptors (when_all, let_value) and closures held in
/// locals. The notes name the adaptor.
static void senderBorrows(const ASTContext &Ctx, const CallExpr *Call,
                          const FunctionDecl *Caller, FrameRole Role,
                          llvm::SmallVectorImpl<Borrow> &Out,
                          unsigned Depth) {
  if (Depth > 16)
    return;
  std::string Adaptor = adaptorName(Call);
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
  unsigned First = Op && Op->getOperator() == OO_Call ? 1 : 0;
  for (unsigned I = First; I < Call->getNumArgs(); ++I) {
    const Expr *Arg = innerValue(Call->getArg(I));
    if (const auto *Moved = dyn_cast_or_null<CallExpr>(Arg);
        Moved && Moved->getNumArgs() == 1 &&
        isStdCall(Moved, {"move", "forward"}))
      Arg = innerValue(Moved->getArg(0));
    if (const auto *Lambda = dyn_cast_or_null<LambdaExpr>(Arg)) {
      size_t Before = Out.size();
      captureBorrows(Lambda->captures(), Lambda->getLambdaClass(),
                     Lambda->getBeginLoc(), "sender", Caller, Role, Out);
      for (size_t B = Before; B < Out.size(); ++B) {
        Out[B].Work = {Lambda->getCallOperator(), nullptr, Out[B].Var};
        llvm::StringRef Rest = Out[B].Explanation;
        if (!Adaptor.empty() && Rest.consume_front("the lambda "))
          Out[B].Explanation =
              "the lambda passed to '" + Adaptor + "' " + Rest.str();
      }
      continue;
    }
    // A nested adaptor, or the closure of a pipe ("then(f)" in
    // "s | then(f)"): an object built from what it is given.
    // (A coroutine's task is work of its own, read below.)
    if (const auto *Inner = dyn_cast_or_null<CallExpr>(Arg);
        Inner && Inner->getDirectCallee() &&
        Inner->getType()->getAsCXXRecordDecl() &&
        !isa_and_nonnull<CoroutineBodyStmt>(
            Inner->getDirectCallee()->getBody()) &&
        !hasPromiseType(Inner->getType()->getAsCXXRecordDecl())) {
      senderBorrows(Ctx, Inner, Caller, Role, Out, Depth + 1);
      continue;
    }
    workBorrows(Ctx, Call->getArg(I), Caller, Role, Out, Depth + 1);
  }
}

/// True if the sender \p E completes inline when started: every leaf is a
/// sender that completes at once (just, just_error, just_stopped, read_env)
/// and every adaptor runs its function where its predecessor completes
/// (then, upon_*, bulk, when_all of such senders), so no scheduler ever
/// takes the work elsewhere: it is done when the start returns.
static bool completesInline(const Expr *E, const FunctionDecl *Caller,
                            unsigned Depth = 0) {
  E = innerValue(E);
  if (!E || Depth > 16)
    return false;
  if (const auto *Moved = dyn_cast<CallExpr>(E);
      Moved && Moved->getNumArgs() == 1 && isStdCall(Moved, {"move", "forward"}))
    return completesInline(Moved->getArg(0), Caller, Depth + 1);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(stripConversions(E))) {
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    return VD && VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) &&
           VD->getInit() && designatedVariable(Ref, Caller) &&
           completesInline(VD->getInit(), Caller, Depth + 1);
  }
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return false;
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
  if (Op && Op->getOperator() == OO_Pipe && Call->getNumArgs() == 2)
    return completesInline(Call->getArg(0), Caller, Depth + 1) &&
           completesInline(Call->getArg(1), Caller, Depth + 1);
  std::string Name = adaptorName(Call);
  if (Name == "just" || Name == "just_error" || Name == "just_stopped" ||
      Name == "read_env")
    return true;
  if (Name != "then" && Name != "upon_error" && Name != "upon_stopped" &&
      Name != "bulk" && Name != "when_all")
    return false;
  // Its predecessors, if written here (a closure for a pipe has none).
  unsigned First = Op && Op->getOperator() == OO_Call ? 1 : 0;
  for (unsigned I = First; I < Call->getNumArgs(); ++I) {
    const Expr *Arg = innerValue(Call->getArg(I));
    if (Arg && isSenderType(Arg->getType()->getAsCXXRecordDecl()) &&
        !completesInline(Arg, Caller, Depth + 1))
      return false;
  }
  return true;
}

static void workBorrows(const ASTContext &Ctx, const Expr *Arg,
                        const FunctionDecl *Caller, FrameRole Role,
                        llvm::SmallVectorImpl<Borrow> &Out,
                        unsigned Depth) {
  const Expr *Work = innerValue(Arg);
  if (!Work || Depth > 4)
    return;
  // std::move(logic), std::forward<F>(f): the same work.
  if (const auto *Call = dyn_cast<CallExpr>(Work);
      Call && Call->getNumArgs() == 1 && isStdCall(Call, {"move", "forward"})) {
    workBorrows(Ctx, Call->getArg(0), Caller, Role, Out, Depth + 1);
    return;
  }
  if (const auto *Lambda = dyn_cast<LambdaExpr>(Work)) {
    size_t Before = Out.size();
    captureBorrows(Lambda->captures(), Lambda->getLambdaClass(),
                   Lambda->getBeginLoc(), "work", Caller,
                   Role, Out);
    for (size_t B = Before; B < Out.size(); ++B)
      Out[B].Work = {Lambda->getCallOperator(), nullptr, Out[B].Var};
    return;
  }
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(stripConversions(Work));
      AddrOf && AddrOf->getOpcode() == UO_AddrOf) {
    if (const VarDecl *VD = designatedVariable(AddrOf->getSubExpr(), Caller))
      Out.push_back({BorrowKind::Pointer, Arg->getBeginLoc(),
                     VD->getName().str(),
                     "the work is given a pointer to " +
                         describeLocal(VD, Role),
                     VD});
    return;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(stripConversions(Work))) {
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    if (!VD || !designatedVariable(Ref, Caller))
      return;
    const Expr *Init = VD->getInit() ? innerValue(VD->getInit()) : nullptr;
    // A closure held in a local: its copy keeps the references it captured.
    if (const auto *Lambda = dyn_cast_or_null<LambdaExpr>(Init)) {
      size_t Before = Out.size();
      captureBorrows(Lambda->captures(), Lambda->getLambdaClass(),
                     Arg->getBeginLoc(), "work", Caller,
                     Role, Out);
      for (size_t B = Before; B < Out.size(); ++B) {
        Out[B].Explanation = "closure '" + VD->getName().str() +
                             "', copied into the work, keeps its capture: " +
                             Out[B].Explanation;
        Out[B].Work = {Lambda->getCallOperator(), nullptr, Out[B].Var};
      }
      return;
    }
    // A sender built into a local: what its adaptors were given.
    if (const auto *Built = dyn_cast_or_null<CallExpr>(Init);
        Built && isSenderType(VD->getType()->getAsCXXRecordDecl())) {
      senderBorrows(Ctx, Built, Caller, Role, Out, Depth + 1);
      return;
    }
    if (VD->getType()->isPointerType()) {
      if (const VarDecl *Pointee = pointedLocal(Ref, Caller))
        Out.push_back({BorrowKind::Pointer, Arg->getBeginLoc(),
                       Pointee->getName().str(),
                       "the work is given pointer '" + VD->getName().str() +
                           "', which points to " + describeLocal(Pointee, Role),
                       Pointee});
      return;
    }
    aggregateBorrows(VD, Caller, Role, Arg->getBeginLoc(),
                     "the work is given a copy of", Out);
    return;
  }
  const auto *Call = dyn_cast<CallExpr>(Work);
  if (!Call || !Call->getDirectCallee())
    return;
  const FunctionDecl *Callee = Call->getDirectCallee();
  std::string Name = qualifiedName(Callee);
  if (Name == "std::ref" || Name == "std::cref") {
    if (Call->getNumArgs() == 1)
      if (const VarDecl *VD = designatedVariable(Call->getArg(0), Caller)) {
        Out.push_back({BorrowKind::Reference, Arg->getBeginLoc(),
                       VD->getName().str(),
                       "'" + Name + "' wraps a reference to " +
                           describeLocal(VD, Role),
                       VD});
        // A closure lent by reference keeps what it captured, too.
        if (const auto *Lambda = dyn_cast_or_null<LambdaExpr>(
                VD->getInit() ? innerValue(VD->getInit()) : nullptr))
          captureBorrows(Lambda->captures(), Lambda->getLambdaClass(),
                     Arg->getBeginLoc(), "work",
                         Caller, Role, Out);
      }
    return;
  }
  // std::bind(f, std::ref(x)): what is bound goes with the work.
  if (Name == "std::bind" || Name == "std::bind_front" ||
      Name == "std::bind_back") {
    for (const Expr *Bound : Call->arguments())
      workBorrows(Ctx, Bound, Caller, Role, Out, Depth + 1);
    return;
  }
  // Only a coroutine keeps what its parameters refer to; an ordinary call
  // (socket.get_executor()) returns before the work starts.
  const CXXRecordDecl *Result = Callee->getReturnType()->getAsCXXRecordDecl();
  bool IsCoroutine = isa_and_nonnull<CoroutineBodyStmt>(Callee->getBody());
  if (!IsCoroutine)
    IsCoroutine = hasPromiseType(Result) || createsCoroutine(Callee);
  if (!IsCoroutine) {
    // A sender keeps the function objects its adaptors were given.
    if (isSenderType(Call->getType()->getAsCXXRecordDecl()))
      senderBorrows(Ctx, Call, Caller, Role, Out, Depth + 1);
    return;
  }
  for (Borrow &B : findBorrows(Ctx, Call, Caller, Role))
    Out.push_back(std::move(B));
}

/// True if \p Callee is a coroutine, or returns a type that names a
/// promise_type (a task a call of it creates).
static bool returnsCoroutine(const ASTContext &Ctx, const FunctionDecl *Callee) {
  if (!Callee)
    return false;
  if (isa_and_nonnull<CoroutineBodyStmt>(Callee->getBody()))
    return true;
  return hasPromiseType(Callee->getReturnType()->getAsCXXRecordDecl()) ||
         createsCoroutine(Callee);
}

const CallExpr *chainedWork(const Expr *Object, const FunctionDecl *Caller,
                            unsigned Depth) {
  if (!Object || Depth > 8)
    return nullptr;
  const Expr *E = ignoreTemporaries(Object);
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return nullptr;
    const ASTContext &Ctx = Callee->getASTContext();
    if (isStdCall(Call, {"move", "forward"}) && Call->getNumArgs() == 1)
      return chainedWork(Call->getArg(0), Caller, Depth + 1);
    // The coroutine call that creates the work.
    if (isa_and_nonnull<CoroutineBodyStmt>(Callee->getBody()))
      return Call;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
      // An adapter that passes the work along: a member function of the
      // task (via, scheduleOn)...
      const Expr *Inner = Member->getImplicitObjectArgument();
      QualType InnerType = Inner ? Inner->getType() : QualType();
      if (!InnerType.isNull() && InnerType->isPointerType())
        InnerType = InnerType->getPointeeType();
      const CXXRecordDecl *Task =
          InnerType.isNull() ? nullptr : InnerType->getAsCXXRecordDecl();
      if (hasPromiseType(Task))
        return chainedWork(Inner, Caller, Depth + 1);
      // ... or a member coroutine defined elsewhere.
      return returnsCoroutine(Ctx, Callee) ? Call : nullptr;
    }
    if (returnsCoroutine(Ctx, Callee) && !Callee->hasBody())
      return Call;
    // ... or a free function taking it (co_withExecutor).
    for (const Expr *Arg : Call->arguments())
      if (const CallExpr *Work = chainedWork(Arg, Caller, Depth + 1))
        return Work;
    return nullptr;
  }
  // A task held in a local: what it was initialized with.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
        VD && VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) && VD->getInit() &&
        designatedVariable(Ref, Caller))
      return chainedWork(VD->getInit(), Caller, Depth + 1);
  return nullptr;
}

/// The range-for statement of \p S whose loop variable is \p VD.
static const CXXForRangeStmt *rangeForOf(const Stmt *S, const VarDecl *VD) {
  if (!S)
    return nullptr;
  if (const auto *For = dyn_cast<CXXForRangeStmt>(S);
      For && For->getLoopVariable() == VD)
    return For;
  for (const Stmt *Child : S->children())
    if (const CXXForRangeStmt *Found = rangeForOf(Child, VD))
      return Found;
  return nullptr;
}

/// The local container \p Object's loop variable iterates over, when
/// \p Object names the variable of a range-for of \p Caller.
static const VarDecl *loopContainer(const Expr *Object,
                                    const FunctionDecl *Caller) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(
      Object ? Object->IgnoreParenImpCasts() : nullptr);
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!VD || !VD->isCXXForRangeDecl())
    return nullptr;
  const CXXForRangeStmt *For = rangeForOf(Caller->getBody(), VD);
  return For ? designatedVariable(For->getRangeInit(), Caller) : nullptr;
}

/// Appends what the work added to \p Container in \p S borrows: the
/// arguments of its emplace_back, push_back, emplace and insert (a thread
/// built in place, or a temporary thread's constructor arguments).
static void containerWorkBorrows(const ASTContext &Ctx, const Stmt *S,
                                 const VarDecl *Container,
                                 const FunctionDecl *Caller, FrameRole Role,
                                 llvm::SmallVectorImpl<Borrow> &Out) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S)) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    llvm::StringRef Name =
        Method && Method->getIdentifier() ? Method->getName() : "";
    if ((Name == "emplace_back" || Name == "push_back" || Name == "emplace" ||
         Name == "insert") &&
        designatedVariable(Call->getImplicitObjectArgument(), Caller) ==
            Container)
      for (const Expr *Arg : Call->arguments()) {
        const Expr *Built = ignoreTemporaries(Arg, /*Functional=*/true);
        if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Built);
            Construct && !Construct->getConstructor()->isCopyOrMoveConstructor())
          for (const Expr *Inner : Construct->arguments())
            workBorrows(Ctx, Inner, Caller, Role, Out);
        else
          workBorrows(Ctx, Arg, Caller, Role, Out);
      }
  }
  for (const Stmt *Child : S->children())
    containerWorkBorrows(Ctx, Child, Container, Caller, Role, Out);
}

llvm::SmallVector<Borrow, 4> findWorkBorrows(const ASTContext &Ctx,
                                             const CallExpr *Call,
                                             const FunctionDecl *Caller,
                                             FrameRole Role) {
  llvm::SmallVector<Borrow, 4> Borrows;
  if (!Call || !Caller)
    return Borrows;
  // A sender that completes inline ("just() | then(f)") is done when the
  // start returns: it borrows nothing for longer.
  for (const Expr *Arg : Call->arguments())
    if (const Expr *Value = innerValue(Arg);
        Value && isSenderType(Value->getType()->getAsCXXRecordDecl()) &&
        completesInline(Arg, Caller))
      return Borrows;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    // pool.spawn_detached(work(x)), executor->post([&x] {...}): the work is
    // an argument.
    for (const Expr *Arg : Call->arguments())
      workBorrows(Ctx, Arg, Caller, Role, Borrows);
    const Expr *Object = Member->getImplicitObjectArgument();
    // The scope, pool or executor the work is started on holds it: work
    // that refers back to it ("scope.spawn(... then([&] {
    // scope.spawn(...); }))") does not outlive it.
    if (const VarDecl *Holder = designatedVariable(Object, Caller))
      llvm::erase_if(Borrows, [Holder](const Borrow &B) {
        return B.Var == Holder && B.Kind == BorrowKind::CaptureByReference;
      });
    // work(x).via(&ex).start(cb): the work is the object of the call chain.
    if (const CallExpr *Work = chainedWork(Object, Caller)) {
      workBorrows(Ctx, Work, Caller, Role, Borrows);
      return Borrows;
    }
    // thread.detach(): the work went in when the object was constructed, as
    // a local ("std::thread t(...); t.detach();") or a temporary
    // ("std::thread(...).detach();").
    const Expr *Built = nullptr;
    if (const VarDecl *VD = designatedVariable(Object, Caller))
      Built = VD->getInit();
    else if (isTemporary(Object))
      Built = Object;
    for (unsigned Guard = 0; Built && Guard < 8; ++Guard) {
      Built = stripConversions(Built);
      if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(Built))
        Built = Temp->getSubExpr();
      else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Built))
        Built = Cast->getSubExpr(); // std::thread(work)
      else
        break;
    }
    if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Built))
      for (const Expr *Arg : Construct->arguments())
        workBorrows(Ctx, Arg, Caller, Role, Borrows);
    // "for (auto &t : pool) t.detach();": each thread went in when it was
    // added to the container.
    if (const VarDecl *Container = loopContainer(Object, Caller))
      containerWorkBorrows(Ctx, Caller->getBody(), Container, Caller, Role,
                           Borrows);
    return Borrows;
  }
  unsigned First = isa<CXXOperatorCallExpr>(Call) ? 1 : 0;
  for (unsigned I = First; I < Call->getNumArgs(); ++I)
    workBorrows(Ctx, Call->getArg(I), Caller, Role, Borrows);
  return Borrows;
}

/// What a coroutine body must not use after it suspends for \p B to be
/// consumed in time.
static std::optional<UseTarget> targetOf(const Borrow &B,
                                         const FunctionDecl *Callee) {
  UseTarget Target;
  switch (B.Kind) {
  case BorrowKind::Reference:
  case BorrowKind::Temporary:
  case BorrowKind::View:
  case BorrowKind::Pointer:
  case BorrowKind::RawThis:
    if (B.ParamIndex >= 0) {
      if (static_cast<unsigned>(B.ParamIndex) >= Callee->getNumParams())
        return std::nullopt;
      Target.Vars.push_back(Callee->getParamDecl(B.ParamIndex));
      Target.Indirect = B.Kind == BorrowKind::View ||
                        B.Kind == BorrowKind::Pointer ||
                        B.Kind == BorrowKind::RawThis;
      return Target;
    }
    // The object a member coroutine is called on.
    Target.This = true;
    Target.Indirect = true;
    return Target;
  case BorrowKind::ObjectLocal:
  case BorrowKind::CaptureThis:
    Target.This = true;
    Target.Indirect = true;
    return Target;
  case BorrowKind::CaptureByReference:
    if (!B.Var)
      return std::nullopt;
    Target.Vars.push_back(B.Var);
    return Target;
  case BorrowKind::DyingClosure:
  case BorrowKind::LocalClosure: {
    const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
    if (!Method || !Method->getParent()->isLambda())
      return std::nullopt;
    Target.InClosure = true;
    for (const LambdaCapture &Capture : Method->getParent()->captures()) {
      if (Capture.capturesThis()) {
        Target.This = true;
        continue;
      }
      if (!Capture.capturesVariable())
        continue;
      const auto *VD = dyn_cast<VarDecl>(Capture.getCapturedVar());
      if (!VD)
        continue;
      Target.Vars.push_back(VD);
      // A copy of what a reference refers to is an object in the closure.
      QualType T = VD->getType().getNonReferenceType();
      if (Capture.getCaptureKind() == LCK_ByCopy && !T->isPointerType())
        Target.ByValue.push_back(VD);
    }
    return Target;
  }
  }
  return std::nullopt;
}

void BorrowFinder::keepUnjoined(const CallExpr *Call,
                                const FunctionDecl *Caller,
                                llvm::SmallVectorImpl<Borrow> &Borrows) {
  bool OwnedThis = Handlers.frameworkOwnedThis(Caller) != nullptr;
  llvm::erase_if(Borrows, [&](Borrow &B) {
    if ((B.Kind == BorrowKind::RawThis || B.Kind == BorrowKind::CaptureThis) &&
        OwnedThis)
      return true;
    if (!B.Var || !B.Work.Var)
      return false;
    std::optional<Join> J = Joins.find(Caller, Call, B.Work);
    if (!J)
      return false;
    if (J->joins() && J->UseAfterSignal.isInvalid())
      return true;
    B.EarlySignal = std::move(J);
    return false;
  });
}

bool BorrowFinder::consumedEarly(Borrow &B, const FunctionDecl *Callee) {
  std::optional<UseTarget> Target = targetOf(B, Callee);
  if (!Target)
    return false;
  B.Late = Suspensions.lateUse(Callee, *Target);
  if (!B.Late)
    return true;
  // The loop that alone resumes the work: once it is gone the work is
  // never resumed, so no later use of it can outlive it.
  return (B.Kind == BorrowKind::Reference || B.Kind == BorrowKind::Pointer) &&
         B.ParamIndex >= 0 && B.Late->Kind == LateUseKind::Read &&
         Suspensions.resumedOnlyBy(Callee, B.ParamIndex);
}

llvm::SmallVector<Borrow, 4>
BorrowFinder::ofCoroutine(const CallExpr *Call, const FunctionDecl *Caller,
                          FrameRole Role) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  // A fatal error stopped clang before it built the callee's body: what
  // the body would show is unknown, so nothing is claimed from its shape.
  if (instantiationSkipped(Callee))
    return {};
  llvm::SmallVector<Borrow, 4> Borrows = findBorrows(Ctx, Call, Caller, Role);
  // The evidence of the body: what it no longer uses once it first
  // suspends is not borrowed.
  if (Callee && Suspensions.hasVisibleBody(Callee))
    llvm::erase_if(Borrows,
                   [&](Borrow &B) { return consumedEarly(B, Callee); });
  keepUnjoined(Call, Caller, Borrows);
  return Borrows;
}

llvm::SmallVector<Borrow, 4>
BorrowFinder::ofHandle(llvm::ArrayRef<const Expr *> Args,
                       const FunctionDecl *Caller, FrameRole Role) {
  llvm::SmallVector<Borrow, 4> Borrows;
  for (const Expr *Arg : Args)
    workBorrows(Ctx, Arg, Caller, Role, Borrows);
  llvm::erase_if(Borrows, [&](Borrow &B) {
    const FunctionDecl *Work = B.Work.Call ? B.Work.Work : nullptr;
    return Work && !instantiationSkipped(Work) &&
           Suspensions.hasVisibleBody(Work) && consumedEarly(B, Work);
  });
  return Borrows;
}

llvm::SmallVector<Borrow, 4> BorrowFinder::ofWork(const CallExpr *Call,
                                                  const FunctionDecl *Caller,
                                                  FrameRole Role) {
  llvm::SmallVector<Borrow, 4> Borrows =
      findWorkBorrows(Ctx, Call, Caller, Role);
  // A coroutine call handed to the start ("spawn(co_invoke(fn))"): the
  // same evidence of its body as for a coroutine started directly.
  llvm::erase_if(Borrows, [&](Borrow &B) {
    const FunctionDecl *Work = B.Work.Call ? B.Work.Work : nullptr;
    return Work && !instantiationSkipped(Work) &&
           Suspensions.hasVisibleBody(Work) && consumedEarly(B, Work);
  });
  keepUnjoined(Call, Caller, Borrows);
  return Borrows;
}

llvm::SmallVector<Borrow, 4> BorrowFinder::ofChain(const CallChain &Chain,
                                                   const FunctionDecl *Handler,
                                                   bool Detaching) {
  const CallSite &Start = Chain.Hops.back();
  if (Chain.Hops.size() == 1)
    return Detaching ? ofWork(Start.Call, Handler, FrameRole::Handler)
                     : ofCoroutine(Start.Call, Handler, FrameRole::Handler);
  // The function the start is written in, and what it lends of its own
  // parameters.
  const FunctionDecl *Inner = Chain.Hops[Chain.Hops.size() - 2].Callee;
  if (const FunctionDecl *Def = definitionWithBody(Inner))
    Inner = Def;
  llvm::SmallVector<Borrow, 4> Inside =
      Detaching ? ofWork(Start.Call, Inner, FrameRole::Function)
                : ofCoroutine(Start.Call, Inner, FrameRole::Function);
  llvm::SmallVector<Borrow, 4> Result;
  for (const Borrow &B : Inside) {
    const auto *Param = dyn_cast_or_null<ParmVarDecl>(B.Var);
    if (!Param || !(Param->getType()->isReferenceType() ||
                    Param->getType()->isPointerType()))
      continue;
    // Back along the chain: each hop's argument for the parameter.
    const ParmVarDecl *Current = Param;
    const VarDecl *Reached = nullptr;
    const Expr *Arg = nullptr;
    const FunctionDecl *Frame = Handler;
    for (size_t I = Chain.Hops.size() - 1; I-- > 0;) {
      const CallSite &Hop = Chain.Hops[I];
      Frame = I == 0 ? Handler : Chain.Hops[I - 1].Callee;
      if (const FunctionDecl *Def = definitionWithBody(Frame))
        Frame = Def;
      Arg = argumentFor(Hop.Call, Hop.Callee, Current->getFunctionScopeIndex());
      if (!Arg)
        break;
      const VarDecl *VD = Current->getType()->isPointerType()
                              ? pointedLocal(Arg, Frame)
                              : designatedVariable(Arg, Frame);
      if (!VD && Current->getType()->isPointerType())
        if (const auto *Ref = dyn_cast<DeclRefExpr>(stripConversions(Arg)))
          VD = designatedVariable(Ref, Frame);
      if (!VD)
        break;
      if (I == 0) {
        Reached = VD;
        break;
      }
      const auto *Next = dyn_cast<ParmVarDecl>(VD);
      if (!Next || !(Next->getType()->isReferenceType() ||
                     Next->getType()->isPointerType()))
        break;
      Current = Next;
    }
    if (!Reached || !Arg)
      continue;
    const FunctionDecl *Entry = Chain.Hops.front().Callee;
    const ParmVarDecl *EntryParam = nullptr;
    for (unsigned I = 0; I < Entry->getNumParams(); ++I)
      if (argumentFor(Chain.Hops.front().Call, Entry, I) == Arg)
        EntryParam = Entry->getParamDecl(I);
    Borrow Through = B;
    Through.Kind = BorrowKind::Reference;
    Through.Loc = Arg->getBeginLoc();
    Through.Name = Reached->getName().str();
    Through.Var = Reached;
    Through.ParamIndex = -1;
    bool ByPointer = EntryParam && EntryParam->getType()->isPointerType();
    Through.Explanation =
        (EntryParam ? std::string(ByPointer ? "pointer" : "reference") +
                          " parameter '" + EntryParam->getName().str() +
                          "' of " + displayName(Entry)
                    : displayName(Entry)) +
        (ByPointer ? " points to " : " refers to ") +
        describeLocal(Reached, FrameRole::Handler) +
        ", and the detached operation keeps it";
    Through.Work = {};
    Result.push_back(std::move(Through));
  }
  return Result;
}

} // namespace firecrash
