//===--- DetachedThisCheck.h - firecrash ----------------------*- C++ -*-===//
//
// Part of firecrash.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_CHECKS_DETACHEDTHISCHECK_H
#define FIRECRASH_CHECKS_DETACHEDTHISCHECK_H

#include "FirecrashCheck.h"

namespace firecrash {


/// Finds detached member coroutines (and detached lambda coroutines that
/// capture 'this') that use 'this' after they suspend, when nothing keeps the
/// object alive: the object can be destroyed while they are suspended, and
/// they resume into it.
///
/// For the user-facing documentation see docs/checks/detached-this.md.
class DetachedThisCheck : public FirecrashCheck {
public:
  DetachedThisCheck(llvm::StringRef Name,
                    clang::tidy::ClangTidyContext *Context);

  ~DetachedThisCheck() override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() override;

private:
  void checkFunction(const clang::FunctionDecl *FD) override;
  /// Member coroutines of 'this' that \p FD hands to a detaching call
  /// ("loop().start(cb)", "pool.spawn_detached(this->loop())"): reported
  /// where they use 'this' after suspending.
  void checkDetachedMembers(const clang::FunctionDecl *FD);
  /// The member of the object's class that hands out a strong reference.
  std::optional<std::string> strongMember(const clang::FunctionDecl *FD);
  void fixNote(const clang::FunctionDecl *FD, const std::string &Suggestion);
  /// Hands the finding's structured record to the host, if one listens.
  void recordFinding(const clang::SourceManager &SM, clang::SourceLocation Loc,
                     const clang::FunctionDecl *FD, llvm::StringRef Reason,
                     llvm::StringRef Policy, const std::string &Suggestion);

  DetachingApis Apis;
  std::unique_ptr<DetachingCallOracle> Detaching;
  const std::string StrongReferenceFunctions;
  const std::string WeakReferenceFunctions;
  const NameList Strong;
  const NameList Weak;
};

} // namespace firecrash

#endif // FIRECRASH_CHECKS_DETACHEDTHISCHECK_H
