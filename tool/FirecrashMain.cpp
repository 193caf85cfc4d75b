//===--- FirecrashMain.cpp - the firecrash command-line tool --------------===//
//
// Runs the firecrash checks in process over a compile database, in parallel,
// merges per-file summaries to find chains that cross files, and reports as
// text, JSON, SARIF or HTML. `firecrash summarize` writes the results of
// translation units as a summary document instead, and `firecrash merge`
// reports from summary documents (of shards, of the compiler plugin, of a
// build engine's actions). Exit codes: 0 no findings, 1 findings, 2 usage or
// configuration error, 3 some translation unit could not be analysed.
//
//===----------------------------------------------------------------------===//

#include "CheckRegistry.h"
#include "DiffBase.h"
#include "FindingSink.h"
#include "Report.h"
#include "ResultCache.h"
#include "Runner.h"
#include "SummaryFile.h"
#include "Workers.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/GlobList.h"
#include "clang/Driver/Types.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/BuryPointer.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include <atomic>
#include <mutex>
#include <thread>
#include <unistd.h>

using namespace llvm;
namespace tooling = clang::tooling;
using clang::tidy::GlobList;
using namespace firecrash;

namespace {

enum ExitCode {
  ExitClean = 0,
  ExitFindings = 1,
  ExitUsage = 2,
  ExitFailed = 3
};

cl::OptionCategory Category("firecrash options");

cl::opt<std::string>
    BuildPath("p", cl::desc("Build directory holding compile_commands.json"),
              cl::value_desc("build dir"), cl::cat(Category));
cl::list<std::string> Sources(
    cl::Positional,
    cl::desc("[<file or glob> ...] (default: every file in the database)"),
    cl::cat(Category));
cl::opt<std::string>
    Checks("checks",
           cl::desc("Glob list of checks, like clang-tidy's (default: the "
                    "configuration's, else firecrash-*)"),
           cl::cat(Category));
cl::opt<std::string>
    Config("config",
           cl::desc("Configuration in YAML, like clang-tidy's --config; "
                    "replaces .clang-tidy files"),
           cl::cat(Category));
cl::opt<std::string>
    ConfigFile("config-file",
               cl::desc("Read the --config configuration from this file"),
               cl::value_desc("path"), cl::cat(Category));
cl::opt<std::string> HeaderFilter(
    "header-filter",
    cl::desc("Regular expression of headers whose findings are reported"),
    cl::cat(Category));
cl::opt<unsigned> Jobs("j",
                       cl::desc("Translation units analysed in parallel "
                                "(default: all cores)"),
                       cl::init(0), cl::cat(Category));
enum class Format { Text, Json, Sarif, Html };
cl::opt<std::string> FormatName(
    "format",
    cl::desc("Report format: text (clang style), json "
             "(docs/report-format.md), sarif (SARIF 2.1.0) or html (one "
             "self-contained page)"),
    cl::value_desc("text|json|sarif|html"), cl::init("text"),
    cl::cat(Category));
cl::opt<std::string> OutputFile("o",
                                cl::desc("Write the report to this file, "
                                         "atomically (default: stdout)"),
                                cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string>
    BaselineFile("baseline",
                 cl::desc("Do not report findings listed in this baseline"),
                 cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string>
    WriteBaselineFile("write-baseline",
                      cl::desc("Write the findings' fingerprints here"),
                      cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> ExportFixes(
    "export-fixes",
    cl::desc("Write fixes as clang-apply-replacements YAML to this file"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> ApplyFixes("fix",
                         cl::desc("Apply the fixes of reported findings"),
                         cl::cat(Category));
cl::opt<bool> ListChecks("list-checks", cl::desc("List the checks and exit"),
                         cl::cat(Category));
cl::opt<bool> DumpConfig("dump-config",
                         cl::desc("Print the effective configuration and exit"),
                         cl::cat(Category));
cl::opt<std::string> DocsUrl(
    "docs-url",
    cl::desc("Absolute URI of the documentation, for SARIF rules' helpUri "
             "(default: the installed docs, else the source tree's, as file "
             "URIs)"),
    cl::value_desc("uri"), cl::cat(Category));
cl::opt<std::string> SarifCategory(
    "sarif-category",
    cl::desc("SARIF automationDetails.id: which analysis this run is "
             "(default: firecrash/)"),
    cl::init("firecrash/"), cl::cat(Category));
cl::opt<std::string> WarningsAsErrors(
    "warnings-as-errors",
    cl::desc("Glob list of checks whose findings are errors, like "
             "clang-tidy's; when given, only those set exit code 1"),
    cl::cat(Category));
cl::opt<bool> FixErrors(
    "fix-errors",
    cl::desc("Apply fixes even if some translation unit had compiler errors "
             "(--fix refuses then), like clang-tidy's"),
    cl::cat(Category));
cl::opt<bool> Quiet("quiet",
                    cl::desc("Print only findings: no progress, no summary"),
                    cl::cat(Category));
cl::opt<bool> Verbose("verbose",
                      cl::desc("Say on stderr which database entries are "
                               "skipped, and why"),
                      cl::cat(Category));
cl::opt<bool> NoCrossTU("no-cross-tu",
                        cl::desc("Do not merge summaries across files"),
                        cl::cat(Category));
cl::opt<std::string> CacheDir(
    "cache-dir",
    cl::desc("Reuse the results of translation units whose compile command, "
             "configuration and every file they read are unchanged, kept in "
             "this directory (safe to share between processes)"),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<std::string> DiffBase(
    "diff-base",
    cl::desc("Report only the findings the working tree introduces against "
             "this git revision, across files; only the units that read a "
             "changed file are analysed again (at both revisions)"),
    cl::value_desc("rev"), cl::cat(Category));
cl::opt<bool> RequireSuppressionReason(
    "require-suppression-reason",
    cl::desc("Report a NOLINT that suppresses a firecrash finding without a "
             "reason after a colon (firecrash-suppression-reason)"),
    cl::cat(Category));
cl::opt<bool> ReportUnusedSuppressions(
    "report-unused-suppressions",
    cl::desc("Report a NOLINT naming a firecrash check that suppressed "
             "nothing in this run (firecrash-unused-suppression)"),
    cl::cat(Category));
cl::opt<bool> FindingsFromFailedUnits(
    "findings-from-failed-units",
    cl::desc("Report the findings of units that failed to compile too, each "
             "marked (by default they are withheld: after a fatal error "
             "clang leaves templates uninstantiated, so evidence is missing)"),
    cl::cat(Category));
cl::opt<bool> ListSuppressed(
    "list-suppressed",
    cl::desc("List the findings NOLINT suppressed, with their reasons, in "
             "the text and JSON reports (SARIF always carries them)"),
    cl::cat(Category));
cl::opt<std::string> Shard(
    "shard",
    cl::desc("Analyse only shard i of n (1 <= i <= n): a deterministic, "
             "balanced part of the database's files; `firecrash merge` of "
             "all n shards' summaries gives the unsharded report"),
    cl::value_desc("i/n"), cl::cat(Category));
cl::opt<unsigned> Timeout(
    "timeout",
    cl::desc("A translation unit that takes longer fails (exit 3) and the "
             "run goes on (default: no limit)"),
    cl::value_desc("seconds"), cl::init(0), cl::cat(Category));
cl::opt<unsigned> MaxMemory(
    "max-memory",
    cl::desc("A worker whose resident memory grows beyond this fails its "
             "translation unit (exit 3) and the run goes on (default: no "
             "limit)"),
    cl::value_desc("MiB"), cl::init(0), cl::cat(Category));
cl::opt<bool> InProcess(
    "in-process",
    cl::desc("Analyse in this process, not in worker processes: for "
             "debuggers and profilers; a crash then ends the run, and "
             "--timeout and --max-memory cannot apply"),
    cl::cat(Category));
cl::opt<std::string> RootDir(
    "root",
    cl::desc("Show paths, and store them in summaries, relative to this "
             "directory (default: the current directory)"),
    cl::value_desc("dir"), cl::cat(Category));

/// What the command line asks for.
enum class Mode { Report, Summarize, Merge };

/// The documentation's absolute URI, ending in '/': the installed docs next
/// to the binary (<prefix>/share/doc/firecrash), else the source tree's.
std::string defaultDocsUrl(const char *Argv0) {
  std::string Exe = sys::fs::getMainExecutable(Argv0, (void *)&defaultDocsUrl);
  SmallString<256> Installed(
      sys::path::parent_path(sys::path::parent_path(Exe)));
  sys::path::append(Installed, "share", "doc", "firecrash");
  std::string Dir = sys::fs::is_directory(Installed + "/checks")
                        ? Installed.str().str()
                        : std::string(FIRECRASH_SOURCE_DIR) + "/docs";
  return "file://" + uriEncode(Dir) + "/";
}

int fail(int Code, const Twine &Message) {
  errs() << "firecrash: error: " << Message << "\n";
  return Code;
}

/// Checks early that \p Path can be written, so a long run does not end in
/// a failure to save its result.
std::optional<std::string> checkWritable(const std::string &Path) {
  SmallString<256> Dir(Path);
  sys::path::remove_filename(Dir);
  if (Dir.empty())
    Dir = ".";
  if (sys::fs::is_directory(Path))
    return "'" + Path + "' is a directory";
  if (isDeviceOrPipe(Path))
    return std::nullopt;
  SmallString<256> Probe;
  int FD = -1;
  if (std::error_code EC = sys::fs::createUniqueFile(
          Dir + "/.firecrash-probe-%%%%%%", FD, Probe))
    return "cannot write '" + Path + "': " + EC.message();
  ::close(FD);
  sys::fs::remove(Probe);
  return std::nullopt;
}

/// The cache key of \p File's unit: its compile command and its effective
/// configuration.
std::string cacheKey(ResultCache &Cache, const tooling::CompileCommand &Command,
                     const std::string &File, const RunOptions &Options) {
  auto Provider = makeOptionsProvider(Options);
  if (!Provider) {
    consumeError(Provider.takeError());
    return "";
  }
  clang::tidy::ClangTidyOptions Effective = (*Provider)->getOptions(File);
  return Cache.key(Command, clang::tidy::configurationAsText(Effective));
}

/// The unit of \p File: its file and build directory, and its compile
/// command in \p Command; without one, the unit's failure says so.
UnitResult unitFor(const tooling::CompilationDatabase &DB,
                   const std::string &File,
                   std::optional<tooling::CompileCommand> &Command) {
  UnitResult Unit;
  Unit.File = File;
  std::vector<tooling::CompileCommand> Commands = DB.getCompileCommands(File);
  if (Commands.empty()) {
    Unit.Failures.push_back("no compile command for this file");
    return Unit;
  }
  Command = std::move(Commands.front());
  Unit.BuildDirectory = Command->Directory;
  return Unit;
}

/// Checks what can be known of \p File's unit without parsing it: its
/// compile command, that it exists, its cache key and a cached result.
/// Fills \p Unit (its file and build directory at least) and returns true
/// when that decides it (a failure, a cache hit).
bool prepare(const tooling::CompilationDatabase &DB, const std::string &File,
             const RunOptions &Options, ResultCache *Cache, std::string &Key,
             UnitResult &Unit) {
  std::optional<tooling::CompileCommand> Command;
  Unit = unitFor(DB, File, Command);
  if (!Command)
    return true;
  if (Options.Overrides ? !Options.Overrides->exists(File)
                        : !sys::fs::exists(File)) {
    Unit.Failures.push_back("the file does not exist");
    return true;
  }
  if (!Cache)
    return false;
  Key = cacheKey(*Cache, *Command, File, Options);
  if (!Key.empty())
    if (std::optional<UnitResult> Cached = Cache->lookup(Key)) {
      Cached->BuildDirectory = Unit.BuildDirectory;
      Unit = std::move(*Cached);
      return true;
    }
  return false;
}

/// Runs the checks over \p File's unit, and stores a complete result in
/// \p Cache under \p Key (when both are given). The unit records the files
/// it read when it is cached or \p WantsFiles.
UnitResult compute(const tooling::CompilationDatabase &DB,
                   const std::string &File, const RunOptions &Options,
                   ResultCache *Cache, const std::string &Key,
                   bool WantsFiles) {
  std::optional<tooling::CompileCommand> Command;
  UnitResult Unit = unitFor(DB, File, Command);
  if (!Command)
    return Unit;
  UnitSink Sink(/*WantsFiles=*/(Cache && !Key.empty()) || WantsFiles);
  threadFindingSink() = &Sink;
  auto Errors = runChecks(DB, {File}, Options);
  threadFindingSink() = nullptr;
  if (!Errors) {
    Unit.Failures.push_back(toString(Errors.takeError()));
    return Unit;
  }
  PositionMapper Mapper;
  for (const clang::tidy::ClangTidyError &Error : *Errors) {
    if (Error.DiagLevel != clang::tidy::ClangTidyError::Error ||
        !StringRef(Error.DiagnosticName).starts_with("clang-diagnostic-"))
      continue;
    std::string Where;
    if (!Error.Message.FilePath.empty()) {
      Position Pos = Mapper.map(Error.Message.FilePath,
                                Error.Message.FileOffset, Error.BuildDirectory);
      Where = Pos.File + ":" + std::to_string(Pos.Line) + ":" +
              std::to_string(Pos.Column) + ": ";
    }
    Unit.Failures.push_back(Where + Error.Message.Message);
  }
  // A missing generated file (a .moc, a .pb.h): say what to build first.
  for (size_t I = 0, N = Unit.Failures.size(); I < N; ++I) {
    std::string Hint =
        generatedFileHint(Unit.Failures[I], Unit.BuildDirectory);
    if (!Hint.empty()) {
      Unit.Failures.push_back(std::move(Hint));
      break;
    }
  }
  Unit.Errors = std::move(*Errors);
  Unit.Records = std::move(Sink.Records);
  Unit.Summaries = std::move(Sink.Summaries);
  for (const std::string &Dependency : Sink.Dependencies)
    Unit.Dependencies.push_back(absolutePath(Dependency, Unit.BuildDirectory));
  llvm::sort(Unit.Dependencies);
  Unit.Dependencies.erase(
      std::unique(Unit.Dependencies.begin(), Unit.Dependencies.end()),
      Unit.Dependencies.end());
  // Only a complete analysis is worth keeping: one that failed is redone.
  if (Cache && !Key.empty() && Unit.Failures.empty() &&
      !Unit.Dependencies.empty())
    Cache->store(Key, Unit, Unit.Dependencies);
  if (!WantsFiles)
    Unit.Dependencies.clear();
  return Unit;
}

/// Leaves out the entries that are not C or C++ (assembly, resources,
/// CUDA, ...): saying so under --verbose, and counting them.
std::vector<std::string> keepCAndCxx(const tooling::CompilationDatabase &DB,
                                     std::vector<std::string> Files,
                                     size_t &Skipped) {
  std::vector<std::string> Kept;
  for (std::string &File : Files) {
    clang::driver::types::ID Type = languageOf(DB, File);
    if (isCOrCxx(Type)) {
      Kept.push_back(std::move(File));
      continue;
    }
    ++Skipped;
    if (Verbose)
      errs() << "firecrash: skipped " << File << ": not C or C++ ("
             << (Type == clang::driver::types::TY_INVALID
                     ? "unknown language"
                     : clang::driver::types::getTypeName(Type))
             << ")\n";
  }
  return Kept;
}

/// Selects the files to analyse: every file in the database, or those named
/// or matched by globs.
Expected<std::vector<std::string>>
selectFiles(const tooling::CompilationDatabase &DB) {
  std::vector<std::string> All = DB.getAllFiles();
  for (std::string &File : All)
    File = absolutePath(File, "");
  llvm::sort(All);
  All.erase(std::unique(All.begin(), All.end()), All.end());
  if (Sources.empty())
    return All;
  std::vector<std::string> Selected;
  SmallString<256> Cwd;
  sys::fs::current_path(Cwd);
  for (const std::string &Source : Sources) {
    bool IsGlob = StringRef(Source).find_first_of("*?[") != StringRef::npos;
    if (!IsGlob) {
      std::string Path = absolutePath(Source, "");
      if (!llvm::is_contained(All, Path))
        return createStringError(std::errc::invalid_argument,
                                 "'%s' is not in the compilation database",
                                 Source.c_str());
      Selected.push_back(Path);
      continue;
    }
    auto Pattern = GlobPattern::create(Source);
    if (!Pattern)
      return Pattern.takeError();
    bool Any = false;
    for (const std::string &File : All) {
      StringRef Relative = File;
      bool Inside = Relative.consume_front(Cwd) && Relative.consume_front("/");
      if (Pattern->match(File) || (Inside && Pattern->match(Relative))) {
        Selected.push_back(File);
        Any = true;
      }
    }
    if (!Any)
      return createStringError(std::errc::invalid_argument,
                               "'%s' matches no file in the compilation "
                               "database",
                               Source.c_str());
  }
  llvm::sort(Selected);
  Selected.erase(std::unique(Selected.begin(), Selected.end()), Selected.end());
  return Selected;
}

Expected<std::unique_ptr<tooling::CompilationDatabase>> loadDatabase() {
  if (BuildPath.empty())
    return createStringError(std::errc::invalid_argument,
                             "no compile database: pass -p <build directory>, or "
                             "compiler flags after '--' (firecrash file.cpp -- "
                             "-std=c++20)");
  SmallString<256> Path(BuildPath);
  if (sys::fs::is_directory(Path))
    sys::path::append(Path, "compile_commands.json");
  if (!sys::fs::exists(Path))
    return createStringError(std::errc::no_such_file_or_directory,
                             "no compile_commands.json at '%s'", Path.c_str());
  std::string Error;
  auto DB = tooling::JSONCompilationDatabase::loadFromFile(
      Path, Error, tooling::JSONCommandLineSyntax::AutoDetect);
  if (!DB)
    return createStringError(std::errc::invalid_argument,
                             "cannot read '%s': %s", Path.c_str(),
                             StringRef(Error).trim().str().c_str());
  return withBuiltinHeaders(withGccOnlyFlagsRemoved(std::move(DB)));
}

/// Analyses \p Files: what the cache holds is reused, the rest runs in
/// worker processes (in this process under --in-process). Each unit records
/// the files it read when \p WantsFiles; \p Parsed counts the units that
/// were not reused. Returns nullopt if the run was interrupted.
std::optional<std::vector<UnitResult>>
analyseAll(const tooling::CompilationDatabase &DB,
           const std::vector<std::string> &Files, const RunOptions &Options,
           const std::string &Root, ResultCache *Cache, bool WantsFiles,
           size_t &Parsed) {
  size_t Count = Files.size();
  std::vector<UnitResult> Results(Count);
  std::vector<std::string> Keys(Count);
  std::vector<char> Decided(Count, 0);
  forEachInParallel(Jobs, Count, [&](size_t I) {
    if (interruptSignal())
      return;
    Decided[I] = prepare(DB, Files[I], Options, Cache, Keys[I], Results[I]);
  });
  if (interruptSignal())
    return std::nullopt;

  // Start the biggest files first (size is a fair proxy for parse time), so
  // no worker is left with a large file at the end; results keep the
  // database order.
  std::vector<size_t> Order;
  std::vector<uint64_t> Sizes(Count, 0);
  for (size_t I = 0; I < Count; ++I)
    if (!Decided[I]) {
      Order.push_back(I);
      sys::fs::file_size(Files[I], Sizes[I]);
    }
  // std::sort with the index as tie-breaker is stable, and avoids
  // libstdc++'s deprecated temporary buffer.
  std::sort(Order.begin(), Order.end(), [&](size_t A, size_t B) {
    return Sizes[A] != Sizes[B] ? Sizes[A] > Sizes[B] : A < B;
  });
  size_t Done = Count - Order.size();
  Parsed = Order.size();
  std::mutex ProgressLock;
  bool Progress = !Quiet && ::isatty(2);
  auto Finished = [&](size_t I) {
    std::lock_guard<std::mutex> Guard(ProgressLock);
    ++Done;
    if (!Progress)
      return;
    StringRef Shown = Files[I];
    if (Shown.consume_front(Root))
      Shown.consume_front("/");
    errs() << "\r\033[K[" << Done << "/" << Count << "] " << Shown;
  };

  bool Complete = true;
  if (InProcess) {
    forEachInParallel(Jobs, Order.size(), [&](size_t N) {
      if (interruptSignal())
        return;
      size_t I = Order[N];
      Results[I] = compute(DB, Files[I], Options, Cache, Keys[I], WantsFiles);
      Finished(I);
    });
    Complete = !interruptSignal();
  } else {
    PoolOptions Pool;
    Pool.Jobs = Jobs ? Jobs : std::max(1u, std::thread::hardware_concurrency());
    Pool.TimeoutSeconds = Timeout;
    Pool.MaxMemoryMiB = MaxMemory;
    // Results[I] holds the unit's file and build directory from prepare().
    auto Failed = [&](size_t I, UnitFailure Failure) {
      UnitResult &Unit = Results[I];
      Unit.Failures.push_back(Failure.Message);
      Unit.FailureKind = Failure.Kind == UnitFailure::Timeout  ? "timeout"
                         : Failure.Kind == UnitFailure::Memory ? "memory"
                                                               : "crash";
      if (Verbose && !StringRef(Failure.Stderr).trim().empty())
        errs() << "firecrash: the worker's output for " << Files[I] << ":\n"
               << Failure.Stderr;
      Finished(I);
    };
    auto Answer = [&](size_t I, std::string Text) {
      auto Read = readSummaryText(Text, "", Files[I]);
      if (!Read || Read->size() != 1) {
        std::string Problem =
            Read ? "no unit" : toString(Read.takeError());
        Failed(I, {UnitFailure::Crash,
                   "the worker's answer cannot be read: " + Problem, ""});
        return;
      }
      std::string BuildDirectory = std::move(Results[I].BuildDirectory);
      Results[I] = std::move(Read->front());
      Results[I].BuildDirectory = std::move(BuildDirectory);
      Finished(I);
    };
    // A worker is a fork of this process: it is sent a unit's index and
    // answers with the unit's summary document.
    auto Serve = [&](size_t I) {
      UnitResult Unit =
          compute(DB, Files[I], Options, Cache, Keys[I], WantsFiles);
      return summaryText({&Unit}, "");
    };
    Complete = runInWorkers(Pool, Order, Serve, Answer, Failed);
  }
  if (Progress && Count)
    errs() << "\r\033[K";
  if (!Complete)
    return std::nullopt;
  return Results;
}

int applyFixes(const Report &R) {
  std::vector<clang::tidy::ClangTidyError> Errors;
  for (const ReportFinding &F : R.Findings)
    if (F.Source)
      Errors.push_back(*F.Source);
  int Status = ExitClean;
  for (const auto &[File, Replacements] : collectFixes(Errors, true)) {
    auto Buffer = MemoryBuffer::getFile(File);
    if (!Buffer) {
      Status = fail(ExitFailed, "cannot read '" + File + "' to fix it");
      continue;
    }
    auto Fixed = clang::tooling::applyAllReplacements((*Buffer)->getBuffer(),
                                                      Replacements);
    if (!Fixed) {
      Status = fail(ExitFailed, "cannot fix '" + File +
                                    "': " + toString(Fixed.takeError()));
      continue;
    }
    if (Error E = writeAtomically(File, *Fixed))
      Status = fail(ExitFailed, toString(std::move(E)));
  }
  return Status;
}

std::string exportedFixes(const Report &R) {
  std::vector<clang::tidy::ClangTidyError> Errors;
  for (const ReportFinding &F : R.Findings) {
    if (!F.Source)
      continue;
    clang::tidy::ClangTidyError Error = *F.Source;
    // clang-apply-replacements applies a diagnostic's own fix: lift the fix
    // firecrash attaches to its last note, as --fix-notes would.
    if (Error.Message.Fix.empty())
      for (const auto &Note : Error.Notes)
        if (!Note.Fix.empty()) {
          Error.Message.Fix = Note.Fix;
          break;
        }
    Errors.push_back(std::move(Error));
  }
  std::string Text;
  raw_string_ostream OS(Text);
  clang::tidy::exportReplacements("", Errors, OS);
  return Text;
}

/// Parses "i/n" (1 <= i <= n).
Expected<std::pair<unsigned, unsigned>> parseShard(StringRef Text) {
  auto [Index, Count] = Text.split('/');
  unsigned I = 0, N = 0;
  if (Index.getAsInteger(10, I) || Count.getAsInteger(10, N) || N == 0 ||
      I == 0 || I > N)
    return createStringError(std::errc::invalid_argument,
                             "--shard expects i/n with 1 <= i <= n, not '%s'",
                             Text.str().c_str());
  return std::make_pair(I, N);
}

/// The summary documents named by \p Inputs: files, and in directories
/// every *.firecrash.json below them, in path order.
Expected<std::vector<std::string>>
summaryInputs(const std::vector<std::string> &Inputs) {
  std::vector<std::string> Files;
  for (const std::string &Input : Inputs) {
    if (!sys::fs::is_directory(Input)) {
      if (!sys::fs::exists(Input))
        return createStringError(std::errc::no_such_file_or_directory,
                                 "no summary file '%s'", Input.c_str());
      Files.push_back(Input);
      continue;
    }
    std::vector<std::string> Found;
    std::error_code EC;
    for (sys::fs::recursive_directory_iterator It(Input, EC), End;
         It != End && !EC; It.increment(EC))
      if (StringRef(It->path()).ends_with(".firecrash.json") &&
          sys::fs::is_regular_file(It->path()))
        Found.push_back(It->path());
    if (EC)
      return createStringError(EC, "cannot list '%s': %s", Input.c_str(),
                               EC.message().c_str());
    llvm::sort(Found);
    Files.insert(Files.end(), Found.begin(), Found.end());
  }
  return Files;
}

/// Reads summary documents in parallel; a file summarized twice counts once
/// (the first document given wins).
Expected<std::vector<UnitResult>>
readSummaries(const std::vector<std::string> &Files, const std::string &Root) {
  std::vector<Expected<std::vector<UnitResult>>> Read;
  for (size_t I = 0; I < Files.size(); ++I)
    Read.emplace_back(std::vector<UnitResult>());
  forEachInParallel(Jobs, Files.size(), [&](size_t I) {
    auto Buffer = MemoryBuffer::getFile(Files[I]);
    if (!Buffer) {
      Read[I] = createStringError(
          Buffer.getError(), "cannot read summary '%s': %s", Files[I].c_str(),
          Buffer.getError().message().c_str());
      return;
    }
    Read[I] = readSummaryText((*Buffer)->getBuffer(), Root, Files[I]);
  });
  std::vector<UnitResult> Units;
  std::set<std::string> Seen;
  for (auto &Result : Read) {
    if (!Result)
      return Result.takeError();
    for (UnitResult &Unit : *Result)
      if (Seen.insert(Unit.File).second)
        Units.push_back(std::move(Unit));
  }
  return Units;
}

/// Identifies this firecrash build for cache keys: its version, LLVM's and
/// the executable's content.
std::string toolIdentity(const char *Argv0) {
  std::string Exe = sys::fs::getMainExecutable(Argv0, (void *)&toolIdentity);
  auto Binary = MemoryBuffer::getFile(Exe, /*IsText=*/false,
                                      /*RequiresNullTerminator=*/false);
  return std::string("firecrash ") + FIRECRASH_VERSION + " LLVM " +
         LLVM_VERSION_STRING + " " +
         (Binary ? digest((*Binary)->getBuffer()) : Exe);
}

} // namespace

/// Rewrites "-jN" into "-j=N": LLVM's parser would read "-j1" as a group of
/// one-letter flags, while peers (make, ninja, clang-tidy's runner) take it.
std::vector<const char *> normalizeJobs(int argc, const char **argv,
                                        std::vector<std::string> &Storage) {
  Storage.reserve(argc);
  std::vector<const char *> Args;
  for (int I = 0; I < argc; ++I) {
    StringRef Arg = argv[I];
    if (I > 0 && Arg.size() > 2 && Arg.starts_with("-j") &&
        llvm::all_of(Arg.drop_front(2), llvm::isDigit)) {
      Storage.push_back("-j=" + Arg.drop_front(2).str());
      Args.push_back(Storage.back().c_str());
      continue;
    }
    Args.push_back(argv[I]);
  }
  return Args;
}

int main(int argc, const char **argv) {
  std::vector<std::string> Storage;
  std::vector<const char *> Args = normalizeJobs(argc, argv, Storage);
  argc = static_cast<int>(Args.size());
  argv = Args.data();
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "firecrash " << FIRECRASH_VERSION << " (LLVM " << LLVM_VERSION_STRING
       << ")\n";
  });
  // The mode is the first word: `firecrash summarize ...`, `firecrash merge
  // ...`; anything else reports.
  Mode RunMode = Mode::Report;
  if (argc > 1 &&
      (StringRef(argv[1]) == "summarize" || StringRef(argv[1]) == "merge")) {
    RunMode = StringRef(argv[1]) == "merge" ? Mode::Merge : Mode::Summarize;
    Args.erase(Args.begin() + 1);
    argc = static_cast<int>(Args.size());
    argv = Args.data();
  }
  // clang-tidy's habit: `firecrash file.cpp -- -std=c++20` compiles the
  // named files with the flags after "--", with no compile database.
  std::unique_ptr<tooling::FixedCompilationDatabase> FixedFlags;
  {
    SmallString<256> Here;
    sys::fs::current_path(Here);
    std::string Problem;
    FixedFlags = tooling::FixedCompilationDatabase::loadFromCommandLine(
        argc, argv, Problem, Here);
    if (!FixedFlags && !Problem.empty())
      return fail(ExitUsage, "the flags after '--': " + Problem);
  }
  std::string ParseErrors;
  raw_string_ostream ParseStream(ParseErrors);
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "firecrash: finds fire-and-crash coroutines started from request "
          "handlers.\n\n"
          "  firecrash [options] [files]            analyse and report\n"
          "  firecrash [options] files -- <flags>   the same without a compile "
          "database\n"
          "  firecrash summarize [options] [files]  analyse and write a "
          "summary "
          "document (-o)\n"
          "  firecrash merge [options] <summary files or directories>\n"
          "                                         report from summary "
          "documents\n\n"
          "Exit codes: 0 no findings, 1 findings, 2 usage or configuration "
          "error, 3 some translation unit could not be analysed.\n",
          &ParseStream)) {
    // LLVM writes "<argv0>: Unknown command line argument '--x'.  Try: ...";
    // keep the sentence that names the problem.
    StringRef First = StringRef(ParseErrors).trim().split('\n').first;
    First = First.split(".  Try:").first;
    if (size_t Colon = First.find(": "); Colon != StringRef::npos)
      First = First.drop_front(Colon + 2);
    std::string Sentence = First.str();
    if (!Sentence.empty())
      Sentence[0] = static_cast<char>(std::tolower(Sentence[0]));
    return fail(ExitUsage, Sentence + " (see firecrash --help)");
  }

  installInterruptHandlers();
  auto Interrupted = [](int Signal) {
    errs() << "firecrash: interrupted by " << signalName(Signal)
           << "; no report written\n";
    return interruptedExitCode(Signal);
  };

  // Options that mean nothing in a mode are refused, not ignored.
  auto Given = [](const cl::Option &O) { return O.getNumOccurrences() > 0; };
  if (InProcess)
    for (const cl::Option *O :
         std::initializer_list<const cl::Option *>{&Timeout, &MaxMemory})
      if (Given(*O))
        return fail(ExitUsage, "-" + O->ArgStr +
                                   " needs worker processes: it cannot "
                                   "apply with --in-process");
  if (RunMode == Mode::Merge) {
    for (const cl::Option *O : std::initializer_list<const cl::Option *>{
             &BuildPath, &Checks, &Config, &ConfigFile, &HeaderFilter,
             &CacheDir, &Shard, &DumpConfig, &Timeout, &MaxMemory,
             &InProcess, &DiffBase})
      if (Given(*O))
        return fail(ExitUsage, "'merge' reads summaries and runs no check: "
                               "-" +
                                   O->ArgStr +
                                   " belongs to the run that "
                                   "wrote them");
    if (Sources.empty())
      return fail(ExitUsage, "'merge' needs summary files or directories");
    if (FixedFlags)
      return fail(ExitUsage, "'merge' reads summaries and runs no check: "
                             "compiler flags after '--' belong to the run "
                             "that wrote them");
  }
  if (Given(DiffBase) && Given(Shard))
    return fail(ExitUsage, "--diff-base compares whole reports, and a shard "
                           "holds part of one: run it unsharded");
  if (Given(DiffBase) && Given(WriteBaselineFile))
    return fail(ExitUsage, "--write-baseline records every finding, and "
                           "--diff-base reports only new ones: write the "
                           "baseline in a run without it");
  if (Given(DiffBase) && DiffBase.empty())
    return fail(ExitUsage, "--diff-base needs a revision");
  if (FixedFlags && Given(BuildPath))
    return fail(ExitUsage, "-p and compiler flags after '--' exclude each "
                           "other: name a compile database or the flags");
  if (FixedFlags && Sources.empty())
    return fail(ExitUsage, "nothing to analyse: name the files before '--' "
                           "(firecrash file.cpp -- -std=c++20)");
  if (RunMode == Mode::Summarize)
    for (const cl::Option *O : std::initializer_list<const cl::Option *>{
             &FormatName, &BaselineFile, &WriteBaselineFile, &ExportFixes,
             &ApplyFixes, &FixErrors, &DocsUrl, &SarifCategory, &NoCrossTU,
             &DiffBase, &RequireSuppressionReason, &ReportUnusedSuppressions,
             &ListSuppressed})
      if (Given(*O))
        return fail(ExitUsage, "'summarize' writes a summary document: -" +
                                   O->ArgStr +
                                   " belongs to the run or merge that "
                                   "reports");

  Format OutputFormat;
  if (FormatName == "text")
    OutputFormat = Format::Text;
  else if (FormatName == "json")
    OutputFormat = Format::Json;
  else if (FormatName == "sarif")
    OutputFormat = Format::Sarif;
  else if (FormatName == "html")
    OutputFormat = Format::Html;
  else
    return fail(ExitUsage, "unknown format '" + FormatName +
                               "' (expected text, json, sarif or html)");

  if (ListChecks) {
    GlobList Enabled(Checks.empty() ? "firecrash-*" : StringRef(Checks));
    for (const CheckInfo &Check : allChecks())
      if (Enabled.contains(Check.Name))
        outs() << Check.Name << "  " << Check.Summary << "\n";
    return ExitClean;
  }

  if (ApplyFixes && FixErrors)
    return fail(ExitUsage, "--fix and --fix-errors exclude each other");
  if (!DocsUrl.empty() && !StringRef(DocsUrl).contains("://"))
    return fail(ExitUsage, "--docs-url must be an absolute URI such as "
                           "'https://example.com/firecrash/docs/', not '" +
                               DocsUrl + "'");

  RunOptions Options;
  Options.Checks = Checks;
  if (WarningsAsErrors.getNumOccurrences())
    Options.WarningsAsErrors = WarningsAsErrors.getValue();
  if (!HeaderFilter.empty())
    Options.HeaderFilter = HeaderFilter.getValue();
  if (!ConfigFile.empty()) {
    if (!Config.empty())
      return fail(ExitUsage, "--config and --config-file exclude each other");
    auto Text = MemoryBuffer::getFile(ConfigFile);
    if (!Text)
      return fail(ExitUsage, "cannot read config file '" + ConfigFile +
                                 "': " + Text.getError().message());
    Options.Config = (*Text)->getBuffer().str();
    if (StringRef(Options.Config).trim().empty())
      Options.Config = "{}";
  } else {
    Options.Config = Config;
  }
  auto Provider = makeOptionsProvider(Options);
  if (!Provider)
    return fail(ExitUsage, toString(Provider.takeError()));

  if (DumpConfig) {
    SmallString<256> Where;
    sys::fs::current_path(Where);
    sys::path::append(Where, "dummy.cpp");
    clang::tidy::ClangTidyOptions Effective = (*Provider)->getOptions(
        Sources.empty() ? Where.str() : absolutePath(Sources.front(), ""));
    Effective.CheckOptions = clang::tidy::getCheckOptions(Effective, false);
    outs() << clang::tidy::configurationAsText(Effective);
    return ExitClean;
  }

  SmallString<256> Cwd;
  sys::fs::current_path(Cwd);
  std::string Root = Cwd.str().str();
  if (!RootDir.empty()) {
    if (!sys::fs::is_directory(RootDir))
      return fail(ExitUsage, "--root '" + RootDir + "' is not a directory");
    Root = absolutePath(RootDir, "");
  }

  std::unique_ptr<tooling::CompilationDatabase> DB;
  std::vector<std::string> Files;
  size_t FilesSkipped = 0;
  if (RunMode == Mode::Merge) {
    auto Inputs = summaryInputs(Sources);
    if (!Inputs)
      return fail(ExitUsage, toString(Inputs.takeError()));
    if (Inputs->empty())
      return fail(ExitUsage, "no summary files (*.firecrash.json) found");
    Files = std::move(*Inputs);
  } else {
    Expected<std::vector<std::string>> Selected = std::vector<std::string>();
    if (FixedFlags) {
      // Every named file, compiled with the same flags.
      DB = withBuiltinHeaders(withGccOnlyFlagsRemoved(std::move(FixedFlags)));
      for (const std::string &Source : Sources) {
        std::string Path = absolutePath(Source, "");
        if (!sys::fs::is_regular_file(Path))
          return fail(ExitUsage, "no source file '" + Source + "'");
        Selected->push_back(Path);
      }
      llvm::sort(*Selected);
      Selected->erase(std::unique(Selected->begin(), Selected->end()),
                      Selected->end());
    } else {
      auto Loaded = loadDatabase();
      if (!Loaded)
        return fail(ExitUsage, toString(Loaded.takeError()));
      DB = std::move(*Loaded);
      Selected = selectFiles(*DB);
    }
    if (!Selected)
      return fail(ExitUsage, toString(Selected.takeError()));
    if (Selected->empty())
      return fail(ExitUsage, "the compilation database lists no files");
    Files = std::move(*Selected);
    if (!Shard.empty()) {
      auto Part = parseShard(Shard);
      if (!Part)
        return fail(ExitUsage, toString(Part.takeError()));
      // Round robin over the sorted files: balanced to one file, and the
      // same for every process that reads the same database.
      std::vector<std::string> Mine;
      for (size_t I = 0; I < Files.size(); ++I)
        if (I % Part->second == Part->first - 1)
          Mine.push_back(Files[I]);
      Files = std::move(Mine);
    }
    // After sharding, so each shard counts its own share. A selection of
    // only such files is not an error: a pre-commit hook that passes the
    // changed files must not fail when only an assembly file changed.
    Files = keepCAndCxx(*DB, std::move(Files), FilesSkipped);
  }
  for (const std::string *Path :
       {&OutputFile.getValue(), &WriteBaselineFile.getValue(),
        &ExportFixes.getValue()})
    if (!Path->empty())
      if (std::optional<std::string> Problem = checkWritable(*Path))
        return fail(ExitUsage, *Problem);
  std::set<std::string> Baseline;
  if (!BaselineFile.empty()) {
    auto Read = readBaseline(BaselineFile);
    if (!Read)
      return fail(ExitUsage, toString(Read.takeError()));
    Baseline = std::move(*Read);
  }

  std::unique_ptr<ResultCache> Cache;
  if (!CacheDir.empty()) {
    auto Opened = ResultCache::open(CacheDir, toolIdentity(argv[0]));
    if (!Opened)
      return fail(ExitUsage, toString(Opened.takeError()));
    Cache = std::move(*Opened);
  }
  // What the working tree changes against the base, before any work: a bad
  // revision is a usage error.
  std::optional<TreeChange> Change;
  if (!DiffBase.empty()) {
    auto Read = readTreeChange(DiffBase, Root);
    if (!Read)
      return fail(ExitUsage, toString(Read.takeError()));
    Change = std::move(*Read);
  }
  // The results and the report live until the process exits, and are not
  // freed then: for tens of thousands of files that would cost more than
  // writing the report (BuryPointer tells leak checkers it is on purpose).
  size_t Parsed = 0;
  auto *UnitsStorage = new std::vector<UnitResult>;
  llvm::BuryPointer(UnitsStorage);
  std::vector<UnitResult> &Units = *UnitsStorage;
  if (RunMode == Mode::Merge) {
    auto Read = readSummaries(Files, Root);
    if (!Read)
      return fail(ExitUsage, toString(Read.takeError()));
    Units = std::move(*Read);
    // Severities were decided where the summaries were written; a merge
    // may decide them again.
    if (WarningsAsErrors.getNumOccurrences()) {
      GlobList AsErrors(WarningsAsErrors);
      for (UnitResult &Unit : Units)
        for (clang::tidy::ClangTidyError &E : Unit.Errors)
          E.IsWarningAsError =
              E.DiagLevel == clang::tidy::ClangTidyError::Warning &&
              AsErrors.contains(E.DiagnosticName);
    }
  } else {
    auto Analysed = analyseAll(
        *DB, Files, Options, Root, Cache.get(),
        /*WantsFiles=*/Change.has_value() || ReportUnusedSuppressions, Parsed);
    if (!Analysed)
      return Interrupted(interruptSignal());
    Units = std::move(*Analysed);
  }
  // Under --diff-base, the report as it was at the base: the units that
  // read a changed file analysed again with the base's contents, the others
  // as they are (they read the same files), merged the same way.
  ReportOptions Reporting;
  Reporting.CrossTU = !NoCrossTU;
  Reporting.Jobs = Jobs;
  Reporting.RequireSuppressionReason = RequireSuppressionReason;
  Reporting.ReportUnusedSuppressions = ReportUnusedSuppressions;
  // --fix-errors asks for the fixes of units with errors, so their
  // findings too.
  Reporting.FindingsFromFailedUnits = FindingsFromFailedUnits || FixErrors;
  std::optional<Report> AtBase;
  DiffSummary Diff;
  std::unique_ptr<ResultCache> BaseCache;
  if (Change) {
    Diff.Base = DiffBase;
    Diff.Commit = Change->Commit;
    Diff.ChangedFiles = Change->Count;
    Diff.AnalysedHere = Parsed;
    RunOptions BaseOptions = Options;
    BaseOptions.Overrides = &Change->Base;
    if (Cache) {
      auto Opened = ResultCache::open(CacheDir, toolIdentity(argv[0]));
      if (!Opened)
        return fail(ExitUsage, toString(Opened.takeError()));
      BaseCache = std::move(*Opened);
      BaseCache->setOverrides(&Change->Base);
    }
    std::vector<char> Affected(Units.size(), 0);
    std::vector<std::string> BaseFiles;
    for (size_t I = 0; I < Units.size(); ++I) {
      const UnitResult &Unit = Units[I];
      // A unit that recorded no files (it failed) may read anything.
      Affected[I] = Unit.Dependencies.empty() ||
                    affectedBy(*Change, Unit.File, Unit.Dependencies);
      Diff.UnitsAffected += Affected[I];
      if (Affected[I] && Change->Base.exists(Unit.File))
        BaseFiles.push_back(Unit.File);
    }
    auto Analysed = analyseAll(*DB, BaseFiles, BaseOptions, Root,
                               BaseCache.get(), /*WantsFiles=*/false,
                               Diff.AnalysedAtBase);
    if (!Analysed)
      return Interrupted(interruptSignal());
    std::vector<UnitResult> BaseUnits;
    BaseUnits.reserve(Units.size());
    size_t Next = 0;
    for (size_t I = 0; I < Units.size(); ++I) {
      if (!Affected[I])
        BaseUnits.push_back(Units[I]);
      else if (Next < BaseFiles.size() && BaseFiles[Next] == Units[I].File)
        BaseUnits.push_back(std::move((*Analysed)[Next++]));
    }
    ReportOptions AsAtBase = Reporting;
    AsAtBase.Overrides = &Change->Base;
    AtBase = buildReport(BaseUnits, Root, AsAtBase);
  }
  auto CacheLine = [&Cache, &BaseCache]() -> std::string {
    if (!Cache)
      return "";
    unsigned Hits = Cache->Hits, Misses = Cache->Misses,
             Corrupt = Cache->Corrupt;
    if (BaseCache) {
      Hits += BaseCache->Hits;
      Misses += BaseCache->Misses;
      Corrupt += BaseCache->Corrupt;
    }
    return " (cache: " + std::to_string(Hits) + " reused, " +
           std::to_string(Misses) + " analysed" +
           (Corrupt ? ", " + std::to_string(Corrupt) +
                          " damaged entries replaced"
                    : std::string()) +
           ")";
  };

  if (int Signal = interruptSignal())
    return Interrupted(Signal);
  if (RunMode == Mode::Summarize) {
    std::vector<const UnitResult *> Pointers;
    for (UnitResult &Unit : Units) {
      Unit.Dependencies.clear(); // The cache's business, not the document's.
      Pointers.push_back(&Unit);
    }
    std::string Text = summaryText(Pointers, Root);
    if (OutputFile.empty()) {
      outs() << Text;
      outs().flush();
    } else if (Error E = writeAtomically(OutputFile, Text)) {
      return fail(ExitUsage, toString(std::move(E)));
    }
    // Failures are in the document, for the merge to report; say them here
    // too, but only a failure to write fails a build step.
    size_t Failed = 0;
    for (const UnitResult &Unit : Units) {
      Failed += !Unit.Failures.empty();
      if (!Quiet)
        for (const std::string &Failure : Unit.Failures)
          errs() << "firecrash: error: " << Unit.File << ": " << Failure
                 << "\n";
    }
    if (!Quiet)
      errs() << "firecrash: summarized " << Units.size() << " file"
             << (Units.size() == 1 ? "" : "s")
             << (Failed ? ", " + std::to_string(Failed) + " not analysed"
                        : std::string())
             << CacheLine() << "\n";
    return ExitClean;
  }

  // Only enabled checks write summaries, so the merge honours --checks and
  // .clang-tidy files as the checks themselves do.
  auto *ReportStorage = new Report(buildReport(Units, Root, Reporting));
  llvm::BuryPointer(ReportStorage);
  Report &R = *ReportStorage;
  R.FilesSkipped = FilesSkipped;
  R.ListSuppressed = ListSuppressed;
  // A unit with every firecrash check off reports nothing because nothing
  // was looked for: say so rather than print a silent "0 findings".
  if (RunMode != Mode::Merge)
    for (const std::string &File : Files)
      if (!firecrashCheckEnabled(**Provider, File)) {
        StringRef Shown = File;
        if (Shown.consume_front(Root))
          Shown.consume_front("/");
        R.WithoutChecks.push_back(Shown.str());
      }

  // Summaries hold offsets: without the sources, every line, column and
  // fingerprint of the report would be wrong, so none is written.
  if (RunMode == Mode::Merge && !R.UnreadableSources.empty()) {
    std::string Shown;
    size_t Count = R.UnreadableSources.size();
    for (size_t I = 0; I < Count && I < 3; ++I) {
      StringRef File = R.UnreadableSources[I];
      if (File.consume_front(Root))
        File.consume_front("/");
      Shown += (I ? ", '" : "'") + File.str() + "'";
    }
    if (Count > 3)
      Shown += " and " + std::to_string(Count - 3) + " more";
    return fail(ExitUsage,
                "cannot read " + Shown +
                    ", which the summaries point into: the merge takes "
                    "lines, columns and fingerprints from the sources, so "
                    "run it where they are checked out (paths in summaries "
                    "are relative to --root)");
  }

  if (int Signal = interruptSignal())
    return Interrupted(Signal);
  if (!WriteBaselineFile.empty())
    if (Error E = writeAtomically(WriteBaselineFile, baselineText(R)))
      return fail(ExitUsage, toString(std::move(E)));
  if (AtBase) {
    Diff.Existing = keepIntroduced(R, *AtBase);
    R.Diff = Diff;
  }
  applyBaseline(R, Baseline);

  SarifOptions Sarif;
  Sarif.SourceRoot = Root;
  Sarif.DocsUrl =
      DocsUrl.empty() ? defaultDocsUrl(argv[0]) : DocsUrl.getValue();
  if (!StringRef(Sarif.DocsUrl).ends_with("/"))
    Sarif.DocsUrl += "/";
  Sarif.Category = SarifCategory;
  // Every report goes to its file as it is written.
  auto Render = [&](raw_ostream &OS) {
    switch (OutputFormat) {
    case Format::Text:
      writeReportText(
          R, OutputFile.empty() && sys::Process::StandardOutIsDisplayed(), Root,
          OS);
      break;
    case Format::Json:
      writeReportJson(R, OS);
      break;
    case Format::Html:
      writeReportHtml(R, Root, OS);
      break;
    case Format::Sarif:
      writeReportSarif(R, Sarif, OS);
      break;
    }
  };
  if (OutputFile.empty()) {
    Render(outs());
    outs().flush();
  } else if (Error E = writeAtomically(OutputFile, Render)) {
    return fail(ExitUsage, toString(std::move(E)));
  }
  if (!ExportFixes.empty())
    if (Error E = writeAtomically(ExportFixes, exportedFixes(R)))
      return fail(ExitUsage, toString(std::move(E)));

  for (const std::string &Problem : R.ConfigurationErrors)
    errs() << "firecrash: error: configuration: " << Problem << "\n";
  // On stderr whatever the format: a unit that was not analysed is news
  // for the person reading the log, not only for the report's reader.
  for (const ReportError &E : R.Errors)
    errs() << "firecrash: error: " << E.File << ": " << E.Message << "\n";
  if (!R.WithoutChecks.empty())
    errs() << "firecrash: warning: " << withoutChecksNotice(R) << "\n";

  // One summary line, as clang-tidy's "N warnings generated.", when
  // something was analysed or skipped at all.
  if (!Quiet && OutputFormat == Format::Text &&
      (R.FilesAnalyzed > R.FilesFailed || R.FilesSkipped ||
       R.WithheldFromFailedUnits))
    errs() << "firecrash: " << R.Findings.size() << " finding"
           << (R.Findings.size() == 1 ? "" : "s")
           << (R.otherChecksFindings()
                   ? " (" + std::to_string(R.otherChecksFindings()) +
                         " of other checks)"
                   : std::string())
           << (R.Diff ? " introduced since " + R.Diff->Base : "") << " in "
           << R.FilesAnalyzed
           << " file" << (R.FilesAnalyzed == 1 ? "" : "s")
           << (R.FilesSkipped ? ", " + std::to_string(R.FilesSkipped) +
                                    " skipped (not C or C++)"
                              : "")
           << (R.FilesFailed
                   ? ", " + std::to_string(R.FilesFailed) + " not analysed"
                   : std::string())
           << (R.Baselined ? ", " + std::to_string(R.Baselined) + " baselined"
                           : std::string())
           << (R.WithheldFromFailedUnits
                   ? ", " + std::to_string(R.WithheldFromFailedUnits) +
                         " withheld from units that did not compile "
                         "(--findings-from-failed-units shows them)"
                   : std::string())
           << (R.Suppressed.empty()
                   ? std::string()
                   : ", " + std::to_string(R.Suppressed.size()) +
                         " suppressed in source")
           << (R.Diff ? ", " + std::to_string(R.Diff->Existing) +
                            " present at the base; " +
                            std::to_string(R.Diff->UnitsAffected) +
                            " affected by " +
                            std::to_string(R.Diff->ChangedFiles) +
                            " changed file" +
                            (R.Diff->ChangedFiles == 1 ? "" : "s") +
                            ", analysed " +
                            std::to_string(R.Diff->AnalysedHere) +
                            " here and " +
                            std::to_string(R.Diff->AnalysedAtBase) +
                            " at the base"
                      : std::string())
           << CacheLine() << "\n";

  int Status = ExitClean;
  if (ApplyFixes && R.FilesFailed > 0)
    Status = fail(ExitFailed, "found compiler errors; fixes have not been "
                              "applied (--fix-errors applies them anyway)");
  else if (ApplyFixes || FixErrors)
    Status = applyFixes(R);
  if (!R.ConfigurationErrors.empty())
    return ExitUsage;
  if (R.FilesFailed > 0 || Status == ExitFailed)
    return ExitFailed;
  // With --warnings-as-errors only those findings fail the run.
  bool Failing = WarningsAsErrors.getNumOccurrences()
                     ? llvm::any_of(R.Findings,
                                    [](const ReportFinding &F) {
                                      return F.Severity == "error";
                                    })
                     : !R.Findings.empty();
  return Failing ? ExitFindings : ExitClean;
}
