//===--- Runner.cpp - Run the firecrash checks in process -----------------===//

#include "Runner.h"
#include "CheckRegistry.h"
#include "clang-tidy/ClangTidy.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <algorithm>

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

llvm::Expected<std::unique_ptr<ClangTidyOptionsProvider>>
makeOptionsProvider(const RunOptions &Options) {
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
    return std::make_unique<FileOptionsProvider>(std::move(Global),
                                                 std::move(Defaults),
                                                 std::move(Overrides));
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
  auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::createPhysicalFileSystem());
  return runClangTidy(Context, DB, Files, FS, Options.FixNotes,
                      Options.EnableProfile);
}

Position PositionMapper::map(llvm::StringRef File, unsigned Offset,
                             llvm::StringRef BuildDirectory) {
  llvm::SmallString<256> Path(File);
  if (!BuildDirectory.empty() && !llvm::sys::path::is_absolute(Path))
    llvm::sys::fs::make_absolute(BuildDirectory, Path);
  std::string Key = Path.str().str();
  auto It = LineStarts.find(Key);
  if (It == LineStarts.end()) {
    std::vector<unsigned> Starts{0};
    if (auto Buffer = llvm::MemoryBuffer::getFile(Key)) {
      llvm::StringRef Text = (*Buffer)->getBuffer();
      for (size_t I = 0; I < Text.size(); ++I)
        if (Text[I] == '\n')
          Starts.push_back(static_cast<unsigned>(I + 1));
    }
    It = LineStarts.emplace(Key, std::move(Starts)).first;
  }
  const std::vector<unsigned> &Starts = It->second;
  auto Next = std::upper_bound(Starts.begin(), Starts.end(), Offset);
  unsigned Line = static_cast<unsigned>(Next - Starts.begin());
  unsigned Column = Offset - Starts[Line - 1] + 1;
  return {File.str(), Line, Column};
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
