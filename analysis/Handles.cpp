//===--- Handles.cpp - Handles that own the work they start ---------------===//
//
// Part of firecrash.
//
//===----------------------------------------------------------------------===//

#include "Handles.h"
#include "BodyWalk.h"
#include "Borrows.h"
#include "Joins.h"
#include "clang/AST/ParentMap.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace firecrash {

namespace {

/// True if a value of type \p T can be called: a function, a pointer or
/// reference to one, a lambda or another class with an operator().
bool isCallable(QualType T) {
  T = T.getNonReferenceType();
  if (T->isFunctionType() || T->isFunctionPointerType() ||
      T->isMemberFunctionPointerType())
    return true;
  const CXXRecordDecl *Class = T->getAsCXXRecordDecl();
  if (!Class || !Class->hasDefinition())
    return false;
  if (Class->isLambda())
    return true;
  DeclarationName Call =
      Class->getASTContext().DeclarationNames.getCXXOperatorName(OO_Call);
  return !Class->lookup(Call).empty();
}

/// True if one of \p Args is the work: something callable.
bool hasCallable(llvm::ArrayRef<const Expr *> Args) {
  return llvm::any_of(Args, [](const Expr *Arg) {
    return !isa<CXXDefaultArgExpr>(Arg) && isCallable(Arg->getType());
  });
}

/// The source text of \p E when it is short and on one line.
std::string textOf(const ASTContext &Ctx, const Expr *E) {
  llvm::StringRef Text = Lexer::getSourceText(
      CharSourceRange::getTokenRange(E->getSourceRange()),
      Ctx.getSourceManager(), Ctx.getLangOpts());
  if (Text.empty() || Text.size() > 40 || Text.contains('\n'))
    return "an object";
  return "'" + Text.str() + "'";
}

/// The member functions that put their argument into the container they
/// are called on.
bool insertsIntoObject(const CXXMethodDecl *Method) {
  if (!Method || !Method->getIdentifier())
    return false;
  return llvm::StringSwitch<bool>(Method->getName())
      .Cases("push_back", "push_front", "push", "insert", "emplace", true)
      .Cases("emplace_back", "emplace_front", "emplace_hint", "try_emplace",
             true)
      .Case("insert_or_assign", true)
      .Default(false);
}

/// Where a handle goes from one expression that yields it.
struct Destination {
  SourceLocation EscapeLoc;
  std::string Escape;
  /// A local of the frame it is kept in.
  const VarDecl *Holder = nullptr;
  /// The parameter of a called function it is moved into, when that
  /// function's body shows what becomes of it.
  const ParmVarDecl *Param = nullptr;
};

/// Follows the value \p E yields up the statements of a body. \p Moved
/// says whether a named local counts as moving out only through std::move
/// or a return (an lvalue use leaves the handle where it is).
class HandleTracker {
public:
  HandleTracker(const ASTContext &Ctx, const FunctionDecl *Frame,
                const ParentMap &Parents)
      : Ctx(Ctx), Frame(Frame), Parents(Parents) {}

  /// Where the value of \p E ends up; \p Named: \p E names a local, so
  /// only a move takes the handle anywhere.
  std::optional<Destination> follow(const Expr *E, bool Named) const {
    const Stmt *Cur = E;
    bool Moved = !Named;
    for (unsigned Guard = 0; Guard < 32; ++Guard) {
      const Stmt *Parent = Parents.getParent(Cur);
      if (!Parent)
        return std::nullopt;
      if (isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr,
              CXXBindTemporaryExpr, ExprWithCleanups, CXXFunctionalCastExpr>(
              Parent)) {
        Cur = Parent;
        continue;
      }
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(Parent);
          Construct && Construct->getConstructor()->isCopyOrMoveConstructor()) {
        Cur = Parent;
        continue;
      }
      if (const auto *Call = dyn_cast<CallExpr>(Parent);
          Call && Call->isCallToStdMove()) {
        Moved = true;
        Cur = Parent;
        continue;
      }
      if (isa<ReturnStmt>(Parent))
        return escape(Parent, "is returned from");
      if (!Moved)
        return std::nullopt;
      return into(Parent, cast<Expr>(Cur));
    }
    return std::nullopt;
  }

private:
  std::optional<Destination> escape(const Stmt *At, std::string How) const {
    Destination D;
    D.EscapeLoc = Ctx.getSourceManager().getExpansionLoc(At->getBeginLoc());
    D.Escape = std::move(How);
    return D;
  }

  /// The frame's local \p E designates, if the handle stays with it.
  const VarDecl *frameLocal(const Expr *E) const {
    const VarDecl *VD = designatedVariable(E, Frame);
    return VD && isFrameOwned(VD) && !isa<ParmVarDecl>(VD) ? VD : nullptr;
  }

  /// What \p Parent does with the handle \p Value it is given.
  std::optional<Destination> into(const Stmt *Parent,
                                  const Expr *Value) const {
    if (const auto *Decls = dyn_cast<DeclStmt>(Parent)) {
      for (const Decl *D : Decls->decls()) {
        const auto *VD = dyn_cast<VarDecl>(D);
        if (!VD || VD->getInit() != Value)
          continue;
        if (isFrameOwned(VD))
          return Destination{SourceLocation(), "", VD};
        if (VD->getType()->isReferenceType())
          return std::nullopt; // Lifetime extension: a local of the frame.
        return escape(Parent, "is stored in static '" + VD->getName().str() +
                                  "' by");
      }
      return std::nullopt;
    }
    // pool.push_back(std::move(t)), g_futures.push_back(std::async(...)).
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Parent);
        Member && Member->getImplicitObjectArgument() != Value &&
        insertsIntoObject(Member->getMethodDecl())) {
      const Expr *Container = Member->getImplicitObjectArgument();
      if (const VarDecl *Local = frameLocal(Container))
        return Destination{SourceLocation(), "", Local};
      return escape(Parent, "is stored in " + textOf(Ctx, Container) + " by");
    }
    // worker_ = std::jthread(...), t = std::jthread(...).
    const Expr *Target = nullptr;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Parent);
        Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
        Op->getArg(1) == Value)
      Target = Op->getArg(0);
    else if (const auto *Assign = dyn_cast<BinaryOperator>(Parent);
             Assign && Assign->isAssignmentOp() && Assign->getRHS() == Value)
      Target = Assign->getLHS();
    if (Target) {
      if (const VarDecl *Local = frameLocal(Target))
        return Destination{SourceLocation(), "", Local};
      return escape(Parent, "is assigned to " + textOf(Ctx, Target) + " by");
    }
    // Any other call or construction taking the handle by value.
    if (const auto *Call = dyn_cast<CallExpr>(Parent)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      std::string Name = Callee && Callee->getIdentifier()
                             ? "'" + Callee->getName().str() + "'"
                             : "a call";
      std::optional<Destination> D =
          escape(Parent, "is moved into " + Name + " by");
      // The callee's body, when visible, shows whether it keeps it.
      if (const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
          Def && Def->hasBody())
        for (unsigned I = 0; I < Def->getNumParams(); ++I)
          if (argumentFor(Call, Def, I) == Value)
            D->Param = Def->getParamDecl(I);
      return D;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Parent))
      return escape(Parent,
                    "is moved into a '" +
                        Construct->getType().getAsString(
                            Ctx.getPrintingPolicy()) +
                        "' by");
    return std::nullopt;
  }

  const ASTContext &Ctx;
  const FunctionDecl *Frame;
  const ParentMap &Parents;
};

/// Collects the owned starts of a body, outside lambdas.
class StartCollector : public BodyWalk<StartCollector> {
public:
  StartCollector(OwningHandles &Handles, const NameList &Listed,
                 std::vector<OwnedWork> &Out)
      : Handles(Handles), Listed(Listed), Out(Out) {}

  bool expression(const Stmt *S) {
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
      construction(Construct);
    else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S))
      emplacement(Member);
    else if (const auto *Call = dyn_cast<CallExpr>(S))
      call(Call);
    return true;
  }

private:
  void add(const Expr *Start, std::string Handle,
           llvm::ArrayRef<const Expr *> Args) {
    OwnedWork W;
    W.Start = Start;
    W.Handle = std::move(Handle);
    W.Work.append(Args.begin(), Args.end());
    Out.push_back(std::move(W));
  }

  /// std::jthread t([&] {...}): a class whose destructor waits, built
  /// from work.
  void construction(const CXXConstructExpr *Construct) {
    if (Construct->getConstructor()->isCopyOrMoveConstructor())
      return;
    llvm::ArrayRef<const Expr *> Args(Construct->getArgs(),
                                      Construct->getNumArgs());
    if (!hasCallable(Args))
      return;
    if (std::optional<std::string> Name =
            Handles.owningClass(Construct->getType()->getAsCXXRecordDecl()))
      add(Construct, "'" + *Name + "'", Args);
  }

  /// threads.emplace_back([&] {...}) on a container of such a class.
  void emplacement(const CXXMemberCallExpr *Call) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (!Method || !Method->getIdentifier() ||
        !Method->getName().starts_with("emplace"))
      return;
    llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
    if (!hasCallable(Args))
      return;
    const auto *Container = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        Call->getImplicitObjectArgument()
            ->getType()
            .getNonReferenceType()
            ->getAsCXXRecordDecl());
    if (!Container || Container->getTemplateArgs().size() == 0 ||
        Container->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
      return;
    if (std::optional<std::string> Name = Handles.owningClass(
            Container->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl()))
      add(Call, "'" + *Name + "'", Args);
  }

  /// std::async(std::launch::async, [&] {...}): a listed function whose
  /// returned handle owns the work.
  void call(const CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || isa<CXXMethodDecl>(Callee) ||
        !Call->getType()->getAsCXXRecordDecl())
      return;
    std::string Name = Callee->getQualifiedNameAsString();
    if (!Listed.match(Name))
      return;
    llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
    if (hasCallable(Args))
      add(Call, "the future of '" + Name + "'", Args);
  }

  OwningHandles &Handles;
  const NameList &Listed;
  std::vector<OwnedWork> &Out;
};

/// The expressions of \p Body that name \p VD, outside lambdas.
void referencesTo(const Stmt *S, const VarDecl *VD,
                  llvm::SmallVectorImpl<const DeclRefExpr *> &Out) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == VD)
    Out.push_back(Ref);
  for (const Stmt *Child : S->children())
    referencesTo(Child, VD, Out);
}

} // namespace

std::optional<std::string>
OwningHandles::owningClass(const CXXRecordDecl *Class) {
  if (!Class)
    return std::nullopt;
  if (const CXXRecordDecl *Defined = Class->getDefinition())
    Class = Defined;
  auto [It, Inserted] = Classes.try_emplace(Class);
  if (!Inserted)
    return It->second;
  std::optional<std::string> Found;
  llvm::SmallVector<std::string, 4> Names;
  collectTypeNames(Ctx, Ctx.getRecordType(Class), Names);
  if (Listed.matchAny(Names) || Joins.destructorWait(Class))
    Found = Class->getQualifiedNameAsString();
  Classes[Class] = Found;
  return Found;
}

bool OwningHandles::keeps(const ParmVarDecl *Param) {
  const auto *Callee = dyn_cast<FunctionDecl>(Param->getDeclContext());
  const Stmt *Body = Callee ? Callee->getBody() : nullptr;
  if (!Body || Callee->isDependentContext())
    return true;
  ParentMap Parents(const_cast<Stmt *>(Body));
  HandleTracker Tracker(Ctx, Callee, Parents);
  llvm::SmallVector<const DeclRefExpr *, 8> Uses;
  referencesTo(Body, Param, Uses);
  return llvm::any_of(Uses, [&](const DeclRefExpr *Use) {
    std::optional<Destination> D = Tracker.follow(Use, /*Named=*/true);
    // Moved into a local of the callee: kept only as long as the callee
    // runs, unless that local moves on (not followed further).
    return D && (D->EscapeLoc.isValid() && !D->Param);
  });
}

std::vector<OwnedWork> OwningHandles::in(const FunctionDecl *Frame) {
  std::vector<OwnedWork> Found;
  const Stmt *Body = Frame->getBody();
  if (!Body || Frame->isDependentContext())
    return Found;
  StartCollector(*this, Listed, Found).visit(Body);
  if (Found.empty())
    return Found;
  ParentMap Parents(const_cast<Stmt *>(Body));
  HandleTracker Tracker(Ctx, Frame, Parents);
  for (OwnedWork &W : Found) {
    // An emplacement builds the handle in the container it is called on.
    std::optional<Destination> Where;
    if (const auto *Emplace = dyn_cast<CXXMemberCallExpr>(W.Start)) {
      const Expr *Container = Emplace->getImplicitObjectArgument();
      if (const VarDecl *Local = designatedVariable(Container, Frame);
          Local && isFrameOwned(Local) && !isa<ParmVarDecl>(Local))
        Where = Destination{SourceLocation(), "", Local};
      else
        Where = Destination{Ctx.getSourceManager().getExpansionLoc(
                                Emplace->getBeginLoc()),
                            "is stored in " + textOf(Ctx, Container) + " by",
                            nullptr};
    } else {
      Where = Tracker.follow(W.Start, /*Named=*/false);
    }
    // A local keeps it until the local is moved on.
    for (unsigned Hop = 0; Where && Where->Holder && Hop < 4; ++Hop) {
      W.Holder = Where->Holder;
      llvm::SmallVector<const DeclRefExpr *, 8> Uses;
      referencesTo(Body, W.Holder, Uses);
      std::optional<Destination> Next;
      for (const DeclRefExpr *Use : Uses)
        if ((Next = Tracker.follow(Use, /*Named=*/true)) &&
            Next->Holder != W.Holder)
          break;
      if (!Next || Next->Holder == W.Holder)
        break;
      Where = Next;
    }
    // A function it is moved into destroys it on return unless it moves it
    // on.
    if (Where && Where->Param && !keeps(Where->Param))
      Where.reset();
    if (Where && Where->EscapeLoc.isValid()) {
      W.EscapeLoc = Where->EscapeLoc;
      W.Escape = Where->Escape;
      W.Holder = nullptr;
    }
  }
  return Found;
}

} // namespace firecrash
