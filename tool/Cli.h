//===--- Cli.h - What the firecrash command's modes share -----*- C++ -*-===//
//
// Part of firecrash. The command line is described once (Options.cpp);
// main() (FirecrashMain.cpp) parses it, refuses what the chosen mode cannot
// take, and hands over to one function per mode: report (ReportMode.cpp,
// diff-base included), summarize (SummarizeMode.cpp) and merge
// (MergeMode.cpp). Choosing and analysing translation units (the database,
// sharding, the cache, worker processes) is in Analyse.cpp, used by the
// modes that analyse.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_TOOL_CLI_H
#define FIRECRASH_TOOL_CLI_H

#include "Report.h"
#include "ResultCache.h"
#include "Runner.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace firecrash::cli {

/// The documented exit codes.
enum ExitCode {
  ExitClean = 0,
  ExitFindings = 1,
  ExitUsage = 2,
  ExitFailed = 3
};

/// What the command line asks for: the first word.
enum class Mode { Report, Summarize, Merge };

/// The report's format (--format).
enum class Format { Text, Json, Sarif, Html };

// The options (Options.cpp).
extern llvm::cl::OptionCategory Category;
extern llvm::cl::opt<std::string> BuildPath;
extern llvm::cl::list<std::string> Sources;
extern llvm::cl::opt<std::string> Checks;
extern llvm::cl::opt<std::string> Config;
extern llvm::cl::opt<std::string> ConfigFile;
extern llvm::cl::opt<std::string> HeaderFilter;
extern llvm::cl::opt<unsigned> Jobs;
extern llvm::cl::opt<std::string> FormatName;
extern llvm::cl::opt<std::string> OutputFile;
extern llvm::cl::opt<std::string> BaselineFile;
extern llvm::cl::opt<std::string> WriteBaselineFile;
extern llvm::cl::opt<std::string> ExportFixes;
extern llvm::cl::opt<bool> ApplyFixes;
extern llvm::cl::opt<bool> ListChecks;
extern llvm::cl::opt<bool> DumpConfig;
extern llvm::cl::opt<std::string> DocsUrl;
extern llvm::cl::opt<std::string> SarifCategory;
extern llvm::cl::opt<std::string> WarningsAsErrors;
extern llvm::cl::opt<bool> FixErrors;
extern llvm::cl::opt<bool> Quiet;
extern llvm::cl::opt<bool> Verbose;
extern llvm::cl::opt<bool> NoCrossTU;
extern llvm::cl::opt<std::string> CacheDir;
extern llvm::cl::opt<std::string> DiffBase;
extern llvm::cl::opt<bool> RequireSuppressionReason;
extern llvm::cl::opt<bool> ReportUnusedSuppressions;
extern llvm::cl::opt<bool> FindingsFromFailedUnits;
extern llvm::cl::opt<bool> ListSuppressed;
extern llvm::cl::opt<std::string> Shard;
extern llvm::cl::opt<unsigned> Timeout;
extern llvm::cl::opt<unsigned> MaxMemory;
extern llvm::cl::opt<bool> InProcess;
extern llvm::cl::opt<std::string> RootDir;

/// Prints "firecrash: error: <Message>" and returns \p Code.
int fail(int Code, const llvm::Twine &Message);

/// Says that a signal ended the run and returns its exit code.
int interrupted(int Signal);

/// The first option given that \p M cannot take, refused with its reason;
/// nullopt when the command line fits the mode. \p FixedFlags: compiler
/// flags were given after "--".
std::optional<int> refuseForMode(Mode M, bool FixedFlags);

/// Checks early that \p Path can be written, so a long run does not end in
/// a failure to save its result.
std::optional<std::string> checkWritable(const std::string &Path);

/// The documentation's absolute URI, ending in '/'.
std::string defaultDocsUrl(const char *Argv0);

/// Identifies this firecrash build for cache keys.
std::string toolIdentity(const char *Argv0);

/// What main() hands every mode.
struct Invocation {
  Mode RunMode = Mode::Report;
  const char *Argv0 = nullptr;
  /// The flags after "--", when given (no compile database then).
  std::unique_ptr<clang::tooling::FixedCompilationDatabase> FixedFlags;
  RunOptions Options;
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Provider;
  /// Paths are shown, and stored in summaries, relative to it.
  std::string Root;
  Format OutputFormat = Format::Text;
};

/// The translation units a run analyses.
struct Selection {
  std::unique_ptr<clang::tooling::CompilationDatabase> DB;
  std::vector<std::string> Files;
  /// Database entries left out as not C or C++.
  size_t Skipped = 0;
};

/// The database (or the flags after "--") and the files of this run: those
/// named, else all, this shard's share, C and C++ only.
llvm::Expected<Selection> selectUnits(Invocation &Run);

/// The result cache of --cache-dir (null without it).
llvm::Expected<std::unique_ptr<ResultCache>> openCache(const char *Argv0);

/// " (cache: N reused, M analysed)" for the summary line; empty without a
/// cache.
std::string cacheLine(const ResultCache *Cache, const ResultCache *BaseCache);

/// Analyses \p Files: what the cache holds is reused, the rest runs in
/// worker processes (in this process under --in-process). Each unit records
/// the files it read when \p WantsFiles; \p Parsed counts the units that
/// were not reused. Returns nullopt if the run was interrupted.
std::optional<std::vector<UnitResult>>
analyseAll(const clang::tooling::CompilationDatabase &DB,
           const std::vector<std::string> &Files, const RunOptions &Options,
           const std::string &Root, ResultCache *Cache, bool WantsFiles,
           size_t &Parsed);

/// The reporting options of the command line.
ReportOptions reportOptions();

/// Checks before any work that the files the run will write (-o,
/// --write-baseline, --export-fixes) can be written, and reads --baseline.
llvm::Expected<std::set<std::string>> prepareOutputs();

/// What publish() reports besides the units.
struct Publication {
  /// The files this run analysed (empty for a merge: whether each had a
  /// check enabled was decided where it was summarized).
  std::vector<std::string> Analysed;
  size_t Skipped = 0;
  std::set<std::string> Baseline;
  /// Under --diff-base: the report as it was at the base.
  std::optional<Report> AtBase;
  DiffSummary Diff;
  std::string CacheLine;
};

/// Writes the report of \p Units (in its format, the baseline, the fixes,
/// the summary line) and returns the exit code.
int publish(Invocation &Run, std::vector<UnitResult> &Units,
            Publication &What);

/// The modes.
int runReport(Invocation &Run);
int runSummarize(Invocation &Run);
int runMerge(Invocation &Run);

} // namespace firecrash::cli

#endif // FIRECRASH_TOOL_CLI_H
