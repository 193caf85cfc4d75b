//===--- ReportMode.cpp - firecrash's report: analyse, then publish -------===//
//
// Part of firecrash. The default mode: analyse the units and publish their
// report; under --diff-base, also the report as it was at the base, to keep
// only what the working tree introduces. publish() is shared with merge.
//
//===----------------------------------------------------------------------===//

#include "Cli.h"
#include "DiffBase.h"
#include "Interrupt.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/GlobList.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/BuryPointer.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace firecrash::cli {

namespace {

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

/// The summary line, as clang-tidy's "N warnings generated.".
void summaryLine(const Report &R, const std::string &CacheLine) {
  errs() << "firecrash: " << R.Findings.size() << " finding"
         << (R.Findings.size() == 1 ? "" : "s")
         << (R.otherChecksFindings()
                 ? " (" + std::to_string(R.otherChecksFindings()) +
                       " of other checks)"
                 : std::string())
         << (R.Diff ? " introduced since " + R.Diff->Base : "") << " in "
         << R.FilesAnalyzed << " file" << (R.FilesAnalyzed == 1 ? "" : "s")
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
                          ", analysed " + std::to_string(R.Diff->AnalysedHere) +
                          " here and " + std::to_string(R.Diff->AnalysedAtBase) +
                          " at the base"
                    : std::string())
         << CacheLine << "\n";
}

/// Writes the report in its format to -o (atomically) or stdout.
Error render(const Invocation &Run, const Report &R) {
  SarifOptions Sarif;
  Sarif.SourceRoot = Run.Root;
  Sarif.DocsUrl =
      DocsUrl.empty() ? defaultDocsUrl(Run.Argv0) : DocsUrl.getValue();
  if (!StringRef(Sarif.DocsUrl).ends_with("/"))
    Sarif.DocsUrl += "/";
  Sarif.Category = SarifCategory;
  auto Render = [&](raw_ostream &OS) {
    switch (Run.OutputFormat) {
    case Format::Text:
      writeReportText(
          R, OutputFile.empty() && sys::Process::StandardOutIsDisplayed(),
          Run.Root, OS);
      break;
    case Format::Json:
      writeReportJson(R, OS);
      break;
    case Format::Html:
      writeReportHtml(R, Run.Root, OS);
      break;
    case Format::Sarif:
      writeReportSarif(R, Sarif, OS);
      break;
    }
  };
  if (!OutputFile.empty())
    return writeAtomically(OutputFile, Render);
  Render(outs());
  outs().flush();
  return Error::success();
}

/// The exit code of a published report.
int exitCode(const Report &R) {
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

/// Under --diff-base: the report as it was at the base. The units that read
/// a changed file are analysed again with the base's contents, the others
/// are taken as they are (they read the same files), merged the same way.
/// Nullopt if the run was interrupted.
std::optional<Report> reportAtBase(const Invocation &Run,
                                   const clang::tooling::CompilationDatabase &DB,
                                   const TreeChange &Change,
                                   const std::vector<UnitResult> &Units,
                                   const ReportOptions &Reporting,
                                   ResultCache *BaseCache, DiffSummary &Diff) {
  RunOptions BaseOptions = Run.Options;
  BaseOptions.Overrides = &Change.Base;
  std::vector<char> Affected(Units.size(), 0);
  std::vector<std::string> BaseFiles;
  for (size_t I = 0; I < Units.size(); ++I) {
    const UnitResult &Unit = Units[I];
    // A unit that recorded no files (it failed) may read anything.
    Affected[I] = Unit.Dependencies.empty() ||
                  affectedBy(Change, Unit.File, Unit.Dependencies);
    Diff.UnitsAffected += Affected[I];
    if (Affected[I] && Change.Base.exists(Unit.File))
      BaseFiles.push_back(Unit.File);
  }
  auto Analysed = analyseAll(DB, BaseFiles, BaseOptions, Run.Root, BaseCache,
                             /*WantsFiles=*/false, Diff.AnalysedAtBase);
  if (!Analysed)
    return std::nullopt;
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
  AsAtBase.Overrides = &Change.Base;
  return buildReport(BaseUnits, Run.Root, AsAtBase);
}

} // namespace

Expected<std::set<std::string>> prepareOutputs() {
  for (const std::string *Path :
       {&OutputFile.getValue(), &WriteBaselineFile.getValue(),
        &ExportFixes.getValue()})
    if (!Path->empty())
      if (std::optional<std::string> Problem = checkWritable(*Path))
        return createStringError(std::errc::invalid_argument, "%s",
                                 Problem->c_str());
  if (BaselineFile.empty())
    return std::set<std::string>();
  return readBaseline(BaselineFile);
}

ReportOptions reportOptions() {
  ReportOptions Reporting;
  Reporting.CrossTU = !NoCrossTU;
  Reporting.Jobs = Jobs;
  Reporting.RequireSuppressionReason = RequireSuppressionReason;
  Reporting.ReportUnusedSuppressions = ReportUnusedSuppressions;
  // --fix-errors asks for the fixes of units with errors, so their
  // findings too.
  Reporting.FindingsFromFailedUnits = FindingsFromFailedUnits || FixErrors;
  return Reporting;
}

int runReport(Invocation &Run) {
  auto Chosen = selectUnits(Run);
  if (!Chosen)
    return fail(ExitUsage, toString(Chosen.takeError()));
  Publication What;
  What.Skipped = Chosen->Skipped;
  auto Baseline = prepareOutputs();
  if (!Baseline)
    return fail(ExitUsage, toString(Baseline.takeError()));
  What.Baseline = std::move(*Baseline);
  auto Cache = openCache(Run.Argv0);
  if (!Cache)
    return fail(ExitUsage, toString(Cache.takeError()));
  // What the working tree changes against the base, before any work: a bad
  // revision is a usage error.
  std::optional<TreeChange> Change;
  if (!DiffBase.empty()) {
    auto Read = readTreeChange(DiffBase, Run.Root);
    if (!Read)
      return fail(ExitUsage, toString(Read.takeError()));
    Change = std::move(*Read);
  }
  // The results and the report live until the process exits, and are not
  // freed then: for tens of thousands of files that would cost more than
  // writing the report (BuryPointer tells leak checkers it is on purpose).
  size_t Parsed = 0;
  auto *Units = new std::vector<UnitResult>;
  llvm::BuryPointer(Units);
  auto Analysed = analyseAll(
      *Chosen->DB, Chosen->Files, Run.Options, Run.Root, Cache->get(),
      /*WantsFiles=*/Change.has_value() || ReportUnusedSuppressions, Parsed);
  if (!Analysed)
    return interrupted(interruptSignal());
  *Units = std::move(*Analysed);
  std::unique_ptr<ResultCache> BaseCache;
  if (Change) {
    What.Diff.Base = DiffBase;
    What.Diff.Commit = Change->Commit;
    What.Diff.ChangedFiles = Change->Count;
    What.Diff.AnalysedHere = Parsed;
    if (*Cache) {
      auto Opened = openCache(Run.Argv0);
      if (!Opened)
        return fail(ExitUsage, toString(Opened.takeError()));
      BaseCache = std::move(*Opened);
      BaseCache->setOverrides(&Change->Base);
    }
    What.AtBase = reportAtBase(Run, *Chosen->DB, *Change, *Units,
                               reportOptions(), BaseCache.get(), What.Diff);
    if (!What.AtBase)
      return interrupted(interruptSignal());
  }
  What.CacheLine = cacheLine(Cache->get(), BaseCache.get());
  What.Analysed = std::move(Chosen->Files);
  return publish(Run, *Units, What);
}

int publish(Invocation &Run, std::vector<UnitResult> &Units,
            Publication &What) {
  if (int Signal = interruptSignal())
    return interrupted(Signal);
  // Only enabled checks write summaries, so the merge honours --checks and
  // .clang-tidy files as the checks themselves do.
  auto *Storage = new Report(buildReport(Units, Run.Root, reportOptions()));
  llvm::BuryPointer(Storage);
  Report &R = *Storage;
  R.FilesSkipped = What.Skipped;
  R.ListSuppressed = ListSuppressed;
  // A unit with every firecrash check off reports nothing because nothing
  // was looked for: say so rather than print a silent "0 findings".
  for (const std::string &File : What.Analysed)
    if (!firecrashCheckEnabled(*Run.Provider, File)) {
      StringRef Shown = File;
      if (Shown.consume_front(Run.Root))
        Shown.consume_front("/");
      R.WithoutChecks.push_back(Shown.str());
    }
  // Summaries hold offsets: without the sources, every line, column and
  // fingerprint of the report would be wrong, so none is written.
  if (Run.RunMode == Mode::Merge && !R.UnreadableSources.empty()) {
    std::string Shown;
    size_t Count = R.UnreadableSources.size();
    for (size_t I = 0; I < Count && I < 3; ++I) {
      StringRef File = R.UnreadableSources[I];
      if (File.consume_front(Run.Root))
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
    return interrupted(Signal);
  if (!WriteBaselineFile.empty())
    if (Error E = writeAtomically(WriteBaselineFile, baselineText(R)))
      return fail(ExitUsage, toString(std::move(E)));
  if (What.AtBase) {
    What.Diff.Existing = keepIntroduced(R, *What.AtBase);
    R.Diff = What.Diff;
  }
  applyBaseline(R, What.Baseline);
  if (Error E = render(Run, R))
    return fail(ExitUsage, toString(std::move(E)));
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
  // One summary line when something was analysed or skipped at all.
  if (!Quiet && Run.OutputFormat == Format::Text &&
      (R.FilesAnalyzed > R.FilesFailed || R.FilesSkipped ||
       R.WithheldFromFailedUnits))
    summaryLine(R, What.CacheLine);
  return exitCode(R);
}

} // namespace firecrash::cli
