//===--- Options.cpp - The firecrash command line, described once ---------===//
//
// Part of firecrash. Every option of every mode, with what each mode refuses
// and why; the helpers the modes share to report a problem.
//
//===----------------------------------------------------------------------===//

#include "Cli.h"
#include "Interrupt.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <unistd.h>

using namespace llvm;

namespace firecrash::cli {

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

int interrupted(int Signal) {
  errs() << "firecrash: interrupted by " << signalName(Signal)
         << "; no report written\n";
  return interruptedExitCode(Signal);
}

std::optional<int> refuseForMode(Mode M, bool FixedFlags) {
  auto Given = [](const cl::Option &O) { return O.getNumOccurrences() > 0; };
  if (InProcess)
    for (const cl::Option *O :
         std::initializer_list<const cl::Option *>{&Timeout, &MaxMemory})
      if (Given(*O))
        return fail(ExitUsage, "-" + O->ArgStr +
                                   " needs worker processes: it cannot "
                                   "apply with --in-process");
  if (M == Mode::Merge) {
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
  if (M == Mode::Summarize)
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
  return std::nullopt;
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


} // namespace firecrash::cli
