//===--- Report.h - What the firecrash tool reports -------------*- C++ -*-===//
//
// Part of firecrash. The findings of a run in one model, built from the checks'
// ClangTidyErrors plus their structured records and from merged cross-TU
// summaries, with fingerprints that survive unrelated edits; and the
// reporters that write it as text, JSON or SARIF.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_TOOL_REPORT_H
#define FIRECRASH_TOOL_REPORT_H

#include "CheckRegistry.h"
#include "FindingSink.h"
#include "Runner.h"
#include "Summary.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace firecrash {

/// What one translation unit produced.
struct UnitResult {
  std::string File;
  std::string BuildDirectory;
  /// Set when the unit could not be analysed (no compile command, the tool
  /// failed, or compiler errors).
  std::vector<std::string> Failures;
  /// Why it failed, for reports: "crash", "timeout", "memory", or empty for
  /// an error (compiler errors, no compile command, a missing file).
  std::string FailureKind;
  std::vector<clang::tidy::ClangTidyError> Errors;
  std::vector<FindingRecord> Records;
  std::vector<TUSummary> Summaries;
  /// The files the unit read (absolute, sorted), when the run asked for
  /// them: the result cache and --diff-base do.
  std::vector<std::string> Dependencies;
};

/// Collects what the checks tell an in-process host about one unit: its
/// structured records and summaries and, when \p WantsFiles, the files it
/// read (for the result cache).
class UnitSink : public FindingSink {
public:
  explicit UnitSink(bool WantsFiles = false) : WantsFiles(WantsFiles) {}
  void finding(FindingRecord Record) override {
    Records.push_back(std::move(Record));
  }
  void summary(TUSummary Summary) override {
    Summaries.push_back(std::move(Summary));
  }
  bool wantsDependencies() const override {
    return WantsFiles && Dependencies.empty();
  }
  void dependencies(std::vector<std::string> Files) override {
    Dependencies = std::move(Files);
  }

  std::vector<FindingRecord> Records;
  std::vector<TUSummary> Summaries;
  std::vector<std::string> Dependencies;

private:
  bool WantsFiles;
};

struct ReportLocation {
  std::string File; // as displayed: relative to the root when inside it
  unsigned Line = 0;
  unsigned Column = 0;
};

struct ReportNote {
  ReportLocation Loc;
  std::string Message;
};

struct ReportHop {
  std::string Function;
  std::string Callee;
  ReportLocation Loc;
};

struct ReportReplacement {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  ReportLocation Begin;
  ReportLocation End;
  std::string Text;
};

/// A NOLINT-style comment: where it is, what it names, and why.
struct SuppressionMarker {
  unsigned Line = 0;
  unsigned Column = 0;
  /// NOLINT, NOLINTNEXTLINE, NOLINTBEGIN or NOLINTEND.
  std::string Kind;
  /// The check list as written between the parentheses, and its globs
  /// (none: every check).
  std::string Checks;
  std::vector<std::string> Globs;
  /// The text after the colon: "// NOLINT(check): <reason>".
  std::string Reason;

  /// True if the marker applies to \p Check.
  bool covers(llvm::StringRef Check) const;
  /// True if it names a firecrash check (not only every check).
  bool namesFirecrash() const;
};

/// How a finding that is not reported was suppressed.
struct ReportSuppression {
  /// "inSource" (a NOLINT comment) or "external" (the baseline).
  std::string Kind;
  std::string Justification;
  /// The comment, for inSource.
  ReportLocation Loc;
  std::string Marker;
};

struct ReportFinding {
  std::string Check;
  std::string Severity = "warning";
  std::string Message;
  ReportLocation Loc;
  std::string Handler;
  std::string HandlerReason;
  std::string Callee;
  std::string DetachedType;
  std::string DetachedReason;
  std::string ExceptionPolicy;
  /// The way out, as the finding's notes suggest it.
  std::string Suggestion;
  std::vector<ReportHop> Chain;
  std::vector<BorrowRecord> Borrowed;
  std::vector<ReportNote> Notes;
  std::vector<ReportReplacement> Fixes;
  std::string Fingerprint;
  /// The fingerprint without the file: what --diff-base matches, so a
  /// finding that moved to another file with its code is not new.
  std::string MoveKey;
  bool CrossTranslationUnit = false;
  /// It comes from a unit that failed to compile (kept only under
  /// --findings-from-failed-units): its evidence may be code clang never
  /// built.
  bool FromFailedUnit = false;
  /// Set for a finding that is not reported: why not.
  std::optional<ReportSuppression> Suppression;
  /// The error it came from, for --fix and --export-fixes (null for
  /// cross-TU findings, which have no fixes).
  const clang::tidy::ClangTidyError *Source = nullptr;
};

struct ReportError {
  std::string File;
  std::string Message;
};

/// A translation unit that could not be analysed.
struct ReportFailure {
  std::string File;
  /// "crash", "timeout", "memory" or "error".
  std::string Kind;
  std::vector<std::string> Messages;
};

/// What --diff-base compared, for the reports.
struct DiffSummary {
  /// The revision as given, and the commit it names.
  std::string Base;
  std::string Commit;
  /// Files the working tree changes, adds or removes against the base.
  size_t ChangedFiles = 0;
  /// Units that read a changed file, so their findings can differ.
  size_t UnitsAffected = 0;
  /// Units parsed for the working tree and for the base (cache misses).
  size_t AnalysedHere = 0;
  size_t AnalysedAtBase = 0;
  /// Findings present at the base too, left out of the report.
  size_t Existing = 0;
};

struct Report {
  std::vector<ReportFinding> Findings;
  std::vector<ReportError> Errors;
  /// The units behind Errors, one each, in database order.
  std::vector<ReportFailure> Failures;
  std::vector<std::string> ConfigurationErrors;
  /// Sources the findings point into that could not be read, so their
  /// lines, columns and fingerprints are unknown (absolute, sorted).
  std::vector<std::string> UnreadableSources;
  size_t FilesAnalyzed = 0;
  size_t FilesFailed = 0;
  /// Database entries that are not C or C++ (assembly, CUDA, ...), left out.
  size_t FilesSkipped = 0;
  size_t Baselined = 0;
  /// The findings the baseline hid, for reports that show them apart.
  std::vector<ReportFinding> BaselinedFindings;
  /// Set under --diff-base: the findings are those the change introduces.
  std::optional<DiffSummary> Diff;
  /// Findings a NOLINT comment suppressed, each with its Suppression.
  std::vector<ReportFinding> Suppressed;
  /// List Suppressed in the JSON and text reports (SARIF always has them).
  bool ListSuppressed = false;
  /// Findings of units that failed to compile, left out of the report.
  size_t WithheldFromFailedUnits = 0;
  /// Units the configuration enables no firecrash check for (as displayed):
  /// their "no finding" means nothing was looked for.
  std::vector<std::string> WithoutChecks;
  /// Findings of checks that are not firecrash's (--checks named them).
  size_t otherChecksFindings() const;
};

/// The run-level notice for units without a firecrash check; empty when
/// every unit has one.
std::string withoutChecksNotice(const Report &R);

/// How to build a report.
struct ReportOptions {
  /// Merge summaries across files.
  bool CrossTU = true;
  /// Threads (0: one per core).
  unsigned Jobs = 0;
  /// The sources the units were analysed with in place of the files on
  /// disk, when given.
  const FileOverrides *Overrides = nullptr;
  /// Report a NOLINT that suppresses a firecrash finding without a reason
  /// (firecrash-suppression-reason).
  bool RequireSuppressionReason = false;
  /// Report a NOLINT naming a firecrash check that suppressed nothing
  /// (firecrash-unused-suppression).
  bool ReportUnusedSuppressions = false;
  /// Keep the findings (and summaries) of units that failed to compile,
  /// each marked; by default they are withheld, since after a fatal error
  /// clang leaves templates uninstantiated and evidence missing.
  bool FindingsFromFailedUnits = false;
};

/// A hint for a compiler error about a missing file that a build generates
/// (Qt's moc and uic, protobuf, CMake's autogen, a header under
/// \p BuildDirectory): build those targets first. Empty for other errors.
std::string generatedFileHint(llvm::StringRef Error,
                              llvm::StringRef BuildDirectory);

/// Every rule a report can name, for reports that describe their rules:
/// the checks, then the findings about suppressions, which no check emits
/// (their Register is null).
llvm::ArrayRef<CheckInfo> reportRules();

/// The names of the findings about suppressions, which no check emits.
inline constexpr llvm::StringLiteral SuppressionReasonCheck =
    "firecrash-suppression-reason";
inline constexpr llvm::StringLiteral UnusedSuppressionCheck =
    "firecrash-unused-suppression";

/// Returns a qualified function name as people read it: template argument
/// lists elided ("HttpBinder<…>::handleHttpRequest"), enclosing functions'
/// parameter lists dropped, and a lambda's call operator named by where it
/// is written ("the lambda in 'shop::run'").
std::string readableName(llvm::StringRef QualifiedName);

/// Returns \p File made absolute against \p BuildDirectory (the current
/// directory when empty), with "." and ".." removed.
std::string absolutePath(llvm::StringRef File, llvm::StringRef BuildDirectory);

/// Builds the report of a run. \p Root is the directory paths are shown
/// relative to.
Report buildReport(const std::vector<UnitResult> &Units,
                   const std::string &Root, const ReportOptions &Options = {});

/// Keeps the findings of \p Here that \p Base does not have (matched by
/// MoveKey, as many times as the base has each), and returns how many it
/// left out.
size_t keepIntroduced(Report &Here, const Report &Base);

/// Drops findings whose fingerprint is in \p Baseline.
void applyBaseline(Report &R, const std::set<std::string> &Baseline);

/// Reads a baseline written by writeBaseline.
llvm::Expected<std::set<std::string>> readBaseline(const std::string &Path);
/// Reads the text of a baseline; \p Path names it in errors.
llvm::Expected<std::set<std::string>> parseBaseline(llvm::StringRef Text,
                                                    const std::string &Path);
std::string baselineText(const Report &R);

/// Writes the report to \p OS as clang renders diagnostics, quoting source
/// lines; \p Root resolves the relative paths.
void writeReportText(const Report &R, bool Color, const std::string &Root,
                     llvm::raw_ostream &OS);
/// Writes the JSON report to \p OS as it goes (a report of tens of thousands
/// of findings is never held whole in memory).
void writeReportJson(const Report &R, llvm::raw_ostream &OS);

/// One self-contained HTML page (no network, no external assets): totals
/// by check and by file, a sortable and filterable list of the findings
/// (new and baselined), and for each its source excerpt, chain, borrowed
/// state, notes and fix. \p SourceRoot resolves the relative paths.
void writeReportHtml(const Report &R, const std::string &SourceRoot,
                     llvm::raw_ostream &OS);
/// What a SARIF log says beyond the findings.
struct SarifOptions {
  /// The directory relative paths are relative to (%SRCROOT%), absolute.
  std::string SourceRoot;
  /// The absolute URI the rules' helpUri are relative to, ending in '/':
  /// "<DocsUrl>checks/<name>.md".
  std::string DocsUrl;
  /// runs[0].automationDetails.id: what run of which analysis this is.
  std::string Category = "firecrash/";
};

/// Percent-encodes a path for a URI (RFC 3986), keeping '/'.
std::string uriEncode(llvm::StringRef Path);

/// Writes the SARIF 2.1.0 log to \p OS as it goes.
void writeReportSarif(const Report &R, const SarifOptions &Options,
                      llvm::raw_ostream &OS);

/// True if \p Path exists and is no regular file or directory: a device or
/// a pipe (/dev/null, /dev/stdout, a FIFO), written in place.
bool isDeviceOrPipe(llvm::StringRef Path);

/// Writes \p Text to \p Path through a temporary file and a rename, so a
/// reader never sees half of it; a device or pipe is written in place.
llvm::Error writeAtomically(const std::string &Path, llvm::StringRef Text);
/// The same with the text written by \p Write, so it is never held whole in
/// memory.
llvm::Error writeAtomically(const std::string &Path,
                            llvm::function_ref<void(llvm::raw_ostream &)> Write);

/// Returns true if \p Line of \p File carries NOLINT for \p Check, or the line
/// before NOLINTNEXTLINE, or it lies in a NOLINTBEGIN/NOLINTEND region.
bool suppressedByNolint(SourceFiles &Sources, llvm::StringRef File,
                        unsigned Line, llvm::StringRef Check);
/// The marker that suppresses \p Check at \p Line of \p File, as
/// suppressedByNolint decides it (the innermost region's NOLINTBEGIN).
std::optional<SuppressionMarker> suppressionOf(SourceFiles &Sources,
                                               llvm::StringRef File,
                                               unsigned Line,
                                               llvm::StringRef Check);
/// Every NOLINT-style marker in \p File.
std::vector<SuppressionMarker> suppressionMarkers(SourceFiles &Sources,
                                                  llvm::StringRef File);

} // namespace firecrash

#endif // FIRECRASH_TOOL_REPORT_H
