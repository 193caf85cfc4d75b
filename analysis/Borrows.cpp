//===--- Borrows.cpp - What a detached start borrows ----------------------===//

#include "Borrows.h"
#include "Handlers.h"
#include "TypeNames.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/LambdaCapture.h"
#include "clang/AST/StmtCXX.h"

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

/// Appends the borrows of a lambda's captures: by-reference captures of
/// \p Caller's locals and raw 'this'. Implicit captures point at
/// \p ImplicitLoc; \p Runner names what runs ("coroutine", "work").
template <typename CaptureRange>
static void captureBorrows(CaptureRange Captures, SourceLocation ImplicitLoc,
                           llvm::StringRef Runner, const FunctionDecl *Caller,
                           FrameRole Role, llvm::SmallVectorImpl<Borrow> &Out) {
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
    if (!Capture.capturesVariable() || Capture.getCaptureKind() != LCK_ByRef)
      continue;
    const auto *VD = dyn_cast<VarDecl>(Capture.getCapturedVar());
    if (!VD || !VD->hasLocalStorage())
      continue;
    const auto *Owner = dyn_cast<FunctionDecl>(VD->getDeclContext());
    if (!Owner || Owner->getCanonicalDecl() != Caller->getCanonicalDecl())
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
        continue;
      }
      if (const VarDecl *VD = designatedVariable(Arg, Caller))
        Borrows.push_back({BorrowKind::Reference, Loc, VD->getName().str(),
                           "reference parameter '" + ParamName +
                               "' refers to " + describeLocal(VD, Role),
                           VD});
      continue;
    }
    if (ParamType->isPointerType()) {
      const Expr *Stripped = stripConversions(Arg);
      if (isa<CXXThisExpr>(Stripped)) {
        Borrows.push_back({BorrowKind::RawThis, Loc, "this",
                           "pointer parameter '" + ParamName +
                               "' receives raw 'this'; nothing keeps the "
                               "object alive while the coroutine runs"});
        continue;
      }
      const VarDecl *VD = nullptr;
      if (const auto *AddrOf = dyn_cast<UnaryOperator>(Stripped)) {
        if (AddrOf->getOpcode() == UO_AddrOf)
          VD = designatedVariable(AddrOf->getSubExpr(), Caller);
      } else if (Stripped->getType()->isArrayType()) {
        VD = designatedVariable(Stripped, Caller);
      }
      if (VD)
        Borrows.push_back({BorrowKind::Pointer, Loc, VD->getName().str(),
                           "pointer parameter '" + ParamName +
                               "' points to " + describeLocal(VD, Role),
                           VD});
      continue;
    }
    if (isViewType(Ctx, ParamType))
      if (const VarDecl *VD = designatedVariable(innerValue(Arg), Caller))
        Borrows.push_back({BorrowKind::View, Loc, VD->getName().str(),
                           "view parameter '" + ParamName + "' looks into " +
                               describeLocal(VD, Role),
                           VD});
  }

  if (!Object)
    return Borrows;

  const CXXRecordDecl *Class = Method->getParent();
  if (Class->isLambda()) {
    SourceLocation ObjectLoc = Object->getBeginLoc();
    // Without captures the closure holds nothing the coroutine reads.
    if (Class->capture_size() == 0)
      return Borrows;
    if (isTemporary(Object) || isa<LambdaExpr>(stripConversions(Object))) {
      Borrows.push_back(
          {BorrowKind::DyingClosure, ObjectLoc, "",
           "the lambda's closure is a temporary destroyed at the end of this "
           "statement; after its first suspension the coroutine reads "
           "captures that no longer exist"});
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
    captureBorrows(Class->captures(), ObjectLoc, "coroutine", Caller, Role,
                   Borrows);
    return Borrows;
  }

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
  return Borrows;
}

static void workBorrows(const ASTContext &Ctx, const Expr *Arg,
                        const FunctionDecl *Caller, FrameRole Role,
                        llvm::SmallVectorImpl<Borrow> &Out) {
  const Expr *Work = innerValue(Arg);
  if (!Work)
    return;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(Work)) {
    captureBorrows(Lambda->captures(), Lambda->getBeginLoc(), "work", Caller,
                   Role, Out);
    return;
  }
  const auto *Call = dyn_cast<CallExpr>(Work);
  if (!Call || !Call->getDirectCallee())
    return;
  const FunctionDecl *Callee = Call->getDirectCallee();
  std::string Name = qualifiedName(Callee);
  if (Name == "std::ref" || Name == "std::cref") {
    if (Call->getNumArgs() == 1)
      if (const VarDecl *VD = designatedVariable(Call->getArg(0), Caller))
        Out.push_back({BorrowKind::Reference, Arg->getBeginLoc(),
                       VD->getName().str(),
                       "'" + Name + "' wraps a reference to " +
                           describeLocal(VD, Role),
                       VD});
    return;
  }
  // Only a coroutine keeps what its parameters refer to; an ordinary call
  // (socket.get_executor()) returns before the work starts.
  const CXXRecordDecl *Result = Callee->getReturnType()->getAsCXXRecordDecl();
  bool IsCoroutine = isa_and_nonnull<CoroutineBodyStmt>(Callee->getBody());
  if (!IsCoroutine && Result && Result->hasDefinition())
    for (const NamedDecl *ND : Result->lookup(
             &const_cast<ASTContext &>(Ctx).Idents.get("promise_type")))
      IsCoroutine |= isa<TypeDecl>(ND);
  if (!IsCoroutine)
    return;
  for (Borrow &B : findBorrows(Ctx, Call, Caller, Role))
    Out.push_back(std::move(B));
}

llvm::SmallVector<Borrow, 4> findWorkBorrows(const ASTContext &Ctx,
                                             const CallExpr *Call,
                                             const FunctionDecl *Caller,
                                             FrameRole Role) {
  llvm::SmallVector<Borrow, 4> Borrows;
  if (!Call || !Caller)
    return Borrows;
  // thread.detach(): the work went in when the object was constructed.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const Expr *Object = Member->getImplicitObjectArgument();
    if (const VarDecl *VD = designatedVariable(Object, Caller))
      if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(
              VD->getInit() ? stripConversions(VD->getInit()) : nullptr))
        for (const Expr *Arg : Construct->arguments())
          workBorrows(Ctx, Arg, Caller, Role, Borrows);
    return Borrows;
  }
  unsigned First = isa<CXXOperatorCallExpr>(Call) ? 1 : 0;
  for (unsigned I = First; I < Call->getNumArgs(); ++I)
    workBorrows(Ctx, Call->getArg(I), Caller, Role, Borrows);
  return Borrows;
}

} // namespace firecrash
