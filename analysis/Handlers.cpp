//===--- Handlers.cpp - Which coroutines are request handlers -------------===//

#include "Handlers.h"
#include "DetachedTypes.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace firecrash {

llvm::StringRef handlerReasonName(HandlerReason Reason) {
  switch (Reason) {
  case HandlerReason::Annotated:
    return "annotated";
  case HandlerReason::NameMatches:
    return "name";
  case HandlerReason::Parameter:
    return "parameter";
  case HandlerReason::Connection:
    return "connection";
  case HandlerReason::Result:
    return "result";
  case HandlerReason::BaseClass:
    return "base-class";
  }
  llvm_unreachable("unknown handler reason");
}

std::string displayName(const FunctionDecl *FD) {
  const auto *Method = dyn_cast<CXXMethodDecl>(FD);
  if (!Method || !Method->getParent()->isLambda()) {
    // As clang names a declaration in a diagnostic: with template arguments.
    std::string Name;
    llvm::raw_string_ostream OS(Name);
    // Template arguments that are lambdas print as "(lambda)": a path in a
    // message would differ from one checkout to the next.
    PrintingPolicy Policy = FD->getASTContext().getPrintingPolicy();
    Policy.AnonymousTagLocations = false;
    FD->getNameForDiagnostic(OS, Policy, /*Qualified=*/false);
    return "'" + OS.str() + "'";
  }
  const CXXRecordDecl *Closure = Method->getParent();
  // The function (or variable) the lambda is written in.
  const Decl *Context = Closure->getLambdaContextDecl();
  if (!Context)
    Context = dyn_cast<Decl>(Closure->getDeclContext());
  for (unsigned Guard = 0; Context && Guard < 8; ++Guard) {
    if (const auto *Outer = dyn_cast<FunctionDecl>(Context))
      return "the lambda in " + displayName(Outer);
    if (const auto *Named = dyn_cast<NamedDecl>(Context))
      if (!isa<TranslationUnitDecl>(Context) && !isa<NamespaceDecl>(Context) &&
          Named->getDeclName().isIdentifier())
        return "the lambda in '" + Named->getNameAsString() + "'";
    const DeclContext *DC = Context->getDeclContext();
    Context = DC ? dyn_cast<Decl>(DC) : nullptr;
  }
  // A lambda at namespace scope: where it is written.
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  SourceLocation Loc = SM.getExpansionLoc(Closure->getLocation());
  return "the lambda at line " + std::to_string(SM.getExpansionLineNumber(Loc));
}

std::string describeHandler(const FunctionDecl *FD) {
  std::string Name = displayName(FD);
  if (llvm::StringRef(Name).starts_with("the lambda"))
    return "the request-handler" + Name.substr(3);
  return "request handler " + Name;
}

HandlerOracle::HandlerOracle(const ASTContext &Ctx,
                             const HandlerOptions &Options)
    : Ctx(Ctx), Options(Options) {
  for (const std::string &Pattern : Options.Functions) {
    auto Re = std::make_unique<llvm::Regex>(Pattern);
    std::string Error;
    if (!Re->isValid(Error)) {
      RegexErrors.push_back("'" + Pattern + "': " + Error);
      continue;
    }
    Functions.emplace_back(Pattern, std::move(Re));
  }
}

/// Finds a base class of \p RD (transitively) listed in \p Bases.
static std::optional<std::pair<std::string, std::string>>
findListedBase(const ASTContext &Ctx, const CXXRecordDecl *RD,
               const NameList &Bases, unsigned Depth = 0) {
  if (!RD || !RD->hasDefinition() || Depth > 16)
    return std::nullopt;
  for (const CXXBaseSpecifier &Base : RD->getDefinition()->bases()) {
    llvm::SmallVector<std::string, 4> Names;
    collectTypeNames(Ctx, Base.getType(), Names);
    if (std::optional<llvm::StringRef> Entry = Bases.matchAny(Names))
      return std::make_pair(Entry->str(), printType(Ctx, Base.getType()));
    if (auto Found = findListedBase(Ctx, Base.getType()->getAsCXXRecordDecl(),
                                    Bases, Depth + 1))
      return Found;
  }
  return std::nullopt;
}

const CXXRecordDecl *
HandlerOracle::frameworkOwnedThis(const FunctionDecl *FD) const {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(FD);
  // A lambda's 'this' is the one of the member function it is written in.
  for (unsigned Guard = 0; Method && Method->getParent()->isLambda() &&
                           Guard < 8;
       ++Guard)
    Method = dyn_cast_or_null<CXXMethodDecl>(
        dyn_cast<FunctionDecl>(Method->getParent()->getDeclContext()));
  if (!Method || Method->isStatic())
    return nullptr;
  const CXXRecordDecl *Class = Method->getParent();
  if (!Options.LongLivedTypes.empty()) {
    llvm::SmallVector<std::string, 4> Names;
    collectTypeNames(Ctx, Ctx.getRecordType(Class), Names);
    if (Options.LongLivedTypes.matchAny(Names) ||
        findListedBase(Ctx, Class, Options.LongLivedTypes))
      return Class;
  }
  if (!Options.BaseClasses.empty() &&
      findListedBase(Ctx, Class, Options.BaseClasses))
    return Class;
  return nullptr;
}

std::optional<HandlerInfo>
HandlerOracle::classify(const FunctionDecl *FD) const {
  if (!FD)
    return std::nullopt;
  HandlerInfo Info;
  Info.Loc = FD->getLocation();

  if (hasAnnotation(FD, HandlerAnnotation)) {
    Info.Reason = HandlerReason::Annotated;
    return Info;
  }

  if (!Functions.empty()) {
    std::string Name = qualifiedName(FD);
    std::string Rooted = "::" + Name;
    for (const auto &[Pattern, Re] : Functions) {
      if (Re->match(Name) || Re->match(Rooted)) {
        Info.Reason = HandlerReason::NameMatches;
        Info.Entry = Pattern;
        return Info;
      }
    }
  }

  if (!Options.ParameterTypes.empty()) {
    for (const ParmVarDecl *Param : FD->parameters()) {
      QualType Target = stripIndirections(Ctx, Param->getType());
      llvm::SmallVector<std::string, 4> Names;
      collectTypeNames(Ctx, Target, Names);
      if (std::optional<llvm::StringRef> Entry =
              Options.ParameterTypes.matchAny(Names)) {
        Info.Reason = HandlerReason::Parameter;
        Info.Loc = Param->getLocation();
        Info.Param = Param;
        Info.Entry = Entry->str();
        Info.TypeName = printType(Ctx, Param->getType());
        return Info;
      }
    }
  }

  // A coroutine that takes an accepted connection by value serves it.
  if (!Options.ConnectionTypes.empty() &&
      coroutineBody(FD)) {
    for (const ParmVarDecl *Param : FD->parameters()) {
      QualType T = Param->getType();
      if (T->isReferenceType() || T->isPointerType())
        continue;
      llvm::SmallVector<std::string, 4> Names;
      collectTypeNames(Ctx, T, Names);
      if (std::optional<llvm::StringRef> Entry =
              Options.ConnectionTypes.matchAny(Names)) {
        Info.Reason = HandlerReason::Connection;
        Info.Loc = Param->getLocation();
        Info.Param = Param;
        Info.Entry = Entry->str();
        Info.TypeName = printType(Ctx, T);
        return Info;
      }
    }
  }

  if (!Options.ResultTypes.empty()) {
    if (std::optional<QualType> Result =
            firstTemplateTypeArg(Ctx, FD->getReturnType())) {
      QualType Target = stripIndirections(Ctx, *Result);
      llvm::SmallVector<std::string, 4> Names;
      collectTypeNames(Ctx, Target, Names);
      if (std::optional<llvm::StringRef> Entry =
              Options.ResultTypes.matchAny(Names)) {
        Info.Reason = HandlerReason::Result;
        SourceRange Range = FD->getReturnTypeSourceRange();
        if (Range.isValid())
          Info.Loc = Range.getBegin();
        Info.Entry = Entry->str();
        Info.TypeName = printType(Ctx, FD->getReturnType());
        return Info;
      }
    }
  }

  if (!Options.BaseClasses.empty()) {
    if (const auto *Method = dyn_cast<CXXMethodDecl>(FD)) {
      if (auto Found =
              findListedBase(Ctx, Method->getParent(), Options.BaseClasses)) {
        Info.Reason = HandlerReason::BaseClass;
        Info.Entry = Found->first;
        Info.TypeName = Found->second;
        return Info;
      }
    }
  }
  return std::nullopt;
}

} // namespace firecrash
