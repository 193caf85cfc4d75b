//===--- Joins.cpp - Where a frame waits for the work it started ----------===//

#include "Joins.h"
#include "BodyWalk.h"
#include "Suspension.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace firecrash {

std::vector<WaitEntry> parseWaitEntries(llvm::StringRef Value,
                                        std::vector<std::string> &Errors) {
  std::vector<WaitEntry> Entries;
  for (const std::string &Written : splitList(Value)) {
    WaitEntry Entry;
    Entry.Written = Written;
    auto [Name, Signals] = llvm::StringRef(Written).split('=');
    Name = Name.trim();
    Name.consume_front("::");
    Entry.Name = Name.str();
    bool Bad = Entry.Name.empty() || Name.contains(' ');
    if (llvm::StringRef(Written).contains('=')) {
      llvm::SmallVector<llvm::StringRef, 4> Parts;
      Signals.split(Parts, ',');
      for (llvm::StringRef Part : Parts) {
        Part = Part.trim();
        if (Part.empty() || Part.contains(':') || Part.contains(' '))
          Bad = true;
        else
          Entry.Signals.push_back(Part.str());
      }
    }
    if (Bad) {
      Errors.push_back("'" + Written + "'");
      continue;
    }
    Entries.push_back(std::move(Entry));
  }
  return Entries;
}

llvm::SmallVector<std::string, 4> calleeNames(const ASTContext &Ctx,
                                              const CallExpr *Call) {
  llvm::SmallVector<std::string, 4> Names;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return Names;
  auto Add = [&](std::string Name) {
    if (!Name.empty() && !llvm::is_contained(Names, Name))
      Names.push_back(std::move(Name));
  };
  Add(qualifiedName(Callee));
  if (const FunctionDecl *Pattern = Callee->getTemplateInstantiationPattern())
    Add(qualifiedName(Pattern));
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  if (!Method || !Method->getIdentifier())
    return Names;
  // A virtual member by the base members it overrides
  // ("concurrencpp::executor::shutdown").
  llvm::SmallVector<const CXXMethodDecl *, 4> Work{Method};
  for (unsigned I = 0; I < Work.size() && I < 16; ++I)
    for (const CXXMethodDecl *Overridden : Work[I]->overridden_methods()) {
      Add(qualifiedName(Overridden));
      Work.push_back(Overridden);
    }
  // The member as the object's type names it (a member of a base, or of an
  // explicit specialization, is reached through the type the code uses).
  QualType ObjectType;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    // The object's own type, before its conversion to the member's class.
    if (const Expr *Object = Member->getImplicitObjectArgument()) {
      ObjectType = Object->IgnoreParenImpCasts()->getType();
      if (const auto *Pointer = ObjectType->getAs<PointerType>())
        ObjectType = Pointer->getPointeeType();
    }
  }
  if (ObjectType.isNull())
    ObjectType = Ctx.getRecordType(Method->getParent());
  llvm::SmallVector<std::string, 4> TypeNames;
  collectTypeNames(Ctx, ObjectType, TypeNames);
  for (const std::string &Type : TypeNames)
    Add(Type + "::" + Method->getName().str());
  return Names;
}

namespace {

/// Finds where a variable of a function goes out of scope.
class ScopeFinder {
public:
  explicit ScopeFinder(const VarDecl *VD) : VD(VD) {}

  /// Returns the statement whose end destroys the variable, if found.
  const Stmt *find(const Stmt *S, const Stmt *Scope) {
    if (!S || isa<LambdaExpr>(S))
      return nullptr;
    if (const auto *Decls = dyn_cast<DeclStmt>(S))
      for (const Decl *D : Decls->decls())
        if (D == VD)
          return Scope;
    if (isa<CompoundStmt, ForStmt, CXXForRangeStmt, IfStmt, WhileStmt,
            SwitchStmt, CXXCatchStmt>(S))
      Scope = S;
    for (const Stmt *Child : S->children())
      if (const Stmt *Found = find(Child, Scope))
        return Found;
    return nullptr;
  }

private:
  const VarDecl *VD;
};

/// Collects the calls of a body to listed waiting functions.
class WaitCollector : public BodyWalk<WaitCollector> {
public:
  WaitCollector(const ASTContext &Ctx, const std::vector<WaitEntry> &Entries,
                llvm::SmallVectorImpl<std::pair<const CallExpr *,
                                                const WaitEntry *>> &Out)
      : Ctx(Ctx), Entries(Entries), Out(Out) {}
  bool expression(const Stmt *S) {
    const auto *Call = dyn_cast<CallExpr>(S);
    if (!Call || !Call->getDirectCallee())
      return true;
    llvm::SmallVector<std::string, 4> Names = calleeNames(Ctx, Call);
    for (const WaitEntry &Entry : Entries)
      if (llvm::is_contained(Names, Entry.Name)) {
        Out.push_back({Call, &Entry});
        break;
      }
    return true;
  }

private:
  const ASTContext &Ctx;
  const std::vector<WaitEntry> &Entries;
  llvm::SmallVectorImpl<std::pair<const CallExpr *, const WaitEntry *>> &Out;
};

/// An object as a variable of the frame and the members leading into it.
struct ObjectKey {
  const VarDecl *Root = nullptr;
  llvm::SmallVector<const ValueDecl *, 2> Path;
  /// A static member's wait or signal (QCoreApplication::exec and quit).
  bool Static = false;

  bool operator==(const ObjectKey &Other) const {
    return Root == Other.Root && Path == Other.Path && Static == Other.Static;
  }
};

/// Strips temporaries, copies, std::move and std::ref: the object itself.
const Expr *stripValue(const Expr *E) {
  for (unsigned Guard = 0; E && Guard < 16; ++Guard) {
    E = ignoreTemporaries(E);
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
             Construct && Construct->getNumArgs() == 1 &&
             Construct->getConstructor()->isCopyOrMoveConstructor())
      E = Construct->getArg(0);
    else if (const auto *Call = dyn_cast<CallExpr>(E);
             Call && Call->getNumArgs() == 1 && Call->getDirectCallee() &&
             Call->getDirectCallee()->isInStdNamespace() &&
             Call->getDirectCallee()->getIdentifier() &&
             (Call->getDirectCallee()->getName() == "move" ||
              Call->getDirectCallee()->getName() == "ref"))
      E = Call->getArg(0);
    else
      break;
  }
  return E;
}

/// Resolves objects to the frame's variables: the work's parameters through
/// the arguments of the call that started it, pointers to locals through
/// their initializers, futures to the promises they came from.
class Resolver {
public:
  Resolver() = default;

  /// Binds a parameter of the work to the frame object its argument names.
  void bind(const ParmVarDecl *Param, ObjectKey Key) {
    Params.push_back({Param, std::move(Key)});
  }

  std::optional<ObjectKey> key(const Expr *E, unsigned Depth = 0) const {
    if (!E || Depth > 8)
      return std::nullopt;
    E = stripValue(E);
    llvm::SmallVector<const ValueDecl *, 2> Path;
    for (unsigned Guard = 0; Guard < 16; ++Guard) {
      if (const auto *Member = dyn_cast<MemberExpr>(E)) {
        Path.insert(Path.begin(), Member->getMemberDecl());
        const Expr *Base = stripValue(Member->getBase());
        if (Member->isArrow()) {
          // p->loop: through a pointer to a frame object.
          std::optional<ObjectKey> Pointee = pointee(Base, Depth);
          if (!Pointee)
            return std::nullopt;
          Pointee->Path.append(Path.begin(), Path.end());
          return Pointee;
        }
        E = Base;
        continue;
      }
      if (const auto *Unary = dyn_cast<UnaryOperator>(E);
          Unary && Unary->getOpcode() == UO_Deref) {
        std::optional<ObjectKey> Pointee =
            pointee(stripValue(Unary->getSubExpr()), Depth);
        if (!Pointee)
          return std::nullopt;
        Pointee->Path.append(Path.begin(), Path.end());
        return Pointee;
      }
      // fut = promise.get_future(): the rendezvous is the promise.
      if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E);
          Call && Call->getMethodDecl() &&
          Call->getMethodDecl()->getIdentifier() &&
          Call->getMethodDecl()->getName() == "get_future" && Path.empty())
        return key(Call->getImplicitObjectArgument(), Depth + 1);
      break;
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    if (!Ref)
      return std::nullopt;
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    if (!VD)
      return std::nullopt;
    std::optional<ObjectKey> Base = variable(VD, Depth);
    if (!Base)
      return std::nullopt;
    Base->Path.append(Path.begin(), Path.end());
    return Base;
  }

private:
  std::optional<ObjectKey> variable(const VarDecl *VD, unsigned Depth) const {
    for (const auto &[Param, Key] : Params)
      if (Param == VD)
        return Key;
    if (!VD->hasLocalStorage())
      return std::nullopt;
    // A reference local, or a future, stands for what it was bound to.
    if (const Expr *Init = VD->getInit()) {
      const Expr *Value = stripValue(Init);
      if (VD->getType()->isReferenceType())
        return key(Value, Depth + 1);
      if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Value);
          Call && Call->getMethodDecl() &&
          Call->getMethodDecl()->getIdentifier() &&
          Call->getMethodDecl()->getName() == "get_future")
        return key(Call->getImplicitObjectArgument(), Depth + 1);
    }
    ObjectKey Key;
    Key.Root = VD;
    return Key;
  }

  /// The frame object a pointer designates: '&x', or a pointer local or
  /// parameter initialized or bound to one.
  std::optional<ObjectKey> pointee(const Expr *Pointer, unsigned Depth) const {
    Pointer = stripValue(Pointer);
    if (const auto *Unary = dyn_cast<UnaryOperator>(Pointer);
        Unary && Unary->getOpcode() == UO_AddrOf)
      return key(Unary->getSubExpr(), Depth + 1);
    const auto *Ref = dyn_cast<DeclRefExpr>(Pointer);
    const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!VD)
      return std::nullopt;
    for (const auto &[Param, Key] : Params)
      if (Param == VD)
        return Key;
    if (VD->hasLocalStorage() && VD->getType()->isPointerType() &&
        VD->getInit())
      return pointee(VD->getInit(), Depth + 1);
    return std::nullopt;
  }

  llvm::SmallVector<std::pair<const ParmVarDecl *, ObjectKey>, 4> Params;
};

/// True if control never leaves \p S at its end (it returns or throws).
bool exits(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *Block = dyn_cast<CompoundStmt>(S))
    return !Block->body_empty() && exits(Block->body_back());
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(S))
    return exits(Cleanups->getSubExpr());
  return isa<ReturnStmt, CoreturnStmt, CXXThrowExpr>(S);
}

/// Walks the work in the order it runs (its body, then the lambdas it
/// hands on, which run later), tracking whether the rendezvous was
/// signalled and whether the borrowed state is used after that.
class SignalWalker {
public:
  SignalWalker(const Resolver &Resolve, const ObjectKey &Rendezvous,
               const WaitEntry &Entry, const VarDecl *Borrowed)
      : Resolve(Resolve), Rendezvous(Rendezvous), Entry(Entry),
        Borrowed(Borrowed) {}

  SourceLocation FirstSignal;
  SourceLocation ReleasingSignal;
  SourceLocation UseAfterSignal;
  std::string UsedName;

  void run(const Stmt *Body) {
    bool Released = false;
    walk(Body, Released);
    // Lambdas the work hands on run after it, in the order written.
    for (size_t I = 0; I < Deferred.size(); ++I)
      walk(Deferred[I]->getBody(), Released);
  }

private:
  bool borrowed(const Expr *E) const {
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    if (!Ref)
      return false;
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    if (!VD)
      return false;
    if (VD == Borrowed)
      return true;
    std::optional<ObjectKey> Key = Resolve.key(Ref);
    return Key && Key->Root == Borrowed;
  }

  bool isSignal(const CallExpr *Call, const Expr *&Object) const {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
    if (!Method || !Method->getIdentifier() ||
        !llvm::is_contained(Entry.Signals, Method->getName().str()))
      return false;
    if (Method->isStatic()) {
      Object = nullptr;
      return Rendezvous.Static;
    }
    const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
    if (!Member)
      return false;
    Object = Member->getImplicitObjectArgument();
    std::optional<ObjectKey> Key = Resolve.key(Object);
    return Key && *Key == Rendezvous;
  }

  void walk(const Stmt *S, bool &Released) {
    if (!S)
      return;
    // The body as written, not what Sema builds around it.
    if (const auto *Coroutine = dyn_cast<CoroutineBodyStmt>(S)) {
      walk(Coroutine->getBody(), Released);
      return;
    }
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      Deferred.push_back(Lambda);
      for (const Expr *Init : Lambda->capture_inits())
        walk(Init, Released);
      return;
    }
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      walk(If->getInit(), Released);
      walk(If->getConditionVariableDeclStmt(), Released);
      walk(If->getCond(), Released);
      bool Then = Released, Else = Released;
      walk(If->getThen(), Then);
      walk(If->getElse(), Else);
      Released = (Then && !exits(If->getThen())) ||
                 (Else && !(If->getElse() && exits(If->getElse())));
      return;
    }
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S)) {
      // Twice: a use early in the body runs again after a signal later in
      // it.
      for (int Pass = 0; Pass < 2; ++Pass)
        for (const Stmt *Child : S->children())
          walk(Child, Released);
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const Expr *Object = nullptr;
      if (isSignal(Call, Object)) {
        for (const Expr *Arg : Call->arguments())
          walk(Arg, Released);
        SourceLocation Loc = Call->getExprLoc();
        if (Object)
          Loc = Object->getBeginLoc();
        if (FirstSignal.isInvalid())
          FirstSignal = Loc;
        if (!Released)
          ReleasingSignal = Loc;
        Released = true;
        return;
      }
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      if (Released && UseAfterSignal.isInvalid() && borrowed(Ref)) {
        UseAfterSignal = Ref->getLocation();
        UsedName = Ref->getDecl()->getName().str();
      }
      return;
    }
    for (const Stmt *Child : S->children())
      walk(Child, Released);
  }

  const Resolver &Resolve;
  const ObjectKey &Rendezvous;
  const WaitEntry &Entry;
  const VarDecl *Borrowed;
  llvm::SmallVector<const LambdaExpr *, 4> Deferred;
};

} // namespace

SourceLocation deathOf(const FunctionDecl *Frame, const VarDecl *VD) {
  const Stmt *Body = Frame->getBody();
  if (const auto *Coroutine = dyn_cast_or_null<CoroutineBodyStmt>(Body))
    Body = Coroutine->getBody();
  if (!Body)
    return SourceLocation();
  if (isa<ParmVarDecl>(VD))
    return Body->getEndLoc();
  const Stmt *Scope = ScopeFinder(VD).find(Body, Body);
  return (Scope ? Scope : Body)->getEndLoc();
}

const llvm::SmallVector<JoinOracle::Wait, 4> &
JoinOracle::waitsIn(const FunctionDecl *Frame) {
  auto [It, Inserted] = Waits.try_emplace(Frame->getCanonicalDecl());
  if (Inserted) {
    llvm::SmallVector<std::pair<const CallExpr *, const WaitEntry *>, 4> Found;
    WaitCollector(Ctx, Entries, Found).visit(Frame->getBody());
    for (const auto &[Call, Entry] : Found)
      It->second.push_back({Call, Entry});
  }
  return It->second;
}

std::optional<Join> JoinOracle::find(const FunctionDecl *Frame,
                                     const Expr *Start, const WorkRef &Work) {
  if (!Work.Var || Entries.empty() || !Frame->getBody())
    return std::nullopt;
  SourceLocation Death = deathOf(Frame, Work.Var);
  if (Death.isInvalid())
    return std::nullopt;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation From = SM.getExpansionLoc(Start->getEndLoc());
  Death = SM.getExpansionLoc(Death);

  // The work's parameters stand for what the call's arguments name.
  Resolver Resolve;
  const FunctionDecl *WorkDef = definitionWithBody(Work.Work);
  if (Work.Call && WorkDef) {
    unsigned Offset = 0;
    if (isa<CXXOperatorCallExpr>(Work.Call) && isa<CXXMethodDecl>(WorkDef) &&
        cast<CXXMethodDecl>(WorkDef)->isInstance())
      Offset = 1;
    Resolver FrameSide;
    for (unsigned I = 0; I < WorkDef->getNumParams(); ++I) {
      if (I + Offset >= Work.Call->getNumArgs())
        break;
      const ParmVarDecl *Param = WorkDef->getParamDecl(I);
      const Expr *Arg = Work.Call->getArg(I + Offset);
      std::optional<ObjectKey> Key;
      if (Param->getType()->isPointerType()) {
        const Expr *Value = stripValue(Arg);
        if (const auto *Unary = dyn_cast<UnaryOperator>(Value);
            Unary && Unary->getOpcode() == UO_AddrOf)
          Key = FrameSide.key(Unary->getSubExpr());
      } else if (Param->getType()->isReferenceType()) {
        Key = FrameSide.key(Arg);
      }
      if (Key)
        Resolve.bind(Param, std::move(*Key));
    }
  }

  std::optional<Join> Early;
  Resolver FrameSide;
  for (const Wait &W : waitsIn(Frame)) {
    SourceLocation At = SM.getExpansionLoc(W.Call->getBeginLoc());
    if (!SM.isBeforeInTranslationUnit(From, At) ||
        !SM.isBeforeInTranslationUnit(At, Death))
      continue;
    Join Found;
    Found.Wait = At;
    Found.WaitName = W.Entry->Name;
    if (W.Entry->Signals.empty())
      return Found;
    // A rendezvous joins only work that signals it.
    if (!WorkDef)
      continue;
    ObjectKey Rendezvous;
    const auto *Method =
        dyn_cast_or_null<CXXMethodDecl>(W.Call->getDirectCallee());
    if (Method && Method->isStatic()) {
      Rendezvous.Static = true;
    } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(W.Call)) {
      std::optional<ObjectKey> Key =
          FrameSide.key(Member->getImplicitObjectArgument());
      if (!Key)
        continue;
      Rendezvous = std::move(*Key);
    } else {
      continue;
    }
    SignalWalker Walker(Resolve, Rendezvous, *W.Entry, Work.Var);
    Walker.run(WorkDef->getBody());

    if (Walker.FirstSignal.isInvalid())
      continue;
    if (Walker.UseAfterSignal.isInvalid()) {
      Found.Signal = SM.getExpansionLoc(Walker.FirstSignal);
      return Found;
    }
    if (!Early) {
      Found.Signal = SM.getExpansionLoc(Walker.ReleasingSignal);
      Found.UseAfterSignal = SM.getExpansionLoc(Walker.UseAfterSignal);
      Found.UsedName = Walker.UsedName;
      Early = Found;
    }
  }
  return Early;
}

} // namespace firecrash
