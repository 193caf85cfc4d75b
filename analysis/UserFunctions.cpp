//===--- UserFunctions.cpp - The functions a translation unit defines -----===//

#include "UserFunctions.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SetVector.h"

using namespace clang;

namespace firecrash {
namespace {

class Collector : public RecursiveASTVisitor<Collector> {
public:
  explicit Collector(const SourceManager &SM) : SM(SM) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      return true; // Prune the whole declaration: nothing of ours inside.
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    add(FD);
    return true;
  }

  bool VisitLambdaExpr(LambdaExpr *Lambda) {
    CXXMethodDecl *Call = Lambda->getCallOperator();
    if (FunctionTemplateDecl *Generic = Call->getDescribedFunctionTemplate()) {
      for (FunctionDecl *Spec : Generic->specializations())
        add(Spec);
      return true;
    }
    add(Call);
    return true;
  }

  llvm::SetVector<const FunctionDecl *> Functions;

private:
  void add(const FunctionDecl *FD) {
    if (!FD || FD->isImplicit() || FD->isDependentContext() ||
        !FD->doesThisDeclarationHaveABody() || !FD->getBody())
      return;
    Functions.insert(FD);
  }

  const SourceManager &SM;
};

} // namespace

std::vector<const FunctionDecl *> userFunctionDefinitions(ASTContext &Ctx) {
  Collector C(Ctx.getSourceManager());
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
  return std::vector<const FunctionDecl *>(C.Functions.begin(),
                                           C.Functions.end());
}

} // namespace firecrash
