//===--- Tasks.h - Call results a body never awaits -----------*- C++ -*-===//
//
// Part of firecrash. Finds the calls whose results a function body drops:
// discarded as a whole statement, or stored in a local that is never
// awaited, moved, returned, captured or passed on. Whether such a result is
// a task, and whether it starts eagerly, is for the caller to decide.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_ANALYSIS_TASKS_H
#define FIRECRASH_ANALYSIS_TASKS_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <vector>

namespace firecrash {

/// A call whose result the body never uses.
struct DroppedResult {
  const clang::CallExpr *Call = nullptr;
  /// The local it is stored in, or null when the result is discarded.
  const clang::VarDecl *Local = nullptr;
  /// Discarded through a cast to void.
  bool CastToVoid = false;
  /// Inside a catch handler (where co_await is not allowed).
  bool InCatch = false;
};

/// Returns the dropped results of \p Body in source order: discarded calls
/// first, then stored ones. A stored result on which a member call that
/// \p WaitsForItsTask says blocks until it completes ("result.get()") is
/// used, not dropped.
std::vector<DroppedResult> findDroppedResults(
    const clang::Stmt *Body,
    llvm::function_ref<bool(const clang::CallExpr *)> WaitsForItsTask =
        nullptr);

} // namespace firecrash

#endif // FIRECRASH_ANALYSIS_TASKS_H
