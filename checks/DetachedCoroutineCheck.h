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
  void onStartOfTranslationUnit() override;

private:
  void checkFunction(const clang::FunctionDecl *FD) override;
  void report(const clang::FunctionDecl *Handler, const CallChain &Chain,
              clang::ASTContext &Ctx);
  bool canFix(const CallChain &Chain, clang::ASTContext &Ctx);
  /// True if a call of the chain is a detaching API: the chain is
  /// firecrash-detaching-spawn's to report.
  bool throughDetachingCall(const CallChain &Chain);
  /// The DetachingCallees entries, as an oracle for this translation unit.
  DetachingCallOracle &detachingApis();

  const std::string TaskType;
  /// Report starts of work that owns its state and lets no exception
  /// escape, too.
  const bool ReportOwnedWork;
  DetachingApis Apis;
  std::unique_ptr<DetachingCallOracle> Detaching;
};

} // namespace firecrash

#endif // FIRECRASH_CHECKS_DETACHEDCOROUTINECHECK_H
