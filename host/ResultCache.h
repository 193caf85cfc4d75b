//===--- ResultCache.h - Reuse the results of unchanged units --*- C++ -*-===//
//
// Part of firecrash. A directory of translation-unit results (--cache-dir),
// in the manner of ccache's direct mode: an entry is found by a key over
// everything known before parsing (the compile command, the effective
// configuration, the firecrash build), and it is used only if every file the
// unit read last time (the main file and each header) still has the content
// hash recorded with it; a key keeps a few results for different contents
// (another branch, a pull request's base), as ccache's manifests do. Entries
// are written atomically and carry a checksum, so a corrupt or half-written
// entry is recomputed, never trusted, and many threads or processes can
// share one directory.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_TOOL_RESULTCACHE_H
#define FIRECRASH_TOOL_RESULTCACHE_H

#include "Report.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringMap.h"
#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace firecrash {

class ResultCache {
public:
  /// Results kept per key, for as many contents of the files the unit read
  /// (revisions, branches); the least recently written go first.
  static constexpr size_t MaxVariants = 8;

  /// Uses \p Directory (created if missing); \p ToolIdentity names the
  /// firecrash build, so another build never reads this one's entries.
  static llvm::Expected<std::unique_ptr<ResultCache>>
  open(llvm::StringRef Directory, llvm::StringRef ToolIdentity);

  /// The key of a unit compiled by \p Command under the effective
  /// configuration \p Configuration (as YAML).
  std::string key(const clang::tooling::CompileCommand &Command,
                  llvm::StringRef Configuration) const;

  /// Returns the newest result stored under \p Key for which every file the
  /// unit read is unchanged; nullopt on a miss, stale or corrupt entries.
  std::optional<UnitResult> lookup(llvm::StringRef Key);

  /// Returns the unit an entry's \p Text holds if every file it read is
  /// unchanged; nullopt on a stale or corrupt entry (\p Path names it).
  std::optional<UnitResult> readEntry(llvm::StringRef Text,
                                      llvm::StringRef Path);

  /// Stores \p Unit under \p Key with the content hashes of \p Files (the
  /// files it read, absolute). Failures to write are ignored: the cache
  /// only ever saves work.
  void store(llvm::StringRef Key, const UnitResult &Unit,
             const std::vector<std::string> &Files);

  /// An entry's text: the header with the checksum of \p Payload ("<files
  /// as JSON>\n<summary document>"), then the payload.
  static std::string sealEntry(llvm::StringRef Payload);

  /// Returns the content hash of \p File, reading it once per run.
  std::string contentHash(llvm::StringRef File);

  /// Hashes \p Overrides in place of the files on disk (the tree at another
  /// revision), so entries are found and stored for that tree; set before
  /// the first lookup.
  void setOverrides(const FileOverrides *Overrides) {
    this->Overrides = Overrides;
  }

  std::atomic<unsigned> Hits{0};
  std::atomic<unsigned> Misses{0};
  /// Entries that could not be trusted (bad checksum, unreadable); counted
  /// among the misses too.
  std::atomic<unsigned> Corrupt{0};

private:
  ResultCache(std::string Directory, std::string ToolIdentity)
      : Directory(std::move(Directory)), ToolIdentity(std::move(ToolIdentity)) {}
  /// The directory of \p Key's variants.
  std::string entryDirectory(llvm::StringRef Key) const;
  /// Returns the unit of an entry if every file it read is unchanged; sets
  /// \p Damaged when the entry cannot be trusted.
  std::optional<UnitResult> validate(llvm::StringRef Text, llvm::StringRef Path,
                                     bool &Damaged);

  std::string Directory;
  std::string ToolIdentity;
  const FileOverrides *Overrides = nullptr;
  std::mutex HashesLock;
  llvm::StringMap<std::string> Hashes;
};

/// Returns a hex digest of \p Data (BLAKE3, 128 bits).
std::string digest(llvm::StringRef Data);

} // namespace firecrash

#endif // FIRECRASH_TOOL_RESULTCACHE_H
