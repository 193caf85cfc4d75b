//===--- CheckConsumer.cpp - The checks of a context, without a MatchFinder ===//

#include "CheckConsumer.h"
#include "FirecrashCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/CompilerInstance.h"

using namespace clang;
using namespace clang::tidy;

namespace firecrash {
namespace {

class CheckConsumer : public ASTConsumer {
public:
  CheckConsumer(std::vector<std::unique_ptr<ClangTidyCheck>> Checks,
                std::unique_ptr<ast_matchers::MatchFinder> Finder)
      : Checks(std::move(Checks)), Finder(std::move(Finder)) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    for (const std::unique_ptr<ClangTidyCheck> &Check : Checks)
      if (auto *Direct = dynamic_cast<FirecrashCheck *>(Check.get())) {
        Direct->onStartOfTranslationUnit();
        Direct->runOnTranslationUnit(Ctx);
        Direct->onEndOfTranslationUnit();
      }
    if (Finder)
      Finder->matchAST(Ctx);
  }

private:
  std::vector<std::unique_ptr<ClangTidyCheck>> Checks;
  std::unique_ptr<ast_matchers::MatchFinder> Finder;
};

} // namespace

std::unique_ptr<ASTConsumer> createCheckConsumer(ClangTidyContext &Context,
                                                 CompilerInstance &Compiler,
                                                 llvm::StringRef File) {
  ClangTidyCheckFactories Factories;
  for (const ClangTidyModuleRegistry::entry &Module :
       ClangTidyModuleRegistry::entries())
    Module.instantiate()->addCheckFactories(Factories);

  SourceManager &SM = Compiler.getSourceManager();
  Context.setSourceManager(&SM);
  Context.setCurrentFile(File);
  Context.setASTContext(&Compiler.getASTContext());
  if (auto WorkingDir = SM.getFileManager()
                            .getVirtualFileSystem()
                            .getCurrentWorkingDirectory())
    Context.setCurrentBuildDirectory(*WorkingDir);

  std::vector<std::unique_ptr<ClangTidyCheck>> Checks =
      Factories.createChecksForLanguage(&Context);
  // Checks of other modules keep their matchers.
  std::unique_ptr<ast_matchers::MatchFinder> Finder;
  Preprocessor *PP = &Compiler.getPreprocessor();
  for (const std::unique_ptr<ClangTidyCheck> &Check : Checks) {
    if (!dynamic_cast<FirecrashCheck *>(Check.get())) {
      if (!Finder)
        Finder = std::make_unique<ast_matchers::MatchFinder>();
      Check->registerMatchers(Finder.get());
    }
    Check->registerPPCallbacks(SM, PP, PP);
  }
  return std::make_unique<CheckConsumer>(std::move(Checks), std::move(Finder));
}

} // namespace firecrash
