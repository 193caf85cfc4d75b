//===--- Runner.cpp - Run the firecrash checks in process -----------------===//

#include "Runner.h"
#include "CheckRegistry.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/GlobList.h"
#include "clang/Driver/Types.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <algorithm>
#include <atomic>
#include <thread>

extern volatile int FirecrashModuleAnchorSource;
/// Keeps the module registration linked into every binary that uses this.
[[maybe_unused]] static int FirecrashModuleAnchorDestination =
    FirecrashModuleAnchorSource;

using namespace clang;
using namespace clang::tidy;

namespace firecrash {

std::vector<std::string> listChecks() {
  std::vector<std::string> Names;
  for (const CheckInfo &Check : allChecks())
    Names.push_back(Check.Name.str());
  return Names;
}

std::unique_ptr<tooling::CompilationDatabase>
withBuiltinHeaders(std::unique_ptr<tooling::CompilationDatabase> DB) {
  auto Adjuster = [](const tooling::CommandLineArguments &Args,
                     llvm::StringRef) {
    for (const std::string &Arg : Args)
      if (llvm::StringRef(Arg).starts_with("-resource-dir"))
        return Args;
    tooling::CommandLineArguments Result = Args;
    Result.push_back("-resource-dir=" FIRECRASH_RESOURCE_DIR);
    return Result;
  };
  auto Adjusted =
      std::make_unique<tooling::ArgumentsAdjustingCompilations>(std::move(DB));
  Adjusted->appendArgumentsAdjuster(Adjuster);
  return Adjusted;
}

bool isGccOnlyFlag(llvm::StringRef Arg) {
  static const char *const Exact[] = {
      "-fno-canonical-system-headers", "-fmodules-ts", "-fanalyzer",
      "-fcoroutines", "-fno-diagnostics-show-labels",
      "-fno-diagnostics-show-line-numbers"};
  static const char *const Prefixes[] = {
      "-fconcepts-diagnostics-depth=", "-fdiagnostics-urls=",
      "-fdiagnostics-path-format=", "-flto-partition=", "-fcallgraph-info"};
  for (const char *Flag : Exact)
    if (Arg == Flag)
      return true;
  for (const char *Prefix : Prefixes)
    if (Arg.starts_with(Prefix))
      return true;
  return false;
}

std::unique_ptr<tooling::CompilationDatabase>
withGccOnlyFlagsRemoved(std::unique_ptr<tooling::CompilationDatabase> DB) {
  auto Adjuster = [](const tooling::CommandLineArguments &Args,
                     llvm::StringRef) {
    tooling::CommandLineArguments Result;
    for (const std::string &Arg : Args)
      if (!isGccOnlyFlag(Arg))
        Result.push_back(Arg);
    // g++ warning flags clang does not know are noise here, and so is the
    // "N warnings generated." line.
    Result.push_back("-Wno-unknown-warning-option");
    Result.push_back("-fno-caret-diagnostics");
    return Result;
  };
  auto Adjusted =
      std::make_unique<tooling::ArgumentsAdjustingCompilations>(std::move(DB));
  Adjusted->appendArgumentsAdjuster(Adjuster);
  return Adjusted;
}

namespace {

/// Hides the files a tree does not have; the rest is the underlying file
/// system's.
class HidingFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  HidingFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
                   const llvm::StringSet<> &Absent)
      : ProxyFileSystem(std::move(FS)), Absent(Absent) {}

  llvm::ErrorOr<llvm::vfs::Status> status(const llvm::Twine &Path) override {
    if (hidden(Path))
      return std::make_error_code(std::errc::no_such_file_or_directory);
    return ProxyFileSystem::status(Path);
  }
  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override {
    if (hidden(Path))
      return std::make_error_code(std::errc::no_such_file_or_directory);
    return ProxyFileSystem::openFileForRead(Path);
  }

private:
  bool hidden(const llvm::Twine &Path) {
    if (Absent.empty())
      return false;
    llvm::SmallString<256> Absolute;
    Path.toVector(Absolute);
    if (makeAbsolute(Absolute))
      return false;
    llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
    return Absent.contains(Absolute);
  }

  const llvm::StringSet<> &Absent;
};

} // namespace

llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem>
FileOverrides::fileSystem() const {
  auto Overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::makeIntrusiveRefCnt<HidingFileSystem>(
          llvm::vfs::createPhysicalFileSystem(), Absent));
  auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  for (const auto &Entry : Contents)
    Memory->addFile(Entry.first(), /*ModificationTime=*/0,
                    llvm::MemoryBuffer::getMemBuffer(
                        Entry.second, Entry.first(),
                        /*RequiresNullTerminator=*/false));
  Overlay->pushOverlay(Memory);
  return Overlay;
}

bool FileOverrides::overrides(llvm::StringRef File,
                              std::optional<llvm::StringRef> &Content) const {
  if (auto It = Contents.find(File); It != Contents.end()) {
    Content = It->second;
    return true;
  }
  Content.reset();
  return Absent.contains(File);
}

bool FileOverrides::exists(llvm::StringRef File) const {
  std::optional<llvm::StringRef> Content;
  if (overrides(File, Content))
    return Content.has_value();
  return llvm::sys::fs::exists(File);
}

namespace {

/// True if glob \p Glob (without its leading '-') matches a firecrash check.
bool matchesFirecrashCheck(llvm::StringRef Glob) {
  GlobList Pattern(Glob);
  return llvm::any_of(allChecks(), [&](const CheckInfo &Check) {
    return Pattern.contains(Check.Name);
  });
}

/// The part of a configuration's check list firecrash reads: nothing when
/// the list names no firecrash check (it is about other checks), else its
/// globs that name firecrash checks and its negative globs that match one
/// ("-*"), so "-*,firecrash-detached-borrow" keeps one check.
std::string firecrashGlobs(llvm::StringRef Checks) {
  llvm::SmallVector<llvm::StringRef, 8> Globs;
  Checks.split(Globs, ',', -1, /*KeepEmpty=*/false);
  auto NamesFirecrash = [](llvm::StringRef Glob) {
    Glob = Glob.trim();
    Glob.consume_front("-");
    return Glob.trim().starts_with("firecrash-");
  };
  if (llvm::none_of(Globs, NamesFirecrash))
    return "";
  std::string Kept;
  for (llvm::StringRef Glob : Globs) {
    llvm::StringRef Trimmed = Glob.trim();
    bool Negative = Trimmed.starts_with("-");
    if (!NamesFirecrash(Trimmed) &&
        !(Negative && matchesFirecrashCheck(Trimmed.drop_front().trim())))
      continue;
    if (!Kept.empty())
      Kept += ",";
    Kept += Trimmed.str();
  }
  return Kept;
}

/// The options firecrash's own front doors (the CLI, the plugin) run with:
/// every firecrash check, whatever a configuration says about other checks.
/// A .clang-tidy file or --config still turns firecrash checks off and sets
/// their options; checks that are not firecrash's run only when the
/// command line's check list (--checks, the plugin's checks=) names them.
class FirecrashFirstProvider : public ClangTidyOptionsProvider {
public:
  explicit FirecrashFirstProvider(
      std::unique_ptr<ClangTidyOptionsProvider> Inner)
      : Inner(std::move(Inner)) {}

  const ClangTidyGlobalOptions &getGlobalOptions() override {
    return Inner->getGlobalOptions();
  }

  std::vector<OptionsSource> getRawOptions(llvm::StringRef FileName) override {
    std::vector<OptionsSource> Sources = Inner->getRawOptions(FileName);
    for (OptionsSource &Source : Sources) {
      if (Source.second == OptionsSourceTypeDefaultBinary ||
          Source.second == OptionsSourceTypeCheckCommandLineOption ||
          !Source.first.Checks)
        continue;
      std::string Kept = firecrashGlobs(*Source.first.Checks);
      if (Kept.empty())
        Source.first.Checks.reset();
      else
        Source.first.Checks = std::move(Kept);
    }
    return Sources;
  }

private:
  std::unique_ptr<ClangTidyOptionsProvider> Inner;
};

} // namespace

bool firecrashCheckEnabled(ClangTidyOptionsProvider &Provider,
                           llvm::StringRef File) {
  ClangTidyOptions Effective = Provider.getOptions(File);
  GlobList Enabled(Effective.Checks.value_or(""));
  return llvm::any_of(allChecks(), [&](const CheckInfo &Check) {
    return Enabled.contains(Check.Name);
  });
}

llvm::Expected<std::unique_ptr<ClangTidyOptionsProvider>>
makeOptionsProvider(const RunOptions &Options) {
  auto Provider = makeClangTidyOptionsProvider(Options);
  if (!Provider)
    return Provider.takeError();
  return std::make_unique<FirecrashFirstProvider>(std::move(*Provider));
}

llvm::Expected<std::unique_ptr<ClangTidyOptionsProvider>>
makeClangTidyOptionsProvider(const RunOptions &Options) {
  ClangTidyGlobalOptions Global;
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = "-*,firecrash-*";
  ClangTidyOptions Overrides;
  if (!Options.Checks.empty())
    Overrides.Checks = Options.Checks;
  if (Options.HeaderFilter)
    Overrides.HeaderFilterRegex = *Options.HeaderFilter;
  if (Options.WarningsAsErrors)
    Overrides.WarningsAsErrors = *Options.WarningsAsErrors;
  if (Options.Config.empty())
    return std::make_unique<FileOptionsProvider>(
        std::move(Global), std::move(Defaults), std::move(Overrides),
        Options.Overrides ? Options.Overrides->fileSystem() : nullptr);
  std::string Problem;
  llvm::ErrorOr<ClangTidyOptions> Parsed = parseConfigurationWithDiags(
      llvm::MemoryBufferRef(Options.Config, "config"),
      [&Problem](const llvm::SMDiagnostic &D) {
        if (Problem.empty())
          Problem = "line " + std::to_string(D.getLineNo()) + ", column " +
                    std::to_string(D.getColumnNo() + 1) + ": " +
                    D.getMessage().str();
      });
  if (!Parsed)
    return llvm::createStringError(
        Parsed.getError(), "invalid configuration: %s",
        (Problem.empty() ? Parsed.getError().message() : Problem).c_str());
  return std::make_unique<ConfigOptionsProvider>(
      std::move(Global), std::move(Defaults), std::move(*Parsed),
      std::move(Overrides));
}

llvm::Expected<std::vector<ClangTidyError>>
runChecks(const tooling::CompilationDatabase &DB,
          const std::vector<std::string> &Files, const RunOptions &Options) {
  auto Provider = makeOptionsProvider(Options);
  if (!Provider)
    return Provider.takeError();
  ClangTidyContext Context(std::move(*Provider));
  // A physical file system with its own working directory: the process-wide
  // one would chdir() into each compile's directory, under every worker
  // thread and the report that reads sources afterwards.
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS;
  if (Options.Overrides)
    FS = Options.Overrides->fileSystem();
  else
    FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
        llvm::vfs::createPhysicalFileSystem());
  return runClangTidy(Context, DB, Files, FS, Options.FixNotes,
                      Options.EnableProfile);
}

/// The language the compile command of \p File compiles it as: its "-x"
/// argument, else its extension, as the driver decides.
clang::driver::types::ID languageOf(const tooling::CompilationDatabase &DB,
                                    StringRef File) {
  std::vector<tooling::CompileCommand> Commands = DB.getCompileCommands(File);
  if (!Commands.empty()) {
    const std::vector<std::string> &Args = Commands.front().CommandLine;
    for (size_t I = 0; I < Args.size(); ++I) {
      StringRef Arg = Args[I];
      std::string Language;
      if (Arg == "-x" && I + 1 < Args.size())
        Language = Args[I + 1];
      else if (Arg.starts_with("-x") && Arg.size() > 2)
        Language = Arg.drop_front(2).str();
      if (!Language.empty())
        return clang::driver::types::lookupTypeForTypeSpecifier(
            Language.c_str());
    }
  }
  return clang::driver::types::lookupTypeForExtension(
      llvm::sys::path::extension(File).drop_front());
}

/// True for C and C++ (sources, headers, preprocessed), not assembly,
/// Objective-C, CUDA or HIP: what the checks can analyse.
bool isCOrCxx(clang::driver::types::ID Type) {
  using namespace clang::driver::types;
  if (Type == TY_INVALID || isObjC(Type) || isCuda(Type) || isHIP(Type))
    return false;
  return isCXX(Type) || Type == TY_C || Type == TY_PP_C || Type == TY_CHeader ||
         Type == TY_PP_CHeader;
}

SourceFiles::Text &SourceFiles::text(llvm::StringRef File) {
  Text *Entry;
  {
    std::lock_guard<std::mutex> Guard(Lock);
    std::unique_ptr<Text> &Slot = Files[File];
    if (!Slot)
      Slot = std::make_unique<Text>();
    Entry = Slot.get();
  }
  // Read outside the lock, so threads read different files at once.
  std::call_once(Entry->Read, [&] {
    std::optional<llvm::StringRef> Override;
    if (Overrides && Overrides->overrides(File, Override)) {
      if (!Override)
        return;
      Entry->Buffer = llvm::MemoryBuffer::getMemBuffer(
          *Override, File, /*RequiresNullTerminator=*/false);
    } else {
      // Read, not mapped: a report of a large project keeps tens of
      // thousands of sources, more than the kernel allows mappings
      // (vm.max_map_count).
      auto Buffer = llvm::MemoryBuffer::getFile(
          File, /*IsText=*/false, /*RequiresNullTerminator=*/false,
          /*IsVolatile=*/true);
      if (!Buffer)
        return;
      Entry->Buffer = std::move(*Buffer);
    }
    llvm::StringRef Content = Entry->Buffer->getBuffer();
    Entry->LineStarts.push_back(0);
    for (size_t At = Content.find('\n'); At != llvm::StringRef::npos;
         At = Content.find('\n', At + 1))
      Entry->LineStarts.push_back(static_cast<unsigned>(At + 1));
  });
  return *Entry;
}

std::pair<unsigned, unsigned> SourceFiles::position(llvm::StringRef File,
                                                    unsigned Offset) {
  const Text &T = text(File);
  if (T.LineStarts.empty())
    return {1, Offset + 1};
  auto Next = std::upper_bound(T.LineStarts.begin(), T.LineStarts.end(), Offset);
  unsigned Line = static_cast<unsigned>(Next - T.LineStarts.begin());
  return {Line, Offset - T.LineStarts[Line - 1] + 1};
}

unsigned SourceFiles::lineCount(llvm::StringRef File) {
  return text(File).LineStarts.size();
}

llvm::StringRef SourceFiles::line(llvm::StringRef File, unsigned Line) {
  const Text &T = text(File);
  if (Line == 0 || Line > T.LineStarts.size())
    return {};
  llvm::StringRef Content = T.Buffer->getBuffer();
  size_t Begin = T.LineStarts[Line - 1];
  size_t End = Line < T.LineStarts.size() ? T.LineStarts[Line] - 1
                                          : Content.size();
  return Content.slice(Begin, End).rtrim('\r');
}

std::vector<std::string> SourceFiles::unreadable() {
  std::vector<std::string> Files;
  std::lock_guard<std::mutex> Guard(Lock);
  for (const auto &Entry : this->Files)
    if (!Entry.second->Buffer)
      Files.push_back(Entry.first().str());
  llvm::sort(Files);
  return Files;
}

Position PositionMapper::map(llvm::StringRef File, unsigned Offset,
                             llvm::StringRef BuildDirectory) {
  llvm::SmallString<256> Path(File);
  if (!BuildDirectory.empty() && !llvm::sys::path::is_absolute(Path))
    llvm::sys::fs::make_absolute(BuildDirectory, Path);
  auto [Line, Column] = Sources.position(Path, Offset);
  return {File.str(), Line, Column};
}

void forEachInParallel(unsigned Jobs, size_t Count,
                       llvm::function_ref<void(size_t)> Work) {
  std::atomic<size_t> Next{0};
  auto Loop = [&] {
    for (size_t I; (I = Next++) < Count;)
      Work(I);
  };
  unsigned Workers = Jobs ? Jobs : std::max(1u, std::thread::hardware_concurrency());
  Workers = std::min<size_t>(Workers, std::max<size_t>(1, Count));
  std::vector<std::thread> Pool;
  for (unsigned W = 1; W < Workers; ++W)
    Pool.emplace_back(Loop);
  Loop();
  for (std::thread &T : Pool)
    T.join();
}

static std::string render(const tooling::DiagnosticMessage &Message,
                          llvm::StringRef Severity, llvm::StringRef Suffix,
                          llvm::StringRef BuildDirectory,
                          PositionMapper &Mapper) {
  std::string Line;
  if (!Message.FilePath.empty()) {
    Position Pos = Mapper.map(Message.FilePath, Message.FileOffset,
                              BuildDirectory);
    Line = Pos.File + ":" + std::to_string(Pos.Line) + ":" +
           std::to_string(Pos.Column) + ": ";
  }
  Line += Severity.str() + ": " + Message.Message + Suffix.str();
  return Line;
}

std::vector<std::string>
renderDiagnostics(const std::vector<ClangTidyError> &Errors,
                  PositionMapper &Mapper) {
  std::vector<std::string> Lines;
  for (const ClangTidyError &Error : Errors) {
    llvm::StringRef Severity =
        Error.DiagLevel == ClangTidyError::Error ||
                Error.IsWarningAsError
            ? "error"
            : Error.DiagLevel == ClangTidyError::Remark ? "remark" : "warning";
    std::string Suffix = " [" + Error.DiagnosticName +
                         (Error.IsWarningAsError ? ",-warnings-as-errors]"
                                                 : "]");
    Lines.push_back(render(Error.Message, Severity, Suffix,
                           Error.BuildDirectory, Mapper));
    for (const tooling::DiagnosticMessage &Note : Error.Notes)
      Lines.push_back(
          render(Note, "note", "", Error.BuildDirectory, Mapper));
  }
  return Lines;
}

std::map<std::string, tooling::Replacements>
collectFixes(const std::vector<ClangTidyError> &Errors, bool FixNotes) {
  std::map<std::string, tooling::Replacements> Fixes;
  for (const ClangTidyError &Error : Errors) {
    const llvm::StringMap<tooling::Replacements> *Fix =
        getFixIt(Error, FixNotes);
    if (!Fix)
      continue;
    for (const auto &[File, Replacements] : *Fix)
      for (const tooling::Replacement &R : Replacements)
        if (llvm::Error Err = Fixes[File.str()].add(R))
          llvm::consumeError(std::move(Err));
  }
  return Fixes;
}

} // namespace firecrash
