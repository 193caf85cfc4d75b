//===--- Joins.cpp - Where a frame waits for the work it started ----------===//

#include "Joins.h"
#include "BodyWalk.h"
#include "Suspension.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace firecrash {

/// Splits a trailing argument index off \p Name ("read(0)" gives 0 and
/// leaves "read"); -1 without one, -2 when malformed.
static int argumentIndex(llvm::StringRef &Name) {
  if (!Name.ends_with(")"))
    return -1;
  size_t Open = Name.rfind('(');
  unsigned Index;
  if (Open == llvm::StringRef::npos ||
      Name.slice(Open + 1, Name.size() - 1).getAsInteger(10, Index) ||
      Index > 16)
    return -2;
  Name = Name.take_front(Open);
  return static_cast<int>(Index);
}

std::vector<WaitEntry> parseWaitEntries(llvm::StringRef Value,
                                        std::vector<std::string> &Errors) {
  std::vector<WaitEntry> Entries;
  for (const std::string &Written : splitList(Value)) {
    WaitEntry Entry;
    Entry.Written = Written;
    auto [Name, Signals] = llvm::StringRef(Written).split('=');
    Name = Name.trim();
    Name.consume_front("::");
    Entry.Polled = Name.consume_back("[polled]");
    Entry.OfTask = !Entry.Polled && Name.consume_back("[task]");
    Entry.Arg = argumentIndex(Name);
    Entry.Name = Name.str();
    // A name has no spaces, but for an awaited object's "operator co_await".
    llvm::StringRef Plain = Name;
    Plain.consume_back("operator co_await");
    bool HasSignals = llvm::StringRef(Written).contains('=');
    // The argument form names its signals with their arguments, and only
    // a rendezvous has it.
    bool Bad = Entry.Name.empty() || Plain.contains(' ') ||
               (Entry.OfTask && HasSignals) || Entry.Arg == -2 ||
               (Entry.Arg >= 0 && (!HasSignals || Entry.Polled));
    if (HasSignals) {
      llvm::SmallVector<llvm::StringRef, 4> Parts;
      Signals.split(Parts, ',');
      for (llvm::StringRef Part : Parts) {
        Part = Part.trim();
        Part.consume_front("::");
        int SignalArg = argumentIndex(Part);
        // A member's signal is a plain name; a descriptor's signal is any
        // function, qualified or not, with the argument it signals.
        if (Part.empty() || Part.contains(' ') || SignalArg == -2 ||
            (SignalArg >= 0) != (Entry.Arg >= 0) ||
            (SignalArg < 0 && Part.contains(':')))
          Bad = true;
        else {
          Entry.Signals.push_back(Part.str());
          Entry.SignalArgs.push_back(SignalArg);
        }
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
  // A customization point object by its own name ("stdexec::sync_wait").
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
      Op && Op->getOperator() == OO_Call && Op->getNumArgs() > 0)
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreParenImpCasts());
        Ref && isa<VarDecl>(Ref->getDecl()))
      Add(qualifiedName(Ref->getDecl()));
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

/// The names an awaited object's "co_await x" goes by for WaitingCallees:
/// each name of its type with "::operator co_await" ("coro::event::operator
/// co_await"); none for an awaited call's result (its call is the wait).
llvm::SmallVector<std::string, 4> awaitNames(const ASTContext &Ctx,
                                             const Expr *Operand) {
  llvm::SmallVector<std::string, 4> Names;
  const Expr *Object = ignoreTemporaries(Operand);
  if (!Object || !Object->isGLValue() || isa<CallExpr>(Object))
    return Names;
  QualType Type = Object->getType().getNonReferenceType();
  if (!Type->getAsCXXRecordDecl())
    return Names;
  llvm::SmallVector<std::string, 4> TypeNames;
  collectTypeNames(Ctx, Type, TypeNames);
  for (const std::string &Name : TypeNames)
    Names.push_back(Name + "::operator co_await");
  return Names;
}

/// Collects a body's waits: calls of listed waiting functions, and
/// co_awaits of objects whose "operator co_await" is listed.
class WaitCollector : public BodyWalk<WaitCollector> {
public:
  using Found = JoinOracle::Wait;

  /// With \p Related, a member run(), join() or wait() that no entry
  /// lists is collected as that entry: a wait if its object is the start's.
  /// With \p Helpers, a call of a function that waits on one of its
  /// parameters ("run_until_done(ctx)") is a wait on that argument.
  WaitCollector(const ASTContext &Ctx, const std::vector<WaitEntry> &Entries,
                llvm::SmallVectorImpl<Found> &Out,
                const WaitEntry *Related = nullptr,
                JoinOracle *Helpers = nullptr)
      : Ctx(Ctx), Entries(Entries), Out(Out), Related(Related),
        Helpers(Helpers) {}

  bool expression(const Stmt *S) {
    // A spinning loop's condition polls: "while (n.load() < 2) ;".
    const Expr *Condition = nullptr;
    if (const auto *While = dyn_cast<WhileStmt>(S))
      Condition = While->getCond();
    else if (const auto *Do = dyn_cast<DoStmt>(S))
      Condition = Do->getCond();
    else if (const auto *For = dyn_cast<ForStmt>(S))
      Condition = For->getCond();
    if (Condition)
      polls(Condition);
    const auto *Call = dyn_cast<CallExpr>(S);
    if (!Call || !Call->getDirectCallee())
      return true;
    if (const WaitEntry *Entry = listed(calleeNames(Ctx, Call), false))
      add(Call, Entry);
    else if (Related && relatedWait(Call))
      add(Call, Related);
    else if (Related && wrappingWait(Call)) {
      add(Call, Related);
      Out.back().Wraps = true;
    }
    if (Helpers)
      if (std::optional<JoinOracle::HelperWait> Helped =
              Helpers->helperWait(Call->getDirectCallee());
          Helped && Helped->Param < Call->getNumArgs())
        Out.push_back({Call, Call->getArg(Helped->Param), false, Helped->Entry});
    return true;
  }

  void awaited(const Expr *Operand) {
    if (const WaitEntry *Entry = listed(awaitNames(Ctx, Operand), false))
      Out.push_back({Operand, Operand, false, Entry});
  }

private:
  /// "ctx.run()", "pool.join()", "scope.wait()",
  /// "context.run_until_empty()": a wait of the object, whatever its type.
  static bool relatedWait(const CallExpr *Call) {
    const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
    const CXXMethodDecl *Method = Member ? Member->getMethodDecl() : nullptr;
    return Method && Member->getNumArgs() == 0 && !Method->isStatic() &&
           Method->getIdentifier() &&
           (Method->getName() == "run" || Method->getName() == "join" ||
            Method->getName() == "wait" ||
            Method->getName() == "run_until_empty");
  }

  /// "loop.run(work(loop))", "run_until_complete(f())": a wait given the
  /// work it runs to completion, a join of a start inside its argument.
  static bool wrappingWait(const CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Call->getNumArgs() == 0 || !Callee->getIdentifier() ||
        isa<CXXOperatorCallExpr>(Call))
      return false;
    llvm::StringRef Name = Callee->getName();
    return Name == "run" || Name == "run_until_complete" ||
           Name == "block_on" || Name == "sync_wait" || Name == "syncAwait" ||
           Name == "blockingWait" || Name == "blocking_wait";
  }

  const WaitEntry *listed(llvm::ArrayRef<std::string> Names,
                          bool Polled) const {
    for (const WaitEntry &Entry : Entries)
      if (!Entry.OfTask && Entry.Polled == Polled &&
          llvm::is_contained(Names, Entry.Name))
        return &Entry;
    return nullptr;
  }

  void add(const CallExpr *Call, const WaitEntry *Entry) {
    Found Wait{Call, nullptr, false, Entry};
    const auto *Method = dyn_cast<CXXMethodDecl>(Call->getDirectCallee());
    if (Entry->Arg >= 0) {
      // "read(fds[0], ...)": the descriptor variable is the rendezvous.
      if (static_cast<unsigned>(Entry->Arg) >= Call->getNumArgs())
        return;
      Wait.Object = Call->getArg(Entry->Arg);
    } else if (Method && Method->isStatic())
      Wait.Static = true;
    else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      Wait.Object = Member->getImplicitObjectArgument();
    else if (!Method && Call->getNumArgs() > 0)
      Wait.Object = Call->getArg(0); // "await(std::move(future))"
    Out.push_back(Wait);
  }

  /// Adds the polls of a loop's condition (not those of lambdas in it).
  void polls(const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *Call = dyn_cast<CallExpr>(S);
        Call && Call->getDirectCallee()) {
      llvm::SmallVector<std::string, 4> Names = calleeNames(Ctx, Call);
      // "while (count != n)" reads an atomic through its conversion
      // operator: a load.
      if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
          Member && isa<CXXConversionDecl>(Call->getDirectCallee()) &&
          Member->getImplicitObjectArgument()) {
        llvm::SmallVector<std::string, 4> Types;
        collectTypeNames(Ctx,
                         Member->getImplicitObjectArgument()
                             ->IgnoreParenImpCasts()
                             ->getType()
                             .getNonReferenceType(),
                         Types);
        for (const std::string &Type : Types)
          Names.push_back(Type + "::load");
      }
      if (const WaitEntry *Entry = listed(Names, true))
        add(Call, Entry);
    }
    for (const Stmt *Child : S->children())
      polls(Child);
  }

  const ASTContext &Ctx;
  const std::vector<WaitEntry> &Entries;
  llvm::SmallVectorImpl<Found> &Out;
  const WaitEntry *Related;
  JoinOracle *Helpers;
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

/// True for "promise.get_future()" (std) or "promise.getFuture()"
/// (async_simple, folly): the future stands for its promise.
bool isFutureOf(const CXXMemberCallExpr *Call) {
  const CXXMethodDecl *Method = Call->getMethodDecl();
  return Method && Method->getIdentifier() &&
         (Method->getName() == "get_future" ||
          Method->getName() == "getFuture");
}

/// True for a member call returning an object of its object's own class
/// template ("fut.via(ex)" returns a Future again): the same rendezvous.
bool isAdapter(const CXXMemberCallExpr *Call) {
  const CXXMethodDecl *Method = Call->getMethodDecl();
  const CXXRecordDecl *Result = Call->getType()->getAsCXXRecordDecl();
  if (!Method || !Result || Method->isStatic())
    return false;
  const CXXRecordDecl *Object = Method->getParent();
  auto TemplateOf = [](const CXXRecordDecl *R) -> const Decl * {
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(R))
      return Spec->getSpecializedTemplate()->getCanonicalDecl();
    return R->getCanonicalDecl();
  };
  return TemplateOf(Result) == TemplateOf(Object);
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
      // "fds[1]": an element stands for its array (a pipe's two ends).
      if (const auto *Element = dyn_cast<ArraySubscriptExpr>(E);
          Element && Path.empty()) {
        E = stripValue(Element->getBase()->IgnoreParenImpCasts());
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
      // fut = promise.get_future(): the rendezvous is the promise; and
      // fut.via(ex), an adapter returning the same kind of object, is fut.
      if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E);
          Call && Path.empty() && (isFutureOf(Call) || isAdapter(Call))) {
        E = stripValue(Call->getImplicitObjectArgument());
        continue;
      }
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
    // A reference local, a future, or a lambda's init-capture
    // ("[p = std::move(p)]") stands for what it was bound to.
    if (const Expr *Init = VD->getInit()) {
      const Expr *Value = stripValue(Init);
      if (VD->getType()->isReferenceType() || VD->isInitCapture())
        return key(Value, Depth + 1);
      if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Value);
          Call && (isFutureOf(Call) || isAdapter(Call)))
        return key(Value, Depth + 1);
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

/// The body a lambda runs: for a generic lambda, that of the call operator
/// it was instantiated to, where calls through its captures are resolved.
const Stmt *lambdaBody(const LambdaExpr *Lambda) {
  if (const FunctionTemplateDecl *Template =
          Lambda->getCallOperator()->getDescribedFunctionTemplate())
    for (const FunctionDecl *Instance : Template->specializations())
      if (const FunctionDecl *Defined = definitionWithBody(Instance))
        return Defined->getBody();
  return Lambda->getBody();
}

/// The completion callbacks of a detaching call: its lambda arguments other
/// than the work ("lazy().via(ex).start([&](auto &&) { done.set_value(); })").
llvm::SmallVector<const LambdaExpr *, 2>
continuationsOf(const Expr *Start, const FunctionDecl *Work) {
  llvm::SmallVector<const LambdaExpr *, 2> Found;
  const auto *Call = dyn_cast_or_null<CallExpr>(ignoreTemporaries(Start));
  if (!Call)
    return Found;
  for (const Expr *Arg : Call->arguments())
    if (const auto *Lambda =
            dyn_cast_or_null<LambdaExpr>(ignoreTemporaries(stripValue(Arg))))
      if (Lambda->getCallOperator() != Work &&
          Lambda->getCallOperator()->getCanonicalDecl() !=
              (Work ? Work->getCanonicalDecl() : nullptr))
        Found.push_back(Lambda);
  return Found;
}

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
  /// \p Depth: how many helpers deep a signal is looked for ("finish(done)"
  /// whose body calls "done.set_value()").
  SignalWalker(const ASTContext &Ctx, const Resolver &Resolve,
               const ObjectKey &Rendezvous, const WaitEntry &Entry,
               const VarDecl *Borrowed, unsigned Depth = 2)
      : Ctx(Ctx), Resolve(Resolve), Rendezvous(Rendezvous), Entry(Entry),
        Borrowed(Borrowed), Depth(Depth) {}

  SourceLocation FirstSignal;
  SourceLocation ReleasingSignal;
  SourceLocation UseAfterSignal;
  std::string UsedName;

  /// Walks \p Body, the lambdas it hands on, then \p Continuations: the
  /// completion callbacks the detaching call runs when the work is done.
  void run(const Stmt *Body,
           llvm::ArrayRef<const LambdaExpr *> Continuations = {}) {
    bool Released = false;
    walk(Body, Released);
    // Lambdas the work hands on run after it, in the order written.
    for (size_t I = 0; I < Deferred.size(); ++I)
      walk(lambdaBody(Deferred[I]), Released);
    for (const LambdaExpr *Continuation : Continuations) {
      size_t From = Deferred.size();
      walk(lambdaBody(Continuation), Released);
      for (size_t I = From; I < Deferred.size(); ++I)
        walk(lambdaBody(Deferred[I]), Released);
    }
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
    // A parameter taken by value is the work's own copy.
    if (isa<ParmVarDecl>(VD) && !VD->getType()->isReferenceType() &&
        !VD->getType()->isPointerType())
      return false;
    std::optional<ObjectKey> Key = Resolve.key(Ref);
    return Key && Key->Root == Borrowed;
  }

  bool isSignal(const CallExpr *Call, const Expr *&Object) const {
    if (Entry.Arg >= 0)
      return isArgumentSignal(Call, Object);
    const FunctionDecl *Callee = Call->getDirectCallee();
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
    // By the member's name, operators included ("operator=").
    if (!Method || !llvm::is_contained(Entry.Signals,
                                       Method->getNameAsString()))
      return false;
    if (Method->isStatic()) {
      Object = nullptr;
      return Rendezvous.Static;
    }
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      Object = Member->getImplicitObjectArgument();
    else if (isa<CXXOperatorCallExpr>(Call) && Call->getNumArgs() > 0)
      Object = Call->getArg(0); // "latch--"
    else
      return false;
    std::optional<ObjectKey> Key = Resolve.key(Object);
    return Key && *Key == Rendezvous;
  }

  /// The argument form: a call of a listed signal whose argument names the
  /// rendezvous variable ("eventfd_write(efd, 1)").
  bool isArgumentSignal(const CallExpr *Call, const Expr *&Object) const {
    llvm::SmallVector<std::string, 4> Names = calleeNames(Ctx, Call);
    for (size_t I = 0; I < Entry.Signals.size(); ++I) {
      unsigned Arg = static_cast<unsigned>(Entry.SignalArgs[I]);
      if (!llvm::is_contained(Names, Entry.Signals[I]) ||
          Arg >= Call->getNumArgs())
        continue;
      std::optional<ObjectKey> Key = Resolve.key(Call->getArg(Arg));
      if (Key && *Key == Rendezvous) {
        Object = Call->getArg(Arg);
        return true;
      }
    }
    return false;
  }

  /// True if \p Call hands the rendezvous to a function defined here whose
  /// body signals it ("finish(done)" that calls "done.set_value()").
  bool signalsThrough(const CallExpr *Call) const {
    const FunctionDecl *Callee =
        Depth > 0 ? definitionWithBody(Call->getDirectCallee()) : nullptr;
    if (!Callee || Ctx.getSourceManager().isInSystemHeader(
                       Ctx.getSourceManager().getExpansionLoc(
                           Callee->getLocation())))
      return false;
    Resolver Inside;
    bool Handed = false;
    for (unsigned I = 0; I < Callee->getNumParams(); ++I) {
      const Expr *Arg = stripValue(argumentFor(Call, Callee, I));
      if (!Arg)
        continue;
      if (Callee->getParamDecl(I)->getType()->isPointerType())
        if (const auto *Address = dyn_cast<UnaryOperator>(Arg);
            Address && Address->getOpcode() == UO_AddrOf)
          Arg = Address->getSubExpr();
      std::optional<ObjectKey> Key = Resolve.key(Arg);
      if (Key && *Key == Rendezvous) {
        Inside.bind(Callee->getParamDecl(I), Rendezvous);
        Handed = true;
      }
    }
    if (!Handed)
      return false;
    SignalWalker Helper(Ctx, Inside, Rendezvous, Entry, nullptr, Depth - 1);
    Helper.run(Callee->getBody());
    return Helper.FirstSignal.isValid();
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
      if (isSignal(Call, Object) || signalsThrough(Call)) {
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

  const ASTContext &Ctx;
  const Resolver &Resolve;
  const ObjectKey &Rendezvous;
  const WaitEntry &Entry;
  const VarDecl *Borrowed;
  unsigned Depth;
  llvm::SmallVector<const LambdaExpr *, 4> Deferred;
};

/// Collects the objects \p E names or is made from, for matching a wait
/// to a start by the objects they share: variables (locals, parameters,
/// globals) and members of 'this', through member calls ("ioc" for
/// "ioc.get_executor()"), calls ("make_strand(ioc)"), addresses, and the
/// initializers of the locals it names ("auto ex = ioc.get_executor()").
/// Lambda bodies are not entered: they run later.
void collectRoots(const Stmt *S, llvm::SmallPtrSetImpl<const Decl *> &Out,
                  unsigned Depth = 0) {
  if (!S || Depth > 8 || isa<LambdaExpr>(S))
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    if (!VD || !Out.insert(VD->getCanonicalDecl()).second)
      return;
    if (VD->hasLocalStorage() && !isa<ParmVarDecl>(VD))
      collectRoots(VD->getInit(), Out, Depth + 1);
    return;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(S);
      Member && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts())) {
    Out.insert(Member->getMemberDecl()->getCanonicalDecl());
    return;
  }
  for (const Stmt *Child : S->children())
    collectRoots(Child, Out, Depth);
}

/// True if \p Inner is \p Outer or an expression within it.
bool contains(const Stmt *Outer, const Stmt *Inner, unsigned Depth = 0) {
  if (!Outer || Depth > 64)
    return false;
  if (Outer == Inner)
    return true;
  for (const Stmt *Child : Outer->children())
    if (contains(Child, Inner, Depth + 1))
      return true;
  return false;
}

/// The free call at the root of a member-call chain on \p Object
/// ("other()" for "other().via(ex)"): what made the object; null when the
/// chain starts at a variable.
const CallExpr *chainRootCall(const Expr *Object) {
  const Expr *Root = stripValue(Object);
  while (const auto *Member = dyn_cast_or_null<CXXMemberCallExpr>(Root))
    Root = stripValue(Member->getImplicitObjectArgument());
  const auto *Call = dyn_cast_or_null<CallExpr>(Root);
  return Call && !isa<CXXMemberCallExpr>(Call) ? Call : nullptr;
}

/// \p E as written, when it fits a note on one line of \p Limit characters.
std::optional<std::string> shortText(const ASTContext &Ctx, const Expr *E,
                                     size_t Limit) {
  llvm::StringRef Text = Lexer::getSourceText(
      CharSourceRange::getTokenRange(E->getSourceRange()),
      Ctx.getSourceManager(), Ctx.getLangOpts());
  if (Text.empty() || Text.size() > Limit || Text.contains('\n'))
    return std::nullopt;
  return Text.str();
}

/// What a plain wait waits for, as a note names it: "another thread" for a
/// thread's join, "another task" for a wait on a call's result, else the
/// object as written.
std::string otherWork(const ASTContext &Ctx, const Expr *Object) {
  const Expr *Value = stripValue(Object);
  if (chainRootCall(Value))
    return "another task";
  if (const CXXRecordDecl *Class =
          Value->getType().getNonReferenceType()->getAsCXXRecordDecl())
    if (Class->getIdentifier() &&
        (Class->getName() == "thread" || Class->getName() == "jthread"))
      return "another thread";
  if (std::optional<std::string> Text = shortText(Ctx, Value, 40))
    return "'" + *Text + "', another object";
  return "another object";
}

} // namespace

/// The statement of a block in \p S that holds \p Target: the start with
/// what it is written in ("co_spawn(ioc, listen(ctx), detached);" for the
/// work 'listen' starts, which runs on 'ioc').
static const Stmt *statementOf(const Stmt *S, const Stmt *Target,
                               unsigned Depth = 0) {
  if (!S || Depth > 64)
    return nullptr;
  if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
    for (const Stmt *Child : Block->body())
      if (contains(Child, Target)) {
        const Stmt *Inner = statementOf(Child, Target, Depth + 1);
        return Inner ? Inner : Child;
      }
    return nullptr;
  }
  for (const Stmt *Child : S->children())
    if (const Stmt *Found = statementOf(Child, Target, Depth + 1))
      return Found;
  return nullptr;
}

/// The objects a start used, with the rest of its statement.
static void startRoots(const FunctionDecl *Frame, const Expr *Start,
                       llvm::SmallPtrSetImpl<const Decl *> &Out) {
  const Stmt *Statement = statementOf(Frame->getBody(), Start);
  collectRoots(Statement ? Statement : Start, Out);
}

/// True if one of \p Waited is among \p Started.
static bool shareAny(const llvm::SmallPtrSetImpl<const Decl *> &Waited,
                     const llvm::SmallPtrSetImpl<const Decl *> &Started) {
  return llvm::any_of(Waited,
                      [&](const Decl *D) { return Started.contains(D); });
}

/// True if \p Object names one of the objects the start used, \p Started
/// (its own object, an argument, what they are made of).
static bool sharesObject(const Expr *Object,
                         const llvm::SmallPtrSetImpl<const Decl *> &Started) {
  llvm::SmallPtrSet<const Decl *, 8> Waited;
  collectRoots(Object, Waited);
  return shareAny(Waited, Started);
}

bool JoinOracle::waitsFor(const Wait &W, const Expr *Start,
                          const llvm::SmallPtrSetImpl<const Decl *> &Started)
    const {
  // An event loop's static exec() runs whatever was posted to it; a wait
  // with nothing to look at keeps today's answer.
  if (W.Static || !W.Object)
    return true;
  // A wait that runs its own argument: "syncAwait(work(x).via(ex))".
  if (contains(W.At, Start))
    return true;
  // A wait on a task ("syncAwait(other().via(ex))") waits for that task:
  // the call at the root of the chain creates it.
  if (const CallExpr *Call = chainRootCall(W.Object);
      Call && Call->getDirectCallee() &&
      hasPromiseType(Call->getType()->getAsCXXRecordDecl()))
    return false;
  llvm::SmallPtrSet<const Decl *, 8> Waited;
  collectRoots(W.Object, Waited);
  if (Waited.empty()) {
    // The result of another call ("syncAwait(other())") is other work; an
    // object firecrash cannot name keeps today's answer.
    const Expr *Value = stripValue(W.Object);
    return !(isa<CallExpr>(Value) && !isa<CXXMemberCallExpr>(Value));
  }
  return shareAny(Waited, Started);
}

bool JoinOracle::waitsForItsTask(const CallExpr *Call) const {
  if (!isa<CXXMemberCallExpr>(Call) || !Call->getDirectCallee())
    return false;
  llvm::SmallVector<std::string, 4> Names = calleeNames(Ctx, Call);
  return llvm::any_of(Entries, [&](const WaitEntry &Entry) {
    return Entry.OfTask && llvm::is_contained(Names, Entry.Name);
  });
}

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
  if (Inserted)
    WaitCollector(Ctx, Entries, It->second, &RelatedWait, this)
        .visit(Frame->getBody());
  return It->second;
}

std::optional<Join> JoinOracle::find(const FunctionDecl *Frame,
                                     const Expr *Start, const WorkRef &Work) {
  if (Entries.empty() || !Frame->getBody())
    return std::nullopt;
  // Without a borrowed variable: a wait before the frame returns.
  SourceLocation Death = Work.Var ? deathOf(Frame, Work.Var)
                                  : Frame->getBody()->getEndLoc();
  if (Death.isInvalid())
    return std::nullopt;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation From = SM.getExpansionLoc(Start->getEndLoc());
  Death = SM.getExpansionLoc(Death);

  // The work's parameters stand for what the call's arguments name.
  Resolver Resolve;
  const FunctionDecl *WorkDef = definitionWithBody(Work.Work);
  // A generic lambda's work is the call operator it was instantiated to:
  // the pattern's calls through its captures can still be unresolved.
  if (const FunctionTemplateDecl *Template =
          !WorkDef && Work.Work ? Work.Work->getDescribedFunctionTemplate()
                                : nullptr)
    for (const FunctionDecl *Instance : Template->specializations())
      if (const FunctionDecl *Defined = definitionWithBody(Instance)) {
        WorkDef = Defined;
        break;
      }
  // A lambda's body, even a generic one never instantiated here: calls
  // through its captures are resolved in the pattern too.
  const Stmt *WorkBody = WorkDef ? WorkDef->getBody() : nullptr;
  if (!WorkBody && Work.Work && !Work.Call)
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Work.Work);
        Method && Method->getParent()->isLambda())
      WorkBody = Method->getBody();
  if (Work.Call && WorkDef) {
    Resolver FrameSide;
    for (unsigned I = 0; I < WorkDef->getNumParams(); ++I) {
      const ParmVarDecl *Param = WorkDef->getParamDecl(I);
      const Expr *Arg = argumentFor(Work.Call, WorkDef, I);
      if (!Arg)
        continue;
      std::optional<ObjectKey> Key;
      if (Param->getType()->isPointerType()) {
        const Expr *Value = stripValue(Arg);
        if (const auto *Unary = dyn_cast<UnaryOperator>(Value);
            Unary && Unary->getOpcode() == UO_AddrOf)
          Key = FrameSide.key(Unary->getSubExpr());
      } else if (Param->getType()->isReferenceType() ||
                 Param->getType()->isIntegralOrEnumerationType()) {
        // A descriptor passed by value is the same descriptor.
        Key = FrameSide.key(Arg);
      }
      if (Key)
        Resolve.bind(Param, std::move(*Key));
    }
  }

  llvm::SmallVector<const LambdaExpr *, 2> Continuations =
      continuationsOf(Start, Work.Work);
  std::optional<Join> Early;
  std::optional<Join> Other;
  Resolver FrameSide;
  // The objects the start's statement used, read once, for the first wait
  // that asks.
  std::optional<llvm::SmallPtrSet<const Decl *, 8>> StartedStore;
  auto Started = [&]() -> const llvm::SmallPtrSetImpl<const Decl *> & {
    if (!StartedStore) {
      StartedStore.emplace();
      startRoots(Frame, Start, *StartedStore);
    }
    return *StartedStore;
  };
  for (const Wait &W : waitsIn(Frame)) {
    SourceLocation At = SM.getExpansionLoc(W.At->getBeginLoc());
    // A wait given the work holds the start ("loop.run(work(loop))").
    bool Holds = W.Wraps && contains(W.At, Start);
    if ((!Holds && !SM.isBeforeInTranslationUnit(From, At)) ||
        !SM.isBeforeInTranslationUnit(At, Death))
      continue;
    Join Found;
    Found.Wait = At;
    Found.WaitName = W.Entry->Name;
    // An awaited object is named as the frame awaits it: "co_await done".
    if (W.Object == W.At)
      if (std::optional<std::string> Text = shortText(Ctx, W.At, 40))
        Found.WaitName = "co_await " + *Text;
    if (W.Entry->ByRelation) {
      // "loop.run(work(loop))": a wait given the work runs it to the end;
      // given something else, it waits for that.
      if (W.Wraps && !Holds)
        continue;
      // "grpc_context.run()" of the context the start was given: a wait
      // only on an object the start used, whatever its type.
      if (!W.Wraps && !sharesObject(W.Object, Started()))
        continue;
      if (std::optional<std::string> Text = shortText(Ctx, W.At, 60))
        Found.WaitName = *Text;
      return Found;
    }
    if (W.Entry->Signals.empty()) {
      // A plain wait joins only the work it waits for: the context, pool
      // or thread the start used, or the start itself.
      if (waitsFor(W, Start, Started()))
        return Found;
      if (!Other) {
        Found.WaitsForOther = otherWork(Ctx, W.Object);
        if (std::optional<std::string> Text = shortText(Ctx, W.At, 60))
          Found.WaitName = *Text;
        Other = Found;
      }
      continue;
    }
    // A rendezvous joins only work that signals it: its body, or a
    // completion callback, which runs after all of the body (so even a
    // body that is not visible is waited for).
    if (!WorkBody && Continuations.empty())
      continue;
    ObjectKey Rendezvous;
    if (W.Static) {
      Rendezvous.Static = true;
    } else if (W.Object) {
      std::optional<ObjectKey> Key = FrameSide.key(W.Object);
      if (!Key)
        continue;
      Rendezvous = std::move(*Key);
    } else {
      continue;
    }
    SignalWalker Walker(Ctx, Resolve, Rendezvous, *W.Entry, Work.Var);
    Walker.run(WorkBody, Continuations);

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
  if (Early)
    return Early;
  if (Work.Var)
    if (std::optional<Join> Guard =
            raiiJoin(Frame, Start, From, Death, Work.Var))
      return Guard;
  return Other;
}

std::optional<JoinOracle::HelperWait>
JoinOracle::helperWait(const FunctionDecl *Callee) {
  const FunctionDecl *Def = definitionWithBody(Callee);
  if (!Def || isa<CoroutineBodyStmt>(Def->getBody()) ||
      Def->getNumParams() == 0)
    return std::nullopt;
  auto [It, Inserted] = HelperWaits.try_emplace(Def->getCanonicalDecl());
  if (!Inserted)
    return It->second;
  // Its own plain waits (listed, or run()/join()/wait() of an object) on a
  // parameter; not through further helpers.
  llvm::SmallVector<Wait, 4> Found;
  WaitCollector(Ctx, Entries, Found, &RelatedWait).visit(Def->getBody());
  std::optional<HelperWait> Result;
  for (const Wait &W : Found) {
    // A wrapping wait runs what it is given, not all of its object's work.
    if (!W.Object || !W.Entry->Signals.empty() || W.Wraps)
      continue;
    const auto *Ref = dyn_cast<DeclRefExpr>(stripValue(W.Object));
    const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    if (!Param || Param->getDeclContext() != Def)
      continue;
    Result = HelperWait{Param->getFunctionScopeIndex(), W.Entry};
    break;
  }
  HelperWaits[Def->getCanonicalDecl()] = Result;
  return Result;
}

const WaitEntry *JoinOracle::destructorWait(const CXXRecordDecl *Class) {
  Class = Class->getDefinition();
  if (!Class)
    return nullptr;
  auto [It, Inserted] = DestructorWaits.try_emplace(Class, nullptr);
  if (!Inserted)
    return It->second;
  const CXXDestructorDecl *Destructor = Class->getDestructor();
  const FunctionDecl *Defined =
      Destructor ? definitionWithBody(Destructor) : nullptr;
  if (!Defined)
    return nullptr;
  llvm::SmallVector<Wait, 4> Found;
  WaitCollector(Ctx, Entries, Found).visit(Defined->getBody());
  for (const Wait &W : Found)
    if (W.Entry->Signals.empty()) {
      DestructorWaits[Class] = W.Entry;
      return W.Entry;
    }
  return nullptr;
}

/// The frame's locals, with the class of each, outside lambdas.
static void collectLocals(const Stmt *S,
                          llvm::SmallVectorImpl<const VarDecl *> &Out) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *Decls = dyn_cast<DeclStmt>(S))
    for (const Decl *D : Decls->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D);
          VD && VD->hasLocalStorage() && !VD->getType()->isReferenceType())
        Out.push_back(VD);
  for (const Stmt *Child : S->children())
    collectLocals(Child, Out);
}

/// True if \p Start releases \p Guard: its object is the guard
/// ("t.detach()" on a jthread, whose destructor then joins nothing) or the
/// guard is handed to it.
static bool releasedBy(const Expr *Start, const VarDecl *Guard) {
  auto Names = [Guard](const Expr *E) {
    const auto *Ref =
        dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
    return Ref && Ref->getDecl() == Guard;
  };
  const auto *Call = dyn_cast<CallExpr>(Start->IgnoreParenImpCasts());
  if (!Call)
    return false;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    if (Names(Member->getImplicitObjectArgument()))
      return true;
  for (const Expr *Arg : Call->arguments()) {
    Arg = Arg->IgnoreParenImpCasts();
    if (const auto *Moved = dyn_cast<CallExpr>(Arg);
        Moved && Moved->isCallToStdMove() && Moved->getNumArgs() == 1)
      Arg = Moved->getArg(0);
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Arg);
        Construct && Construct->getNumArgs() == 1)
      Arg = Construct->getArg(0);
    if (Names(Arg))
      return true;
  }
  return false;
}

std::optional<Join> JoinOracle::raiiJoin(const FunctionDecl *Frame,
                                         const Expr *Start,
                                         SourceLocation From,
                                         SourceLocation Death,
                                         const VarDecl *Borrowed) {
  const Stmt *Body = Frame->getBody();
  if (const auto *Coroutine = dyn_cast_or_null<CoroutineBodyStmt>(Body))
    Body = Coroutine->getBody();
  llvm::SmallVector<const VarDecl *, 8> Locals;
  collectLocals(Body, Locals);
  const SourceManager &SM = Ctx.getSourceManager();
  for (const VarDecl *Guard : Locals) {
    if (Guard == Borrowed || releasedBy(Start, Guard))
      continue;
    const CXXRecordDecl *Class = Guard->getType()->getAsCXXRecordDecl();
    const WaitEntry *Entry = Class ? destructorWait(Class) : nullptr;
    if (!Entry)
      continue;
    // The guard is destroyed after the start and before the borrowed
    // variable: at the end of an inner scope, or of the same scope when it
    // was declared after it (locals die in reverse order).
    SourceLocation End = SM.getExpansionLoc(deathOf(Frame, Guard));
    if (End.isInvalid() || !SM.isBeforeInTranslationUnit(From, End))
      continue;
    bool First = SM.isBeforeInTranslationUnit(End, Death);
    bool Same = End == Death &&
                (isa<ParmVarDecl>(Borrowed) ||
                 SM.isBeforeInTranslationUnit(
                     SM.getExpansionLoc(Borrowed->getLocation()),
                     SM.getExpansionLoc(Guard->getLocation())));
    if (!First && !Same)
      continue;
    Join Found;
    Found.Wait = End;
    Found.WaitName = Entry->Name;
    return Found;
  }
  return std::nullopt;
}

} // namespace firecrash
