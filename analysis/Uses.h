//===--- Uses.h - How often functions are referenced ----------*- C++ -*-===//
//
// Part of firecrash. Counts the references to every function outside system
// headers, once per translation unit, so a fix-it that changes a function's
// return type can tell whether it would break another caller.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_ANALYSIS_USES_H
#define FIRECRASH_ANALYSIS_USES_H

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"

namespace firecrash {

class ReferenceCounter {
public:
  explicit ReferenceCounter(clang::ASTContext &Ctx) : Ctx(Ctx) {}

  /// Returns how many expressions outside system headers name \p FD (any
  /// redeclaration), counting template patterns but not their
  /// instantiations.
  unsigned count(const clang::FunctionDecl *FD);

private:
  clang::ASTContext &Ctx;
  bool Counted = false;
  llvm::DenseMap<const clang::FunctionDecl *, unsigned> Counts;
};

} // namespace firecrash

#endif // FIRECRASH_ANALYSIS_USES_H
