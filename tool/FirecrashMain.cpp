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
#include "Cli.h"
#include "Interrupt.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/GlobList.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
namespace tooling = clang::tooling;
using clang::tidy::GlobList;
using namespace firecrash;
using namespace firecrash::cli;

namespace {

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

/// Parses the command line after the mode word; a problem is a usage error
/// that names it.
std::optional<int> parse(int argc, const char **argv) {
  std::string Errors;
  raw_string_ostream Stream(Errors);
  if (cl::ParseCommandLineOptions(
          argc, argv,
          "firecrash: finds fire-and-crash coroutines started from request "
          "handlers.\n\n"
          "  firecrash [options] [files]            analyse and report\n"
          "  firecrash [options] files -- <flags>   the same without a compile "
          "database\n"
          "  firecrash summarize [options] [files]  analyse and write a "
          "summary document (-o)\n"
          "  firecrash merge [options] <summary files or directories>\n"
          "                                         report from summary "
          "documents\n\n"
          "Exit codes: 0 no findings, 1 findings, 2 usage or configuration "
          "error, 3 some translation unit could not be analysed.\n",
          &Stream))
    return std::nullopt;
  // LLVM writes "<argv0>: Unknown command line argument '--x'.  Try: ...";
  // keep the sentence that names the problem.
  StringRef First = StringRef(Errors).trim().split('\n').first;
  First = First.split(".  Try:").first;
  if (size_t Colon = First.find(": "); Colon != StringRef::npos)
    First = First.drop_front(Colon + 2);
  std::string Sentence = First.str();
  if (!Sentence.empty())
    Sentence[0] = static_cast<char>(std::tolower(Sentence[0]));
  return fail(ExitUsage, Sentence + " (see firecrash --help)");
}

/// The format --format names.
std::optional<Format> formatNamed(StringRef Name) {
  if (Name == "text")
    return Format::Text;
  if (Name == "json")
    return Format::Json;
  if (Name == "sarif")
    return Format::Sarif;
  if (Name == "html")
    return Format::Html;
  return std::nullopt;
}

/// The checks and configuration of the run: --checks, --warnings-as-errors,
/// --header-filter, --config or --config-file.
Expected<RunOptions> runOptions() {
  RunOptions Options;
  Options.Checks = Checks;
  if (WarningsAsErrors.getNumOccurrences())
    Options.WarningsAsErrors = WarningsAsErrors.getValue();
  if (!HeaderFilter.empty())
    Options.HeaderFilter = HeaderFilter.getValue();
  if (ConfigFile.empty()) {
    Options.Config = Config;
    return Options;
  }
  if (!Config.empty())
    return createStringError(std::errc::invalid_argument,
                             "--config and --config-file exclude each other");
  auto Text = MemoryBuffer::getFile(ConfigFile);
  if (!Text)
    return createStringError(Text.getError(), "cannot read config file '%s': %s",
                             ConfigFile.c_str(),
                             Text.getError().message().c_str());
  Options.Config = (*Text)->getBuffer().str();
  if (StringRef(Options.Config).trim().empty())
    Options.Config = "{}";
  return Options;
}

/// --list-checks and --dump-config: what the run would do, without running.
int printChecks() {
  GlobList Enabled(Checks.empty() ? "firecrash-*" : StringRef(Checks));
  for (const CheckInfo &Check : allChecks())
    if (Enabled.contains(Check.Name))
      outs() << Check.Name << "  " << Check.Summary << "\n";
  return ExitClean;
}

int dumpConfig(clang::tidy::ClangTidyOptionsProvider &Provider) {
  SmallString<256> Where;
  sys::fs::current_path(Where);
  sys::path::append(Where, "dummy.cpp");
  clang::tidy::ClangTidyOptions Effective = Provider.getOptions(
      Sources.empty() ? Where.str() : absolutePath(Sources.front(), ""));
  Effective.CheckOptions = clang::tidy::getCheckOptions(Effective, false);
  outs() << clang::tidy::configurationAsText(Effective);
  return ExitClean;
}

} // namespace

int main(int argc, const char **argv) {
  std::vector<std::string> Storage;
  std::vector<const char *> Args = normalizeJobs(argc, argv, Storage);
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "firecrash " << FIRECRASH_VERSION << " (LLVM " << LLVM_VERSION_STRING
       << ")\n";
  });
  Invocation Run;
  Run.Argv0 = argv[0];
  // The mode is the first word: `firecrash summarize ...`, `firecrash merge
  // ...`; anything else reports.
  if (Args.size() > 1 && (StringRef(Args[1]) == "summarize" ||
                          StringRef(Args[1]) == "merge")) {
    Run.RunMode =
        StringRef(Args[1]) == "merge" ? Mode::Merge : Mode::Summarize;
    Args.erase(Args.begin() + 1);
  }
  argc = static_cast<int>(Args.size());
  // clang-tidy's habit: `firecrash file.cpp -- -std=c++20` compiles the
  // named files with the flags after "--", with no compile database.
  SmallString<256> Cwd;
  sys::fs::current_path(Cwd);
  std::string Problem;
  Run.FixedFlags = tooling::FixedCompilationDatabase::loadFromCommandLine(
      argc, Args.data(), Problem, Cwd);
  if (!Run.FixedFlags && !Problem.empty())
    return fail(ExitUsage, "the flags after '--': " + Problem);
  if (std::optional<int> Failed = parse(argc, Args.data()))
    return *Failed;
  installInterruptHandlers();

  // Options that mean nothing in a mode are refused, not ignored.
  if (std::optional<int> Refused =
          refuseForMode(Run.RunMode, Run.FixedFlags != nullptr))
    return *Refused;
  std::optional<Format> Chosen = formatNamed(FormatName);
  if (!Chosen)
    return fail(ExitUsage, "unknown format '" + FormatName +
                               "' (expected text, json, sarif or html)");
  Run.OutputFormat = *Chosen;
  if (ListChecks)
    return printChecks();
  if (ApplyFixes && FixErrors)
    return fail(ExitUsage, "--fix and --fix-errors exclude each other");
  if (!DocsUrl.empty() && !StringRef(DocsUrl).contains("://"))
    return fail(ExitUsage, "--docs-url must be an absolute URI such as "
                           "'https://example.com/firecrash/docs/', not '" +
                               DocsUrl + "'");
  auto Options = runOptions();
  if (!Options)
    return fail(ExitUsage, toString(Options.takeError()));
  Run.Options = std::move(*Options);
  auto Provider = makeOptionsProvider(Run.Options);
  if (!Provider)
    return fail(ExitUsage, toString(Provider.takeError()));
  Run.Provider = std::move(*Provider);
  if (DumpConfig)
    return dumpConfig(*Run.Provider);
  Run.Root = Cwd.str().str();
  if (!RootDir.empty()) {
    if (!sys::fs::is_directory(RootDir))
      return fail(ExitUsage, "--root '" + RootDir + "' is not a directory");
    Run.Root = absolutePath(RootDir, "");
  }

  switch (Run.RunMode) {
  case Mode::Report:
    return runReport(Run);
  case Mode::Summarize:
    return runSummarize(Run);
  case Mode::Merge:
    return runMerge(Run);
  }
  return ExitUsage;
}
