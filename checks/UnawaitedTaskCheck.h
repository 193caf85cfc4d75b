//===--- UnawaitedTaskCheck.h - firecrash ---------------------*- C++ -*-===//
//
// Part of firecrash.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_CHECKS_UNAWAITEDTASKCHECK_H
#define FIRECRASH_CHECKS_UNAWAITEDTASKCHECK_H

#include "FirecrashCheck.h"

namespace firecrash {

/// Finds tasks a request handler creates and never awaits: discarded, or
/// stored in a local that is never awaited, moved, returned or passed on.
/// A lazy task then never runs; an eager one runs detached.
///
/// For the user-facing documentation see docs/checks/unawaited-task.md.
class UnawaitedTaskCheck : public FirecrashCheck {
public:
  UnawaitedTaskCheck(llvm::StringRef Name,
                     clang::tidy::ClangTidyContext *Context);

  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

  /// Why a type counts as a task.
  enum class TaskReason { Annotated, Listed, Inferred };

private:
  void checkFunction(const clang::FunctionDecl *FD) override;
  struct Unawaited;
  std::optional<TaskReason> taskReason(const clang::FunctionDecl *Callee,
                                       clang::ASTContext &Ctx,
                                       std::string &Entry);
  void report(const clang::FunctionDecl *Handler, const Unawaited &U,
              clang::ASTContext &Ctx);

  const std::string TaskTypes;
  const NameList TaskTypeList;
};

} // namespace firecrash

#endif // FIRECRASH_CHECKS_UNAWAITEDTASKCHECK_H
