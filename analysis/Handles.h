//===--- Handles.h - Handles that own the work they start -----*- C++ -*-===//
//
// Part of firecrash. Some starts return a handle that owns the work:
// destroying the handle waits for it (a std::jthread joins in its destructor,
// the future of std::async blocks until the work is done). Such work lives
// exactly as long as its handle, so what decides is where the handle goes: a
// local of the frame is a join at the end of its scope; a handle stored in a
// member, a global or a container that outlives the frame, returned, or moved
// into a call lets the work outlive what it borrows.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_ANALYSIS_HANDLES_H
#define FIRECRASH_ANALYSIS_HANDLES_H

#include "TypeNames.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <string>
#include <vector>

namespace firecrash {

class JoinOracle;

/// Work started with a handle that owns it, and where the handle goes.
struct OwnedWork {
  /// The construction or call that starts the work and makes the handle
  /// ("std::jthread t([&] {...})", "std::async(...)", or the
  /// "emplace_back(...)" that builds one in a container).
  const clang::Expr *Start = nullptr;
  /// The handle as notes name it: "'std::jthread'", "the future of
  /// 'std::async'".
  std::string Handle;
  /// What the work is built from: the handle's constructor or call
  /// arguments.
  llvm::SmallVector<const clang::Expr *, 4> Work;
  /// Where the handle leaves the frame, and how ("is returned from",
  /// "is stored in 'g_threads' by"); invalid when it stays in the frame.
  clang::SourceLocation EscapeLoc;
  std::string Escape;
  /// The frame's local that keeps the handle when it stays in the frame
  /// (the last one, after moves, or the local container it was put in); the
  /// work lives until it is destroyed. Null for a temporary.
  const clang::VarDecl *Holder = nullptr;
};

/// Finds the starts whose handles own their work, and follows each handle
/// through locals, moves, containers, assignments and returns.
class OwningHandles {
public:
  /// \p Listed: classes whose destructor waits for the work they were
  /// constructed with, and functions whose returned handle does, where the
  /// destructor's body cannot show it (the OwningHandles option).
  OwningHandles(clang::ASTContext &Ctx, JoinOracle &Joins, NameList Listed)
      : Ctx(Ctx), Joins(Joins), Listed(std::move(Listed)) {}

  /// The owned starts in \p Frame's body (not in its lambdas), in source
  /// order.
  std::vector<OwnedWork> in(const clang::FunctionDecl *Frame);

  /// The name of \p Class for notes if destroying one of its objects waits
  /// for the work it was constructed with: its destructor waits (read from
  /// the body), or it is listed.
  std::optional<std::string> owningClass(const clang::CXXRecordDecl *Class);

private:
  /// True if the function \p Param belongs to keeps the handle moved into
  /// it beyond its return: it stores, returns or moves it on; a function
  /// that is only declared may.
  bool keeps(const clang::ParmVarDecl *Param);

  clang::ASTContext &Ctx;
  JoinOracle &Joins;
  NameList Listed;
  llvm::DenseMap<const clang::CXXRecordDecl *, std::optional<std::string>>
      Classes;
};

} // namespace firecrash

#endif // FIRECRASH_ANALYSIS_HANDLES_H
