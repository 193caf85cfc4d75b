//===--- SummaryFile.h - Translation-unit results on disk ------*- C++ -*-===//
//
// Part of firecrash. What a translation unit produced (its diagnostics with
// notes and fixes, their structured records, its cross-TU summaries and its
// failures) as one JSON document, so analysis can run where the compile
// runs (the compiler plugin, a CI shard, a cache, a build engine's action)
// and `firecrash merge` can build the whole project's report later.
//
// The text is deterministic: the same results give the same bytes, paths
// under the root are stored relative to it, and units are in path order.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_TOOL_SUMMARYFILE_H
#define FIRECRASH_TOOL_SUMMARYFILE_H

#include "Report.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace firecrash {

/// The format number written in every summary file; readers refuse others.
constexpr unsigned SummaryFormat = 2;

/// Returns \p Path as summaries and cache entries store it: unchanged when
/// it is UTF-8 without '%', else with '%' and every non-ASCII byte written
/// as %XX, so that a file name in another encoding survives JSON.
std::string encodePath(llvm::StringRef Path);
/// The inverse of encodePath.
std::string decodePath(llvm::StringRef Stored);
/// Returns the absolute path a summary stores as \p Stored: decoded, and
/// taken against \p Root when relative.
std::string loadPath(llvm::StringRef Stored, llvm::StringRef Root);

/// Renders \p Units as a summary document. Paths inside \p Root (absolute)
/// are written relative to it; relative paths in the units are taken
/// against each unit's build directory first.
std::string summaryText(std::vector<const UnitResult *> Units,
                        llvm::StringRef Root);

/// Reads a summary document written by summaryText; relative paths are
/// resolved against \p Root. \p Name names the document in errors.
/// (SummaryReader.cpp: the tool reads summaries, the plugin only writes.)
llvm::Expected<std::vector<UnitResult>>
readSummaryText(llvm::StringRef Text, llvm::StringRef Root,
                llvm::StringRef Name);

} // namespace firecrash

#endif // FIRECRASH_TOOL_SUMMARYFILE_H
