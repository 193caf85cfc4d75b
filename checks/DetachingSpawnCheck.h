//===--- DetachingSpawnCheck.h - firecrash --------------------*- C++ -*-===//
//
// Part of firecrash.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_CHECKS_DETACHINGSPAWNCHECK_H
#define FIRECRASH_CHECKS_DETACHINGSPAWNCHECK_H

#include "DetachingCalls.h"
#include "FirecrashCheck.h"

namespace firecrash {

/// Finds calls of detaching APIs (co_spawn with the detached token,
/// std::thread::detach, start_detached, drogon::async_run) in request-handler
/// coroutines, directly or through helpers.
///
/// For the user-facing documentation see docs/checks/detaching-spawn.md.
class DetachingSpawnCheck : public FirecrashCheck {
public:
  DetachingSpawnCheck(llvm::StringRef Name,
                      clang::tidy::ClangTidyContext *Context);

  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;

private:
  void checkFunction(const clang::FunctionDecl *FD) override;
  void ensureOracle(clang::ASTContext &Ctx);
  void report(const clang::FunctionDecl *Handler, const CallChain &Chain,
              clang::ASTContext &Ctx);

  DetachingApis Apis;
  std::unique_ptr<DetachingCallOracle> Oracle;
  std::unique_ptr<Reach> Spawns;
};

} // namespace firecrash

#endif // FIRECRASH_CHECKS_DETACHINGSPAWNCHECK_H
