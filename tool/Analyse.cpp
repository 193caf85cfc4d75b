//===--- Analyse.cpp - Choosing and analysing translation units -----------===//
//
// Part of firecrash. The units of a run (the compile database or the flags
// after "--", the files named or matched, a shard's share, C and C++ only)
// and their analysis: reused from the cache, else in worker processes.
//
//===----------------------------------------------------------------------===//

#include "Cli.h"
#include "FindingSink.h"
#include "Interrupt.h"
#include "SummaryFile.h"
#include "Workers.h"
#include "clang/Driver/Types.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <mutex>
#include <thread>
#include <unistd.h>

using namespace llvm;
namespace tooling = clang::tooling;

namespace firecrash::cli {

namespace {

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

} // namespace

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

Expected<Selection> selectUnits(Invocation &Run) {
  Selection Chosen;
  if (Run.FixedFlags) {
    // Every named file, compiled with the same flags.
    Chosen.DB =
        withBuiltinHeaders(withGccOnlyFlagsRemoved(std::move(Run.FixedFlags)));
    for (const std::string &Source : Sources) {
      std::string Path = absolutePath(Source, "");
      if (!sys::fs::is_regular_file(Path))
        return createStringError(std::errc::no_such_file_or_directory,
                                 "no source file '%s'", Source.c_str());
      Chosen.Files.push_back(Path);
    }
    llvm::sort(Chosen.Files);
    Chosen.Files.erase(std::unique(Chosen.Files.begin(), Chosen.Files.end()),
                       Chosen.Files.end());
  } else {
    auto Loaded = loadDatabase();
    if (!Loaded)
      return Loaded.takeError();
    Chosen.DB = std::move(*Loaded);
    auto Selected = selectFiles(*Chosen.DB);
    if (!Selected)
      return Selected.takeError();
    Chosen.Files = std::move(*Selected);
  }
  if (Chosen.Files.empty())
    return createStringError(std::errc::invalid_argument,
                             "the compilation database lists no files");
  if (!Shard.empty()) {
    auto Part = parseShard(Shard);
    if (!Part)
      return Part.takeError();
    // Round robin over the sorted files: balanced to one file, and the
    // same for every process that reads the same database.
    std::vector<std::string> Mine;
    for (size_t I = 0; I < Chosen.Files.size(); ++I)
      if (I % Part->second == Part->first - 1)
        Mine.push_back(Chosen.Files[I]);
    Chosen.Files = std::move(Mine);
  }
  // After sharding, so each shard counts its own share. A selection of
  // only such files is not an error: a pre-commit hook that passes the
  // changed files must not fail when only an assembly file changed.
  Chosen.Files =
      keepCAndCxx(*Chosen.DB, std::move(Chosen.Files), Chosen.Skipped);
  return Chosen;
}

Expected<std::unique_ptr<ResultCache>> openCache(const char *Argv0) {
  if (CacheDir.empty())
    return nullptr;
  return ResultCache::open(CacheDir, toolIdentity(Argv0));
}

std::string cacheLine(const ResultCache *Cache, const ResultCache *BaseCache) {
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
         (Corrupt ? ", " + std::to_string(Corrupt) + " damaged entries replaced"
                  : std::string()) +
         ")";
}

} // namespace firecrash::cli
