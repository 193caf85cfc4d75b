//===--- report_writers.cpp - fuzz the report writers ---------------------===//
//
// A report whose every string comes from the input (invalid UTF-8, NULs,
// control characters, huge lines), written as text, JSON, SARIF and HTML,
// with a suppressed and a baselined finding and a --diff-base summary.
// JSON and SARIF must stay valid JSON whatever the strings hold. Files are
// named under a directory that does not exist, so the writers' source
// excerpts read nothing from disk.
//
//===----------------------------------------------------------------------===//

#include "Report.h"
#include <cstdlib>
#include <simdjson.h>

namespace {

/// The input cut at NULs, as the report's strings.
struct Strings {
  std::vector<std::string> Parts;
  size_t Next = 0;
  std::string take() {
    return Parts.empty() ? std::string() : Parts[Next++ % Parts.size()];
  }
  unsigned number() {
    std::string S = take();
    unsigned N = 0;
    for (unsigned char C : S)
      N = N * 31 + C;
    return N % 5000;
  }
};

void expectJson(const std::string &Text, const char *What) {
  // Read as firecrash reads JSON: with simdjson.
  simdjson::dom::parser Parser;
  simdjson::dom::element Parsed;
  if (Parser.parse(Text).get(Parsed)) {
    llvm::errs() << What << " is not valid JSON:\n" << Text << "\n";
    std::abort();
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  Strings S;
  std::string Current;
  for (size_t I = 0; I < Size; ++I) {
    if (Data[I] == 0) {
      S.Parts.push_back(std::move(Current));
      Current.clear();
    } else {
      Current.push_back(static_cast<char>(Data[I]));
    }
  }
  S.Parts.push_back(std::move(Current));
  const std::string Root = "/nonexistent-firecrash-fuzz";
  auto File = [&] { return Root + "/" + S.take(); };

  firecrash::Report R;
  for (int F = 0; F < 2; ++F) {
    firecrash::ReportFinding Finding;
    Finding.Check = "firecrash-" + S.take();
    Finding.Message = S.take();
    Finding.Loc = {File(), S.number(), S.number()};
    Finding.Handler = S.take();
    Finding.HandlerReason = S.take();
    Finding.Callee = S.take();
    Finding.DetachedType = S.take();
    Finding.DetachedReason = S.take();
    Finding.ExceptionPolicy = S.take();
    Finding.Suggestion = S.take();
    Finding.Chain.push_back({S.take(), S.take(), {File(), S.number(), 1}});
    firecrash::BorrowRecord Borrow;
    Borrow.Kind = S.take();
    Borrow.Name = S.take();
    Borrow.Explanation = S.take();
    Finding.Borrowed.push_back(Borrow);
    Finding.Notes.push_back({{File(), S.number(), S.number()}, S.take()});
    firecrash::ReportReplacement Fix;
    Fix.File = File();
    Fix.Offset = S.number();
    Fix.Length = S.number();
    Fix.Begin = {Fix.File, 1, 1};
    Fix.End = {Fix.File, 1, 2};
    Fix.Text = S.take();
    Finding.Fixes.push_back(Fix);
    Finding.Fingerprint = S.take();
    // The second is one a NOLINT comment suppressed, with its reason.
    if (F == 1) {
      firecrash::ReportSuppression Why;
      Why.Kind = "inSource";
      Why.Justification = S.take();
      Why.Marker = S.take();
      Why.Loc = {File(), S.number(), S.number()};
      Finding.Suppression = Why;
      R.Suppressed.push_back(Finding);
      R.BaselinedFindings.push_back(Finding);
    }
    R.Findings.push_back(std::move(Finding));
  }
  R.ListSuppressed = true;
  firecrash::DiffSummary Diff;
  Diff.Base = S.take();
  Diff.Commit = S.take();
  R.Diff = Diff;
  R.Errors.push_back({File(), S.take()});
  R.Failures.push_back({File(), "crash", {S.take()}});
  R.ConfigurationErrors.push_back(S.take());
  R.FilesAnalyzed = 2;
  R.FilesFailed = 1;

  std::string Json;
  llvm::raw_string_ostream JsonOut(Json);
  firecrash::writeReportJson(R, JsonOut);
  JsonOut.flush();
  expectJson(Json, "the JSON report");

  std::string Sarif;
  llvm::raw_string_ostream SarifOut(Sarif);
  firecrash::SarifOptions Options;
  Options.SourceRoot = Root;
  Options.DocsUrl = "file:///usr/share/doc/firecrash/";
  firecrash::writeReportSarif(R, Options, SarifOut);
  SarifOut.flush();
  expectJson(Sarif, "the SARIF log");

  llvm::raw_null_ostream Null;
  firecrash::writeReportText(R, /*Color=*/Size % 2, Root, Null);
  (void)firecrash::readableName(S.take());
  firecrash::writeReportHtml(R, Root, Null);
  (void)firecrash::baselineText(R);
  return 0;
}
