//===--- DetachedCoroutineCheck.h - firecrash -----------------*- C++ -*-===//
//
// Part of firecrash.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_CHECKS_DETACHEDCOROUTINECHECK_H
#define FIRECRASH_CHECKS_DETACHEDCOROUTINECHECK_H

#include "SharedOptions.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>

namespace firecrash {

struct AnalysisState;
struct CallChain;

/// Finds calls in request-handler coroutines that start detached coroutines:
/// work the handler can complete before, that nobody can await, and whose
/// exceptions nobody sees.
///
/// For the user-facing documentation see docs/checks/detached-coroutine.md.
class DetachedCoroutineCheck : public clang::tidy::ClangTidyCheck {
public:
  DetachedCoroutineCheck(llvm::StringRef Name,
                         clang::tidy::ClangTidyContext *Context);
  ~DetachedCoroutineCheck() override;

  bool isLanguageVersionSupported(
      const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;

private:
  void report(const clang::FunctionDecl *Handler, const CallChain &Chain,
              clang::ASTContext &Ctx);
  bool canFix(const CallChain &Chain, clang::ASTContext &Ctx);

  const SharedOptions Shared;
  const HandlerOptions Handlers;
  const std::string TaskType;
  std::unique_ptr<AnalysisState> State;
  bool ReportedRegexErrors = false;
};

} // namespace firecrash

#endif // FIRECRASH_CHECKS_DETACHEDCOROUTINECHECK_H
