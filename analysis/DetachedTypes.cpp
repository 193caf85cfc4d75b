//===--- DetachedTypes.cpp - Which coroutine return types detach ----------===//

#include "DetachedTypes.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace firecrash {

llvm::StringRef detachedReasonName(DetachedReason Reason) {
  switch (Reason) {
  case DetachedReason::VoidCoroutine:
    return "void-coroutine";
  case DetachedReason::NeverSuspends:
    return "never-suspends";
  case DetachedReason::Listed:
    return "listed";
  case DetachedReason::Annotated:
    return "annotated";
  }
  llvm_unreachable("unknown detached reason");
}

llvm::StringRef exceptionPolicyName(ExceptionPolicy Policy) {
  switch (Policy) {
  case ExceptionPolicy::Terminates:
    return "terminates";
  case ExceptionPolicy::Swallows:
    return "swallows";
  case ExceptionPolicy::Rethrows:
    return "rethrows";
  case ExceptionPolicy::Unknown:
    return "unknown";
  }
  llvm_unreachable("unknown exception policy");
}

const CoroutineBodyStmt *coroutineBody(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def)
    return nullptr;
  return dyn_cast_or_null<CoroutineBodyStmt>(Def->getBody());
}

/// Returns the definition of \p RD, or of the template member or class
/// template it would be instantiated from when it was not instantiated yet.
static const CXXRecordDecl *definitionOrPattern(const CXXRecordDecl *RD) {
  if (!RD)
    return nullptr;
  if (const CXXRecordDecl *Def = RD->getDefinition())
    return Def;
  if (const CXXRecordDecl *Member = RD->getInstantiatedFromMemberClass())
    if (const CXXRecordDecl *Def = Member->getDefinition())
      return Def;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    if (const CXXRecordDecl *Def =
            Spec->getSpecializedTemplate()->getTemplatedDecl()->getDefinition())
      return Def;
  return nullptr;
}

/// Finds a member named \p Name in \p RD or its bases.
template <typename DeclT>
static const DeclT *findMember(const CXXRecordDecl *RD, DeclarationName Name,
                               unsigned Depth = 0) {
  RD = definitionOrPattern(RD);
  if (!RD || Depth > 8)
    return nullptr;
  for (const NamedDecl *ND : RD->lookup(Name)) {
    if (const auto *D = dyn_cast<DeclT>(ND))
      return D;
    if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(ND))
      if (const auto *D = dyn_cast<DeclT>(FTD->getTemplatedDecl()))
        return D;
  }
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (const DeclT *D = findMember<DeclT>(Base.getType()->getAsCXXRecordDecl(),
                                           Name, Depth + 1))
      return D;
  return nullptr;
}

/// The record a type names, or for a dependent specialization of a class
/// template (inside a template pattern), the template's own record.
static const CXXRecordDecl *recordOrPattern(QualType T) {
  if (T.isNull())
    return nullptr;
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
    return RD;
  if (const auto *Spec = T->getAs<TemplateSpecializationType>())
    if (const auto *Template = dyn_cast_or_null<ClassTemplateDecl>(
            Spec->getTemplateName().getAsTemplateDecl()))
      return Template->getTemplatedDecl();
  return nullptr;
}

static const CXXRecordDecl *findNestedType(const CXXRecordDecl *RD,
                                           DeclarationName Name,
                                           unsigned Depth = 0) {
  RD = definitionOrPattern(RD);
  if (!RD || Depth > 8)
    return nullptr;
  for (const NamedDecl *ND : RD->lookup(Name)) {
    if (const auto *TD = dyn_cast<TypedefNameDecl>(ND))
      return recordOrPattern(TD->getUnderlyingType());
    if (const auto *Nested = dyn_cast<CXXRecordDecl>(ND))
      return Nested;
  }
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (const CXXRecordDecl *Found = findNestedType(
            recordOrPattern(Base.getType()), Name, Depth + 1))
      return Found;
  return nullptr;
}

/// True if the template argument \p Pattern (of a specialization of
/// std::coroutine_traits) can stand for the type \p Actual; \p Concrete
/// counts the arguments that had to match exactly.
static bool argumentMatches(const ASTContext &Ctx, const TemplateArgument &Pattern,
                            QualType Actual, unsigned &Concrete) {
  if (Pattern.getKind() != TemplateArgument::Type)
    return false;
  QualType P = Pattern.getAsType();
  if (isa<TemplateTypeParmType>(P.getCanonicalType()))
    return true;
  if (!P->isDependentType()) {
    ++Concrete;
    return Ctx.hasSameUnqualifiedType(P, Actual);
  }
  // future<T...> against future<int>: the same class template.
  const CXXRecordDecl *Arg = Actual->getAsCXXRecordDecl();
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(Arg);
  const auto *PatternSpec = P->getAs<TemplateSpecializationType>();
  if (!Spec || !PatternSpec)
    return false;
  const TemplateDecl *Template = PatternSpec->getTemplateName().getAsTemplateDecl();
  ++Concrete;
  return Template && Template->getCanonicalDecl() ==
                         Spec->getSpecializedTemplate()->getCanonicalDecl();
}

/// Returns the body of \p FD, or of the template it would be instantiated
/// from.
static const Stmt *bodyOrPattern(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  const FunctionDecl *Def = nullptr;
  if (FD->hasBody(Def) && Def)
    return Def->getBody();
  if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern())
    if (Pattern->hasBody(Def) && Def)
      return Def->getBody();
  if (const FunctionDecl *Member = FD->getInstantiatedFromMemberFunction())
    if (Member->hasBody(Def) && Def)
      return Def->getBody();
  return nullptr;
}

const CXXRecordDecl *DetachedTypeOracle::promiseFromTraits(QualType T) {
  // The primary std::coroutine_traits template uses R::promise_type.
  return findNestedType(T->getAsCXXRecordDecl(),
                        &Ctx.Idents.get("promise_type"));
}

bool createsCoroutine(const FunctionDecl *Callee) {
  if (!Callee)
    return false;
  DetachedTypeOracle Oracle(const_cast<ASTContext &>(Callee->getASTContext()),
                            NameList());
  return Oracle.promiseOf(Callee) != nullptr;
}

const CXXRecordDecl *DetachedTypeOracle::promiseOf(const FunctionDecl *Callee) {
  if (const CoroutineBodyStmt *Body = coroutineBody(Callee)) {
    QualType PromiseType = Body->getPromiseDecl()->getType();
    if (!PromiseType->isDependentType())
      return PromiseType->getAsCXXRecordDecl();
  }
  QualType R = Callee->getReturnType();
  if (R->isDependentType() || !R->isRecordType())
    return nullptr;
  if (const CXXRecordDecl *Promise = promiseFromTraits(R))
    return Promise;
  return promiseFromCoroutineTraits(Callee);
}

const CXXRecordDecl *
DetachedTypeOracle::promiseFromCoroutineTraits(const FunctionDecl *Callee) {
  // std::coroutine_traits specialized for the return type (concurrencpp's
  // null_result, Seastar's future): the most specific specialization whose
  // arguments fit the return type and the parameters.
  const auto *Std = [&]() -> const NamespaceDecl * {
    for (const NamedDecl *ND :
         Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get("std")))
      if (const auto *NS = dyn_cast<NamespaceDecl>(ND))
        return NS;
    return nullptr;
  }();
  if (!Std)
    return nullptr;
  const ClassTemplateDecl *Traits = nullptr;
  for (const NamedDecl *ND : Std->lookup(&Ctx.Idents.get("coroutine_traits")))
    Traits = dyn_cast<ClassTemplateDecl>(ND);
  if (!Traits)
    return nullptr;
  llvm::SmallVector<QualType, 8> Actual{Callee->getReturnType()};
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
      Method && Method->isInstance())
    Actual.push_back(Ctx.getLValueReferenceType(
        Ctx.getRecordType(Method->getParent())));
  for (const ParmVarDecl *Param : Callee->parameters())
    Actual.push_back(Param->getType());
  auto Fits = [&](llvm::ArrayRef<TemplateArgument> Written, unsigned &Concrete) {
    // coroutine_traits<R, Args...>: the trailing pack holds the rest.
    llvm::SmallVector<TemplateArgument, 8> Args;
    for (const TemplateArgument &Arg : Written)
      if (Arg.getKind() == TemplateArgument::Pack)
        Args.append(Arg.pack_begin(), Arg.pack_end());
      else
        Args.push_back(Arg);
    for (unsigned I = 0; I < Args.size(); ++I) {
      if (Args[I].isPackExpansion() ||
          (Args[I].getKind() == TemplateArgument::Type &&
           isa<PackExpansionType>(Args[I].getAsType())))
        return true;
      if (I >= Actual.size() ||
          !argumentMatches(Ctx, Args[I], Actual[I], Concrete))
        return false;
    }
    return Args.size() == Actual.size();
  };
  const CXXRecordDecl *Best = nullptr;
  unsigned BestConcrete = 0;
  llvm::SmallVector<ClassTemplatePartialSpecializationDecl *, 8> Partials;
  const_cast<ClassTemplateDecl *>(Traits)->getPartialSpecializations(Partials);
  for (const ClassTemplatePartialSpecializationDecl *Partial : Partials) {
    unsigned Concrete = 0;
    if (Fits(Partial->getTemplateArgs().asArray(), Concrete) &&
        (!Best || Concrete > BestConcrete)) {
      Best = Partial;
      BestConcrete = Concrete;
    }
  }
  for (const ClassTemplateSpecializationDecl *Spec : Traits->specializations()) {
    if (isa<ClassTemplatePartialSpecializationDecl>(Spec) ||
        Spec->getSpecializationKind() != TSK_ExplicitSpecialization)
      continue;
    unsigned Concrete = 0;
    if (Fits(Spec->getTemplateArgs().asArray(), Concrete) &&
        (!Best || Concrete >= BestConcrete)) {
      Best = Spec;
      BestConcrete = Concrete;
    }
  }
  return Best ? findNestedType(Best, &Ctx.Idents.get("promise_type")) : nullptr;
}

/// Returns true if \p Awaiter never suspends: std::suspend_never, or an
/// await_ready() whose only statement returns constant true.
static bool awaiterNeverSuspends(const ASTContext &Ctx, QualType Awaiter) {
  if (Awaiter.isNull() || Awaiter->isDependentType())
    return false;
  const CXXRecordDecl *RD = Awaiter->getAsCXXRecordDecl();
  if (!RD)
    return false;
  if (qualifiedName(RD) == "std::suspend_never")
    return true;
  const auto *Ready = findMember<CXXMethodDecl>(
      RD, &const_cast<ASTContext &>(Ctx).Idents.get("await_ready"));
  const auto *Body = dyn_cast_or_null<CompoundStmt>(bodyOrPattern(Ready));
  if (!Body || Body->size() != 1)
    return false;
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
  if (!Return || !Return->getRetValue())
    return false;
  const Expr *Value = Return->getRetValue();
  if (Value->isValueDependent() || Value->isTypeDependent())
    return false;
  bool Result = false;
  return Value->EvaluateAsBooleanCondition(Result, Ctx) && Result;
}

bool DetachedTypeOracle::neverSuspends(const CXXRecordDecl *Promise,
                                       std::string &Why) {
  const auto *Initial = findMember<CXXMethodDecl>(
      Promise, &Ctx.Idents.get("initial_suspend"));
  const auto *Final =
      findMember<CXXMethodDecl>(Promise, &Ctx.Idents.get("final_suspend"));
  if (!Initial || !Final)
    return false;
  QualType InitialAwaiter = Initial->getReturnType();
  QualType FinalAwaiter = Final->getReturnType();
  if (!awaiterNeverSuspends(Ctx, InitialAwaiter) ||
      !awaiterNeverSuspends(Ctx, FinalAwaiter))
    return false;
  std::string InitialName = printType(Ctx, InitialAwaiter);
  std::string FinalName = printType(Ctx, FinalAwaiter);
  if (InitialName == FinalName)
    Why = "initial_suspend() and final_suspend() both return '" + InitialName +
          "', which never suspends";
  else
    Why = "initial_suspend() returns '" + InitialName +
          "' and final_suspend() returns '" + FinalName +
          "', which never suspend";
  return true;
}

bool DetachedTypeOracle::isAwaitable(QualType T) {
  const CXXRecordDecl *RD = definitionOrPattern(T->getAsCXXRecordDecl());
  if (!RD)
    return false;
  DeclarationName CoAwait =
      Ctx.DeclarationNames.getCXXOperatorName(OO_Coawait);
  if (findMember<CXXMethodDecl>(RD, &Ctx.Idents.get("await_ready")) ||
      findMember<CXXMethodDecl>(RD, CoAwait))
    return true;
  // A free operator co_await found by argument-dependent lookup.
  const DeclContext *NS = RD->getEnclosingNamespaceContext();
  for (const NamedDecl *ND : NS->lookup(CoAwait)) {
    if (isa<FunctionTemplateDecl>(ND))
      return true;
    const auto *FD = dyn_cast<FunctionDecl>(ND);
    if (!FD || FD->getNumParams() == 0)
      continue;
    QualType Param = FD->getParamDecl(0)->getType().getNonReferenceType();
    const CXXRecordDecl *ParamRD = Param->getAsCXXRecordDecl();
    if (ParamRD && ParamRD->getCanonicalDecl() == RD->getCanonicalDecl())
      return true;
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      if (ParamRD && isa<ClassTemplateSpecializationDecl>(ParamRD) &&
          cast<ClassTemplateSpecializationDecl>(ParamRD)
                  ->getSpecializedTemplate()
                  ->getCanonicalDecl() ==
              Spec->getSpecializedTemplate()->getCanonicalDecl())
        return true;
  }
  return false;
}

std::optional<bool>
DetachedTypeOracle::startsEagerly(const FunctionDecl *Callee,
                                  const FunctionDecl **InitialSuspend) {
  const CXXRecordDecl *Promise = promiseOf(Callee);
  if (!Promise)
    return std::nullopt;
  const auto *Initial = findMember<CXXMethodDecl>(
      Promise, &Ctx.Idents.get("initial_suspend"));
  if (!Initial || Initial->getReturnType()->isDependentType())
    return std::nullopt;
  if (InitialSuspend)
    *InitialSuspend = Initial;
  return awaiterNeverSuspends(Ctx, Initial->getReturnType());
}

namespace {
/// Reads what a body of unhandled_exception() does.
class PolicyReader {
public:
  bool Terminates = false;
  bool Rethrows = false;
  std::string Terminator;

  void visit(const Stmt *S) {
    if (!S)
      return;
    if (const auto *Throw = dyn_cast<CXXThrowExpr>(S))
      if (!Throw->getSubExpr())
        Rethrows = true;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        if (const IdentifierInfo *II = Callee->getIdentifier()) {
          llvm::StringRef Name = II->getName();
          if (Name == "terminate" || Name == "abort" || Name == "_Exit" ||
              Name == "quick_exit" || Name == "exit") {
            if (!Terminates)
              Terminator = qualifiedName(Callee);
            Terminates = true;
          }
          else if (Name == "rethrow_exception")
            Rethrows = true;
        }
    for (const Stmt *Child : S->children())
      visit(Child);
  }
};
} // namespace

void DetachedTypeOracle::readExceptionPolicy(DetachedInfo &Info) {
  Info.Policy = ExceptionPolicy::Unknown;
  if (!Info.Promise)
    return;
  const auto *Handler = findMember<CXXMethodDecl>(
      Info.Promise, &Ctx.Idents.get("unhandled_exception"));
  Info.UnhandledException = Handler;
  const Stmt *Body = bodyOrPattern(Handler);
  if (!Body)
    return;
  PolicyReader Reader;
  Reader.visit(Body);
  if (Reader.Terminates) {
    Info.Policy = ExceptionPolicy::Terminates;
    Info.Terminator = Reader.Terminator;
  }
  else if (Reader.Rethrows)
    Info.Policy = ExceptionPolicy::Rethrows;
  else
    Info.Policy = ExceptionPolicy::Swallows;
}

std::optional<DetachedInfo>
DetachedTypeOracle::classifyType(const FunctionDecl *Callee, QualType T) {
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return std::nullopt;
  DetachedInfo Info;
  Info.Type = T;
  const NamedDecl *AnnotatedDecl = nullptr;
  llvm::SmallVector<std::string, 4> Names;
  std::string Why;
  if (typeHasAnnotation(Ctx, T, DetachedAnnotation, &AnnotatedDecl)) {
    Info.Reason = DetachedReason::Annotated;
    Info.ReasonDecl = AnnotatedDecl;
  } else if (collectTypeNames(Ctx, T, Names), DetachedTypes.matchAny(Names)) {
    Info.Reason = DetachedReason::Listed;
    Info.ReasonDecl = RD;
    Info.Detail = DetachedTypes.matchAny(Names)->str();
  } else {
    const CXXRecordDecl *Promise = promiseOf(Callee);
    if (!Promise || !neverSuspends(Promise, Why) || isAwaitable(T))
      return std::nullopt;
    Info.Reason = DetachedReason::NeverSuspends;
    Info.ReasonDecl = RD;
    Info.Detail = std::move(Why);
  }
  Info.Promise = promiseOf(Callee);
  readExceptionPolicy(Info);
  return Info;
}

std::optional<DetachedInfo>
DetachedTypeOracle::classify(const FunctionDecl *Callee) {
  if (!Callee)
    return std::nullopt;
  const FunctionDecl *Key = Callee->getCanonicalDecl();
  auto It = Cache.find(Key);
  if (It != Cache.end())
    return It->second;

  std::optional<DetachedInfo> Result;
  QualType R = Callee->getReturnType();
  if (R->isVoidType()) {
    if (const CoroutineBodyStmt *Body = coroutineBody(Callee)) {
      DetachedInfo Info;
      Info.Reason = DetachedReason::VoidCoroutine;
      Info.Type = R;
      Info.ReasonDecl = Callee;
      QualType PromiseType = Body->getPromiseDecl()->getType();
      if (!PromiseType->isDependentType())
        Info.Promise = PromiseType->getAsCXXRecordDecl();
      readExceptionPolicy(Info);
      Result = std::move(Info);
    }
  } else if (!R->isDependentType()) {
    Result = classifyType(Callee, R);
  }
  Cache.try_emplace(Key, Result);
  return Result;
}

} // namespace firecrash
