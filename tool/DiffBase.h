//===--- DiffBase.h - What a working tree changes against a revision -*- C++ -*-===//
//
// Part of firecrash. For --diff-base: asks git which files the working tree
// changes against a revision, and what they held there, so the units that
// read them can be analysed as they were.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_TOOL_DIFFBASE_H
#define FIRECRASH_TOOL_DIFFBASE_H

#include "Runner.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include <string>

namespace firecrash {

/// The working tree against a revision.
struct TreeChange {
  /// The work tree's top directory (absolute).
  std::string Top;
  /// The commit the revision names.
  std::string Commit;
  /// Every file the change touches (absolute, under the real top and under
  /// the symbolic link the tool was run through, if any): modified, added
  /// (untracked ones too), removed, and both names of a renamed one.
  llvm::StringSet<> Changed;
  /// How many files that is (a file counts once whatever it is named by).
  size_t Count = 0;
  /// The base tree where it differs from the working tree. A renamed file
  /// has its old content under both names, so its unit is analysed as it
  /// was and its findings compare by file too.
  FileOverrides Base;
};

/// Asks git (on PATH) how the work tree that holds \p Directory differs
/// from \p Revision. Fails with a sentence for a missing git, a directory
/// outside a work tree, or a revision that names no commit.
llvm::Expected<TreeChange> readTreeChange(llvm::StringRef Revision,
                                          llvm::StringRef Directory);

/// True if \p Unit (a main file and the files it read, absolute) can have
/// findings at the base that differ from the working tree's: it read a
/// changed file, or a changed .clang-tidy file configures it.
bool affectedBy(const TreeChange &Change, llvm::StringRef MainFile,
                llvm::ArrayRef<std::string> Dependencies);

} // namespace firecrash

#endif // FIRECRASH_TOOL_DIFFBASE_H
