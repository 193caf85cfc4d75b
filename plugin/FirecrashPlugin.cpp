//===--- FirecrashPlugin.cpp - firecrash as a Clang compiler plugin -------===//
//
// Part of firecrash. The third front door: `clang++-19 -fplugin=...` runs the
// same check objects clang-tidy runs, through a ClangTidyContext, on the
// complete AST of the compile the build already does, before code
// generation: so clang still frees the AST before the backend runs (a
// plugin placed after the main action makes clang keep it, +40% peak memory
// on a heavy unit). Options, .clang-tidy
// files, NOLINT, notes and fix-its behave as in clang-tidy; findings are
// re-emitted through the compiler's own diagnostics, so they render as
// clang's (carets, notes, fix-it hints) and, for checks listed in
// warnings-as-errors, fail the compile.
//
// Arguments (-fplugin-arg-firecrash-<name>=<value>):
//   checks=<glob>               like clang-tidy --checks
//   config=<yaml>               like clang-tidy --config
//   header-filter=<regex>       like clang-tidy --header-filter
//   warnings-as-errors=<glob>   like clang-tidy --warnings-as-errors
//   export-fixes=<file>         like clang-tidy --export-fixes (fixes on
//                               notes included)
//   summary=<file or dir/>      also write the unit's summary document (what
//                               `firecrash summarize` writes) to the file, or
//                               into the directory as
//                               <name>-<hash>.firecrash.json, for
//                               `firecrash merge`
//   root=<dir>                  store paths in the summary relative to this
//                               directory (default: the working directory)
//
//===----------------------------------------------------------------------===//

#include "CheckConsumer.h"
#include "Report.h"
#include "Runner.h"
#include "SummaryFile.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

using namespace clang;
using namespace clang::tidy;

namespace firecrash {
namespace {

/// What the plugin arguments ask for.
struct PluginOptions {
  RunOptions Run;
  std::string ExportFixes;
  std::string Summary;
  std::string Root;
};

/// Owns everything one compile needs (the action object is destroyed right
/// after it creates this consumer) and hands the findings to the compiler
/// once the translation unit has been analysed.
class PluginConsumer : public MultiplexConsumer {
public:
  PluginConsumer(CompilerInstance &Compiler, PluginOptions Options,
                 std::unique_ptr<ClangTidyContext> Context,
                 std::unique_ptr<ClangTidyDiagnosticConsumer> Collector,
                 std::unique_ptr<DiagnosticsEngine> Engine,
                 std::unique_ptr<ASTConsumer> Tidy)
      : MultiplexConsumer(consumers(std::move(Tidy))), Compiler(Compiler),
        Options(std::move(Options)), Context(std::move(Context)),
        Collector(std::move(Collector)), Engine(std::move(Engine)) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    bool CompilerErrors = Compiler.getDiagnostics().hasErrorOccurred();
    UnitSink Sink;
    if (!Options.Summary.empty())
      threadFindingSink() = &Sink;
    MultiplexConsumer::HandleTranslationUnit(Ctx);
    threadFindingSink() = nullptr;
    std::vector<ClangTidyError> Errors = Collector->take();
    // A compile that failed shows its errors and no finding: after a fatal
    // error clang builds no pending template, so evidence can be missing
    // (as the firecrash tool withholds a failed unit's findings). The
    // summary keeps them, marked failed, for a merge that asks for them.
    if (!CompilerErrors) {
      for (const ClangTidyError &Error : Errors)
        emit(Error);
      if (!Options.ExportFixes.empty())
        exportFixes(Errors);
    }
    if (!Options.Summary.empty()) {
      UnitResult Unit;
      Unit.Errors = std::move(Errors);
      Unit.Records = std::move(Sink.Records);
      Unit.Summaries = std::move(Sink.Summaries);
      if (CompilerErrors)
        Unit.Failures.push_back("the compiler reported errors");
      writeSummary(std::move(Unit));
    }
  }

private:
  static std::vector<std::unique_ptr<ASTConsumer>>
  consumers(std::unique_ptr<ASTConsumer> Only) {
    std::vector<std::unique_ptr<ASTConsumer>> Result;
    Result.push_back(std::move(Only));
    return Result;
  }

  /// Returns the compiler's location for a file offset from a finding.
  SourceLocation location(llvm::StringRef File, unsigned Offset,
                          llvm::StringRef BuildDirectory) {
    if (File.empty())
      return SourceLocation();
    llvm::SmallString<256> Path(File);
    if (!llvm::sys::path::is_absolute(Path) && !BuildDirectory.empty())
      llvm::sys::fs::make_absolute(BuildDirectory, Path);
    SourceManager &SM = Compiler.getSourceManager();
    // A main file that is no file on disk (preprocessed text read from
    // stdin, as in icecream's remote compiles) is named as clang named it.
    if (OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID()))
      if (Main->getName() == File)
        return SM.getLocForStartOfFile(SM.getMainFileID()).getLocWithOffset(Offset);
    auto Entry = SM.getFileManager().getOptionalFileRef(Path);
    if (!Entry)
      return SourceLocation();
    FileID ID = SM.translateFile(*Entry);
    if (ID.isInvalid())
      return SourceLocation();
    return SM.getLocForStartOfFile(ID).getLocWithOffset(Offset);
  }

  /// Attaches the message's fix-its and highlighted ranges.
  void decorate(DiagnosticBuilder &Builder,
                const tooling::DiagnosticMessage &Message,
                llvm::StringRef BuildDirectory) {
    for (const tooling::FileByteRange &Range : Message.Ranges) {
      SourceLocation Begin =
          location(Range.FilePath, Range.FileOffset, BuildDirectory);
      if (Begin.isValid())
        Builder << CharSourceRange::getCharRange(
            Begin, Begin.getLocWithOffset(Range.Length));
    }
    for (const auto &[File, Replacements] : Message.Fix) {
      for (const tooling::Replacement &R : Replacements) {
        SourceLocation Begin =
            location(R.getFilePath(), R.getOffset(), BuildDirectory);
        if (Begin.isInvalid())
          continue;
        Builder << FixItHint::CreateReplacement(
            CharSourceRange::getCharRange(
                Begin, Begin.getLocWithOffset(R.getLength())),
            R.getReplacementText());
      }
    }
  }

  void emit(const ClangTidyError &Error) {
    DiagnosticsEngine &Diags = Compiler.getDiagnostics();
    bool IsError =
        Error.DiagLevel == ClangTidyError::Error || Error.IsWarningAsError;
    DiagnosticsEngine::Level Level =
        IsError ? DiagnosticsEngine::Error
        : Error.DiagLevel == ClangTidyError::Remark ? DiagnosticsEngine::Remark
                                                     : DiagnosticsEngine::Warning;
    std::string Text = Error.Message.Message + " [" + Error.DiagnosticName +
                       (Error.IsWarningAsError ? ",-warnings-as-errors]" : "]");
    {
      DiagnosticBuilder Builder = Diags.Report(
          location(Error.Message.FilePath, Error.Message.FileOffset,
                   Error.BuildDirectory),
          Diags.getCustomDiagID(Level, "%0"));
      Builder << Text;
      decorate(Builder, Error.Message, Error.BuildDirectory);
    }
    for (const tooling::DiagnosticMessage &Note : Error.Notes) {
      DiagnosticBuilder Builder = Diags.Report(
          location(Note.FilePath, Note.FileOffset, Error.BuildDirectory),
          Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0"));
      Builder << Note.Message;
      decorate(Builder, Note, Error.BuildDirectory);
    }
  }

  void error(llvm::StringRef Message) {
    DiagnosticsEngine &Diags = Compiler.getDiagnostics();
    Diags.Report(Diags.getCustomDiagID(DiagnosticsEngine::Error,
                                       "firecrash plugin: %0"))
        << Message;
  }

  /// Writes \p Unit as the summary=<file or dir/> argument asks.
  void writeSummary(UnitResult Unit) {
    llvm::SmallString<256> Cwd;
    llvm::sys::fs::current_path(Cwd);
    if (!Compiler.getFileSystemOpts().WorkingDir.empty())
      Cwd = Compiler.getFileSystemOpts().WorkingDir;
    SourceManager &SM = Compiler.getSourceManager();
    llvm::StringRef MainName;
    if (OptionalFileEntryRef Entry = SM.getFileEntryRefForID(SM.getMainFileID()))
      MainName = Entry->getName();
    std::string Main = absolutePath(MainName, Cwd);
    Unit.File = Main;
    Unit.BuildDirectory = Cwd.str().str();
    for (ClangTidyError &E : Unit.Errors)
      E.BuildDirectory = Unit.BuildDirectory;
    std::string Root = absolutePath(Options.Root.empty() ? Cwd.str()
                                                         : Options.Root,
                                    Cwd);
    std::string Text = summaryText({&Unit}, Root);

    std::string Path = Options.Summary;
    if (llvm::StringRef(Path).ends_with("/") ||
        llvm::sys::fs::is_directory(Path)) {
      // One name per main file, the same in every build of it.
      llvm::StringRef Stored = Main;
      if (Stored.consume_front(Root))
        Stored.consume_front("/");
      llvm::SmallString<256> Named(Path);
      if (std::error_code EC = llvm::sys::fs::create_directories(Named))
        return error("cannot create summary directory '" + Path +
                     "': " + EC.message());
      llvm::sys::path::append(
          Named, llvm::sys::path::filename(Main) + "-" +
                     llvm::utohexstr(llvm::xxh3_64bits(Stored), true, 16) +
                     ".firecrash.json");
      Path = Named.str().str();
    }
    if (llvm::Error E = writeAtomically(Path, Text))
      error(llvm::toString(std::move(E)));
  }

  void exportFixes(const std::vector<ClangTidyError> &Errors) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Options.ExportFixes, EC, llvm::sys::fs::OF_None);
    if (EC) {
      DiagnosticsEngine &Diags = Compiler.getDiagnostics();
      Diags.Report(Diags.getCustomDiagID(
          DiagnosticsEngine::Error,
          "firecrash plugin: cannot write fixes to '%0': %1"))
          << Options.ExportFixes << EC.message();
      return;
    }
    SourceManager &SM = Compiler.getSourceManager();
    llvm::StringRef MainFile;
    if (OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID()))
      MainFile = Main->getName();
    exportReplacements(MainFile, Errors, OS);
  }

  CompilerInstance &Compiler;
  PluginOptions Options;
  // Destroyed in reverse order: the engine refers to the collector, which
  // refers to the context.
  std::unique_ptr<ClangTidyContext> Context;
  std::unique_ptr<ClangTidyDiagnosticConsumer> Collector;
  std::unique_ptr<DiagnosticsEngine> Engine;
};

class FirecrashPluginAction : public PluginASTAction {
public:
  // Before the main action: the consumer sees the whole translation unit
  // ahead of code generation, and clang keeps its default of clearing the
  // AST before the backend (only plugins after the main action turn it off).
  ActionType getActionType() override { return AddBeforeMainAction; }

  bool ParseArgs(const CompilerInstance &Compiler,
                 const std::vector<std::string> &Args) override {
    DiagnosticsEngine &Diags = Compiler.getDiagnostics();
    for (llvm::StringRef Arg : Args) {
      auto [Name, Value] = Arg.split('=');
      if (Name == "checks")
        Options.Run.Checks = Value.str();
      else if (Name == "config")
        Options.Run.Config = Value.str();
      else if (Name == "header-filter")
        Options.Run.HeaderFilter = Value.str();
      else if (Name == "warnings-as-errors")
        Options.Run.WarningsAsErrors = Value.str();
      else if (Name == "export-fixes")
        Options.ExportFixes = Value.str();
      else if (Name == "summary" && !Value.empty())
        Options.Summary = Value.str();
      else if (Name == "root" && !Value.empty())
        Options.Root = Value.str();
      else {
        Diags.Report(Diags.getCustomDiagID(
            DiagnosticsEngine::Error,
            "firecrash plugin: unknown argument '%0'; expected checks=, "
            "config=, header-filter=, warnings-as-errors=, export-fixes=, "
            "summary=<file or dir/> or root=<dir>"))
            << Arg;
        return false;
      }
    }
    return true;
  }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &Compiler,
                                                 llvm::StringRef File) override {
    auto Provider = makeOptionsProvider(Options.Run);
    if (!Provider) {
      DiagnosticsEngine &Diags = Compiler.getDiagnostics();
      Diags.Report(Diags.getCustomDiagID(DiagnosticsEngine::Error,
                                         "firecrash plugin: %0"))
          << llvm::toString(Provider.takeError());
      return std::make_unique<ASTConsumer>();
    }
    auto Context = std::make_unique<ClangTidyContext>(std::move(*Provider));
    auto Collector = std::make_unique<ClangTidyDiagnosticConsumer>(
        *Context, /*ExternalDiagEngine=*/nullptr,
        /*RemoveIncompatibleErrors=*/true, /*GetFixesFromNotes=*/true);
    auto Engine = std::make_unique<DiagnosticsEngine>(
        new DiagnosticIDs, new DiagnosticOptions, Collector.get(),
        /*ShouldOwnClient=*/false);
    Context->setDiagnosticsEngine(Engine.get());
    // The checks get the translation unit directly, without the full-AST
    // traversal of clang-tidy's MatchFinder (about 3% of a compile).
    std::unique_ptr<ASTConsumer> Tidy =
        createCheckConsumer(*Context, Compiler, File);
    return std::make_unique<PluginConsumer>(
        Compiler, std::move(Options), std::move(Context), std::move(Collector),
        std::move(Engine), std::move(Tidy));
  }

private:
  PluginOptions Options;
};

} // namespace
} // namespace firecrash

static clang::FrontendPluginRegistry::Add<firecrash::FirecrashPluginAction>
    X("firecrash", "finds fire-and-crash coroutines while compiling");
