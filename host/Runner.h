//===--- Runner.h - Run the firecrash checks in process --------*- C++ -*-===//
//
// Part of firecrash. The in-process front door: hosts a ClangTidyContext and
// runs the same check objects clang-tidy-19 --load runs, so options, NOLINT,
// notes and fixes behave the same.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_TOOL_RUNNER_H
#define FIRECRASH_TOOL_RUNNER_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Driver/Types.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace firecrash {

/// Contents that stand in for files on disk: the tree as it was at another
/// revision, for the files that differ.
struct FileOverrides {
  /// Files by absolute path, with their content.
  llvm::StringMap<std::string> Contents;
  /// Files (absolute) that do not exist in that tree.
  llvm::StringSet<> Absent;

  /// Returns a file system that reads the physical one with these in
  /// place; it has its own working directory.
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> fileSystem() const;
  /// Returns true where that tree differs from the disk at \p File
  /// (absolute), with its content in \p Content, or nullopt where the
  /// file is absent; false where the disk's file stands.
  bool overrides(llvm::StringRef File,
                 std::optional<llvm::StringRef> &Content) const;
  /// Returns true if \p File (absolute) exists in that tree.
  bool exists(llvm::StringRef File) const;
};

/// How to run the checks.
struct RunOptions {
  /// A glob list of checks; empty to take it from the configuration.
  std::string Checks;
  /// A YAML configuration like clang-tidy's --config; when empty,
  /// .clang-tidy files next to the sources are honoured.
  std::string Config;
  /// Like clang-tidy's --header-filter; empty to keep the configuration's.
  std::optional<std::string> HeaderFilter;
  /// Like clang-tidy's --warnings-as-errors: overrides the configuration's.
  std::optional<std::string> WarningsAsErrors;
  /// Consider fix-its attached to notes (clang-tidy's --fix-notes).
  bool FixNotes = true;
  /// Measure the time each check takes.
  bool EnableProfile = false;
  /// Read sources (and .clang-tidy files) with these in place of the files
  /// on disk; null to read the disk.
  const FileOverrides *Overrides = nullptr;
};

/// Returns the checks the firecrash module provides, in name order.
std::vector<std::string> listChecks();

/// Adds the builtin-header directory of the Clang this was built with to
/// every compile command, so no clang install is needed next to the tool.
std::unique_ptr<clang::tooling::CompilationDatabase>
withBuiltinHeaders(std::unique_ptr<clang::tooling::CompilationDatabase> DB);

/// Removes flags only g++ understands from every compile command (real
/// compile databases are often written for g++), and keeps clang from
/// printing anything but the diagnostics the checks collect.
std::unique_ptr<clang::tooling::CompilationDatabase>
withGccOnlyFlagsRemoved(std::unique_ptr<clang::tooling::CompilationDatabase> DB);

/// Returns true if \p Arg is a g++-only flag clang rejects or warns about.
bool isGccOnlyFlag(llvm::StringRef Arg);

/// The language the compile command of \p File compiles it as: its "-x"
/// argument, else its extension, as the driver decides.
clang::driver::types::ID languageOf(const clang::tooling::CompilationDatabase &DB,
                                    llvm::StringRef File);

/// True for C and C++ (sources, headers, preprocessed), not assembly,
/// Objective-C, CUDA or HIP: what the checks can analyse.
bool isCOrCxx(clang::driver::types::ID Type);

/// Builds the options provider clang-tidy would build for \p Options.
llvm::Expected<std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>>
makeClangTidyOptionsProvider(const RunOptions &Options);

/// Builds the options provider of firecrash's own front doors: clang-tidy's
/// for \p Options, except that every firecrash check is on unless a
/// configuration turns it off by name, and a configuration's other checks
/// are not run (only the command line's check list names those).
llvm::Expected<std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>>
makeOptionsProvider(const RunOptions &Options);

/// True if \p Provider enables at least one firecrash check for \p File.
bool firecrashCheckEnabled(clang::tidy::ClangTidyOptionsProvider &Provider,
                           llvm::StringRef File);

/// Runs the checks over \p Files (as named in \p DB) and returns every
/// diagnostic that survives NOLINT and the header filter.
llvm::Expected<std::vector<clang::tidy::ClangTidyError>>
runChecks(const clang::tooling::CompilationDatabase &DB,
          const std::vector<std::string> &Files, const RunOptions &Options);

/// A position in a file, 1-based as clang prints it.
struct Position {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
};

/// Source files, each read once and shared safely by threads: lines and
/// columns of offsets, and lines by number.
class SourceFiles {
public:
  /// Reads \p Overrides in place of the files on disk, when given.
  explicit SourceFiles(const FileOverrides *Overrides = nullptr)
      : Overrides(Overrides) {}
  /// Returns the 1-based line and column of \p Offset in \p File (line 1
  /// when the file cannot be read).
  std::pair<unsigned, unsigned> position(llvm::StringRef File, unsigned Offset);
  /// Returns the number of lines of \p File; 0 when it cannot be read.
  unsigned lineCount(llvm::StringRef File);
  /// Returns line \p Line (1-based) of \p File without its line end; empty
  /// when out of range.
  llvm::StringRef line(llvm::StringRef File, unsigned Line);
  /// Returns the files asked for that could not be read, sorted.
  std::vector<std::string> unreadable();

private:
  struct Text {
    std::once_flag Read;
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    /// The offset of each line's first byte; empty when unreadable.
    std::vector<unsigned> LineStarts;
  };
  Text &text(llvm::StringRef File);

  const FileOverrides *Overrides;
  std::mutex Lock;
  llvm::StringMap<std::unique_ptr<Text>> Files;
};

/// Turns file offsets into lines and columns, reading each file once.
class PositionMapper {
public:
  /// Returns the position of \p Offset in \p File (relative paths are taken
  /// against \p BuildDirectory).
  Position map(llvm::StringRef File, unsigned Offset,
               llvm::StringRef BuildDirectory = "");

private:
  SourceFiles Sources;
};

/// Calls \p Work with every index below \p Count, each once, on \p Jobs
/// threads (0: one per core), the calling thread among them.
void forEachInParallel(unsigned Jobs, size_t Count,
                       llvm::function_ref<void(size_t)> Work);

/// Renders each diagnostic and its notes as clang prints them:
/// "file:line:col: warning: message [check]" and "file:line:col: note: ...".
std::vector<std::string>
renderDiagnostics(const std::vector<clang::tidy::ClangTidyError> &Errors,
                  PositionMapper &Mapper);

/// Returns the replacements clang-tidy --fix-notes would apply, per file.
std::map<std::string, clang::tooling::Replacements>
collectFixes(const std::vector<clang::tidy::ClangTidyError> &Errors,
             bool FixNotes);

} // namespace firecrash

#endif // FIRECRASH_TOOL_RUNNER_H
