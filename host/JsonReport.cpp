//===--- JsonReport.cpp - The JSON report (docs/report-format.md) --------===//

#include "CheckRegistry.h"
#include "Report.h"
#include "Writers.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <map>
#include <set>

namespace firecrash {


void writeReportJson(const Report &R, llvm::raw_ostream &OS) {
  // Streamed: a report of tens of thousands of findings is not built as a
  // document in memory first.
  llvm::json::OStream J(OS, /*IndentSize=*/2);
  auto Location = [&J](const ReportLocation &Loc) {
    J.attribute("file", jsonText(Loc.File));
    J.attribute("line", Loc.Line);
    J.attribute("column", Loc.Column);
  };
  std::map<std::string, unsigned> PerCheck;
  for (const CheckInfo &Check : reportRules())
    PerCheck[Check.Name.str()] = 0;
  J.objectBegin();
  J.attribute("version", ReportFormatVersion);
  J.attributeObject("tool", [&] {
    J.attribute("name", "firecrash");
    J.attribute("version", ToolVersion);
  });
  auto Finding = [&](const ReportFinding &F) {
      J.object([&] {
        J.attribute("check", jsonText(F.Check));
        J.attribute("severity", jsonText(F.Severity));
        J.attribute("message", jsonText(F.Message));
        Location(F.Loc);
        // Names as people read them, and in full.
        J.attribute("handler", jsonText(readableName(F.Handler)));
        J.attribute("handler_full", jsonText(F.Handler));
        J.attribute("handler_reason", jsonText(F.HandlerReason));
        J.attribute("callee", jsonText(F.Callee));
        J.attribute("detached_type", jsonText(F.DetachedType));
        J.attribute("detached_reason", jsonText(F.DetachedReason));
        J.attribute("exception_policy", jsonText(F.ExceptionPolicy));
        J.attribute("suggestion", jsonText(F.Suggestion));
        J.attribute("cross_translation_unit", F.CrossTranslationUnit);
        J.attributeArray("chain", [&] {
          for (const ReportHop &Hop : F.Chain)
            J.object([&] {
              Location(Hop.Loc);
              J.attribute("function", jsonText(readableName(Hop.Function)));
              J.attribute("function_full", jsonText(Hop.Function));
              J.attribute("callee", jsonText(readableName(Hop.Callee)));
              J.attribute("callee_full", jsonText(Hop.Callee));
            });
        });
        J.attributeArray("borrowed", [&] {
          for (const BorrowRecord &B : F.Borrowed)
            J.object([&] {
              J.attribute("kind", jsonText(B.Kind));
              J.attribute("name", jsonText(B.Name));
              J.attribute("explanation", jsonText(B.Explanation));
            });
        });
        J.attributeArray("notes", [&] {
          for (const ReportNote &N : F.Notes)
            J.object([&] {
              Location(N.Loc);
              J.attribute("message", jsonText(N.Message));
            });
        });
        J.attributeArray("fixes", [&] {
          for (const ReportReplacement &Fix : F.Fixes)
            J.object([&] {
              J.attribute("file", jsonText(Fix.File));
              J.attribute("offset", Fix.Offset);
              J.attribute("length", Fix.Length);
              J.attributeObject("start", [&] { Location(Fix.Begin); });
              J.attributeObject("end", [&] { Location(Fix.End); });
              J.attribute("replacement", jsonText(Fix.Text));
            });
        });
        J.attribute("fingerprint", jsonText(F.Fingerprint));
        if (F.FromFailedUnit)
          J.attribute("from_failed_unit", true);
        if (F.Suppression)
          J.attributeObject("suppression", [&] {
            J.attribute("kind", F.Suppression->Kind);
            J.attribute("justification", jsonText(F.Suppression->Justification));
            J.attribute("marker", jsonText(F.Suppression->Marker));
            Location(F.Suppression->Loc);
          });
      });
  };
  J.attributeArray("findings", [&] {
    for (const ReportFinding &F : R.Findings) {
      ++PerCheck[F.Check];
      Finding(F);
    }
  });
  // Under --list-suppressed: what NOLINT comments hid, and why.
  if (R.ListSuppressed)
    J.attributeArray("suppressed", [&] {
      for (const ReportFinding &F : R.Suppressed)
        Finding(F);
    });
  J.attributeArray("errors", [&] {
    for (const ReportError &E : R.Errors)
      J.object([&] {
        J.attribute("file", jsonText(E.File));
        J.attribute("message", jsonText(E.Message));
      });
  });
  J.attributeArray("failures", [&] {
    for (const ReportFailure &F : R.Failures)
      J.object([&] {
        J.attribute("file", jsonText(F.File));
        J.attribute("kind", F.Kind);
        J.attributeArray("messages", [&] {
          for (const std::string &M : F.Messages)
            J.value(jsonText(M));
        });
      });
  });
  // Run-level notices: units the configuration left without a firecrash
  // check.
  J.attributeArray("notifications", [&] {
    if (!R.WithoutChecks.empty())
      J.object([&] {
        J.attribute("level", "warning");
        J.attribute("kind", "no-firecrash-checks");
        J.attribute("message", jsonText(withoutChecksNotice(R)));
        J.attributeArray("files", [&] {
          for (const std::string &File : R.WithoutChecks)
            J.value(jsonText(File));
        });
      });
  });
  J.attributeObject("summary", [&] {
    J.attribute("findings", static_cast<int64_t>(R.Findings.size()));
    J.attributeObject("by_check", [&] {
      for (const auto &[Name, Count] : PerCheck)
        J.attribute(Name, Count);
    });
    J.attribute("baselined", static_cast<int64_t>(R.Baselined));
    J.attribute("files_analyzed", static_cast<int64_t>(R.FilesAnalyzed));
    J.attribute("files_failed", static_cast<int64_t>(R.FilesFailed));
    J.attribute("files_skipped", static_cast<int64_t>(R.FilesSkipped));
    J.attribute("suppressed", static_cast<int64_t>(R.Suppressed.size()));
    J.attribute("other_checks", static_cast<int64_t>(R.otherChecksFindings()));
    J.attribute("withheld_from_failed_units",
                static_cast<int64_t>(R.WithheldFromFailedUnits));
    if (R.Diff)
      J.attributeObject("diff_base", [&] {
        J.attribute("revision", jsonText(R.Diff->Base));
        J.attribute("commit", R.Diff->Commit);
        J.attribute("changed_files", static_cast<int64_t>(R.Diff->ChangedFiles));
        J.attribute("units_affected",
                    static_cast<int64_t>(R.Diff->UnitsAffected));
        J.attribute("analysed_here", static_cast<int64_t>(R.Diff->AnalysedHere));
        J.attribute("analysed_at_base",
                    static_cast<int64_t>(R.Diff->AnalysedAtBase));
        J.attribute("present_at_base", static_cast<int64_t>(R.Diff->Existing));
      });
  });
  J.objectEnd();
  J.flush();
  OS << "\n";
}

} // namespace firecrash
