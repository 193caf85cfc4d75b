//===--- DetachedCoroutineCheck.h - firecrash -----------------*- C++ -*-===//
//
// Part of firecrash.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_CHECKS_DETACHEDCOROUTINECHECK_H
#define FIRECRASH_CHECKS_DETACHEDCOROUTINECHECK_H

#include "FirecrashCheck.h"

namespace firecrash {

/// Finds calls in request-handler coroutines that start detached coroutines:
/// work the handler can complete before, that nobody can await, and whose
/// exceptions nobody sees.
///
/// For the user-facing documentation see docs/checks/detached-coroutine.md.
class DetachedCoroutineCheck : public FirecrashCheck {
public:
  DetachedCoroutineCheck(llvm::StringRef Name,
                         clang::tidy::ClangTidyContext *Context);

  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void onEndOfTranslationUnit() override;

private:
  void checkFunction(const clang::FunctionDecl *FD) override;
  void report(const clang::FunctionDecl *Handler, const CallChain &Chain,
              clang::ASTContext &Ctx);
  bool canFix(const CallChain &Chain, clang::ASTContext &Ctx);

  const std::string TaskType;
};

} // namespace firecrash

#endif // FIRECRASH_CHECKS_DETACHEDCOROUTINECHECK_H
