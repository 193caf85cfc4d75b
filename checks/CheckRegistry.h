//===--- CheckRegistry.h - The one list of firecrash checks ---*- C++ -*-===//
//
// Part of firecrash. Registration, --list-checks, report rule metadata and
// the docs index are all derived from this list.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_CHECKS_CHECKREGISTRY_H
#define FIRECRASH_CHECKS_CHECKREGISTRY_H

#include "clang-tidy/ClangTidyModule.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace firecrash {

/// One check of the firecrash module.
struct CheckInfo {
  /// The full check name, e.g. "firecrash-detached-coroutine".
  llvm::StringLiteral Name;
  /// One sentence: what the check reports.
  llvm::StringLiteral Summary;
  /// The documentation page, relative to the project root.
  llvm::StringLiteral DocsPath;
  /// Registers the check's factory.
  void (*Register)(clang::tidy::ClangTidyCheckFactories &Factories,
                   llvm::StringRef Name);
  /// A readable PascalCase name, distinct from the check name (SARIF's
  /// rule "name").
  llvm::StringLiteral DisplayName;
  /// The "Why" of the check's docs page, in a few sentences.
  llvm::StringLiteral Description;
  /// What to do about a finding, in one or two sentences.
  llvm::StringLiteral Help;
};

/// Returns every check, in name order.
llvm::ArrayRef<CheckInfo> allChecks();

} // namespace firecrash

#endif // FIRECRASH_CHECKS_CHECKREGISTRY_H
