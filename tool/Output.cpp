//===--- Output.cpp - text, JSON and SARIF reports ------------------------===//

#include "CheckRegistry.h"
#include "Report.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/JSON.h"
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace firecrash {

using Json = nlohmann::ordered_json;

/// A string for a JSON report: text that is not UTF-8 (a file name in
/// another encoding) is written with U+FFFD.
static llvm::json::Value text(llvm::StringRef Text) {
  if (LLVM_LIKELY(llvm::json::isUTF8(Text)))
    return Text;
  return llvm::json::fixUTF8(Text);
}

/// The version of the JSON report's schema (docs/report-format.md).
static constexpr int ReportFormatVersion = 1;
static constexpr const char *ToolVersion = FIRECRASH_VERSION;

// --- text -------------------------------------------------------------------

static void printLocated(llvm::raw_ostream &OS, bool Color,
                         const ReportLocation &Loc, llvm::StringRef Severity,
                         llvm::StringRef Message, llvm::StringRef Suffix,
                         const std::string &Root, SourceFiles &Sources) {
  if (Color)
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  if (!Loc.File.empty())
    OS << Loc.File << ":" << Loc.Line << ":" << Loc.Column << ": ";
  if (Color)
    OS.changeColor(Severity == "note" ? llvm::raw_ostream::BLACK
                   : Severity == "error" ? llvm::raw_ostream::RED
                                         : llvm::raw_ostream::MAGENTA,
                   /*Bold=*/true);
  OS << Severity << ": ";
  if (Color)
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  OS << Message << Suffix;
  if (Color)
    OS.resetColor();
  OS << "\n";
  if (Loc.File.empty() || Loc.Line == 0)
    return;
  std::string Path = Loc.File;
  if (!llvm::sys::path::is_absolute(Path) && !Root.empty())
    Path = Root + "/" + Path;
  if (Loc.Line > Sources.lineCount(Path))
    return;
  llvm::StringRef Text = Sources.line(Path, Loc.Line);
  OS << llvm::format("%5u | ", Loc.Line) << Text << "\n";
  OS << "      | ";
  for (unsigned I = 1; I < Loc.Column && I - 1 < Text.size(); ++I)
    OS << (Text[I - 1] == '\t' ? '\t' : ' ');
  if (Color)
    OS.changeColor(llvm::raw_ostream::GREEN, /*Bold=*/true);
  OS << "^";
  if (Color)
    OS.resetColor();
  OS << "\n";
}

void writeReportText(const Report &R, bool Color, const std::string &Root,
                     llvm::raw_ostream &OS) {
  OS.enable_colors(Color);
  SourceFiles Sources;
  for (const ReportFinding &F : R.Findings) {
    // As clang-tidy marks a finding promoted by --warnings-as-errors.
    std::string Suffix = " [" + F.Check +
                         (F.Severity == "error" ? ",-warnings-as-errors]" : "]");
    printLocated(OS, Color, F.Loc, F.Severity, F.Message, Suffix, Root,
                 Sources);
    for (const ReportNote &N : F.Notes)
      printLocated(OS, Color, N.Loc, "note", N.Message, "", Root, Sources);
  }
  if (!R.ListSuppressed)
    return;
  for (const ReportFinding &F : R.Suppressed) {
    printLocated(OS, Color, F.Loc, "remark", F.Message, " [" + F.Check + "]",
                 Root, Sources);
    const ReportSuppression &S = *F.Suppression;
    printLocated(OS, Color, S.Loc, "note",
                 "suppressed by '" + S.Marker + "': " +
                     (S.Justification.empty() ? "no reason given"
                                              : S.Justification),
                 "", Root, Sources);
  }
}

// --- JSON -------------------------------------------------------------------

void writeReportJson(const Report &R, llvm::raw_ostream &OS) {
  // Streamed: a report of tens of thousands of findings is not built as a
  // document in memory first.
  llvm::json::OStream J(OS, /*IndentSize=*/2);
  auto Location = [&J](const ReportLocation &Loc) {
    J.attribute("file", text(Loc.File));
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
        J.attribute("check", text(F.Check));
        J.attribute("severity", text(F.Severity));
        J.attribute("message", text(F.Message));
        Location(F.Loc);
        // Names as people read them, and in full.
        J.attribute("handler", text(readableName(F.Handler)));
        J.attribute("handler_full", text(F.Handler));
        J.attribute("handler_reason", text(F.HandlerReason));
        J.attribute("callee", text(F.Callee));
        J.attribute("detached_type", text(F.DetachedType));
        J.attribute("detached_reason", text(F.DetachedReason));
        J.attribute("exception_policy", text(F.ExceptionPolicy));
        J.attribute("suggestion", text(F.Suggestion));
        J.attribute("cross_translation_unit", F.CrossTranslationUnit);
        J.attributeArray("chain", [&] {
          for (const ReportHop &Hop : F.Chain)
            J.object([&] {
              Location(Hop.Loc);
              J.attribute("function", text(readableName(Hop.Function)));
              J.attribute("function_full", text(Hop.Function));
              J.attribute("callee", text(readableName(Hop.Callee)));
              J.attribute("callee_full", text(Hop.Callee));
            });
        });
        J.attributeArray("borrowed", [&] {
          for (const BorrowRecord &B : F.Borrowed)
            J.object([&] {
              J.attribute("kind", text(B.Kind));
              J.attribute("name", text(B.Name));
              J.attribute("explanation", text(B.Explanation));
            });
        });
        J.attributeArray("notes", [&] {
          for (const ReportNote &N : F.Notes)
            J.object([&] {
              Location(N.Loc);
              J.attribute("message", text(N.Message));
            });
        });
        J.attributeArray("fixes", [&] {
          for (const ReportReplacement &Fix : F.Fixes)
            J.object([&] {
              J.attribute("file", text(Fix.File));
              J.attribute("offset", Fix.Offset);
              J.attribute("length", Fix.Length);
              J.attributeObject("start", [&] { Location(Fix.Begin); });
              J.attributeObject("end", [&] { Location(Fix.End); });
              J.attribute("replacement", text(Fix.Text));
            });
        });
        J.attribute("fingerprint", text(F.Fingerprint));
        if (F.FromFailedUnit)
          J.attribute("from_failed_unit", true);
        if (F.Suppression)
          J.attributeObject("suppression", [&] {
            J.attribute("kind", F.Suppression->Kind);
            J.attribute("justification", text(F.Suppression->Justification));
            J.attribute("marker", text(F.Suppression->Marker));
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
        J.attribute("file", text(E.File));
        J.attribute("message", text(E.Message));
      });
  });
  J.attributeArray("failures", [&] {
    for (const ReportFailure &F : R.Failures)
      J.object([&] {
        J.attribute("file", text(F.File));
        J.attribute("kind", F.Kind);
        J.attributeArray("messages", [&] {
          for (const std::string &M : F.Messages)
            J.value(text(M));
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
        J.attribute("message", text(withoutChecksNotice(R)));
        J.attributeArray("files", [&] {
          for (const std::string &File : R.WithoutChecks)
            J.value(text(File));
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
        J.attribute("revision", text(R.Diff->Base));
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

// --- findings about suppressions -------------------------------------------

llvm::ArrayRef<CheckInfo> reportRules() {
  static const CheckInfo Suppressions[] = {
      {SuppressionReasonCheck, "a NOLINT that suppresses a firecrash finding "
                               "gives no reason",
       "docs/checks/suppressions.md", nullptr, "SuppressionWithoutReason",
       "Under --require-suppression-reason, a NOLINT, NOLINTNEXTLINE or "
       "NOLINTBEGIN comment that suppresses a firecrash finding must say why "
       "after a colon, so reviewers and code-scanning services can judge it.",
       "Write the reason after the comment's check list: "
       "'// NOLINT(firecrash-detached-borrow): the config outlives the "
       "io_context'."},
      {UnusedSuppressionCheck, "a NOLINT naming a firecrash check suppresses "
                               "nothing",
       "docs/checks/suppressions.md", nullptr, "UnusedSuppression",
       "Under --report-unused-suppressions, a NOLINT-style comment that names "
       "a firecrash check and suppressed no finding in the run: it is stale, "
       "and would hide the next finding written there.",
       "Remove the comment, or move it to the line whose finding it is "
       "meant for."}};
  static const std::vector<CheckInfo> Rules = [] {
    std::vector<CheckInfo> All(allChecks().begin(), allChecks().end());
    All.insert(All.end(), std::begin(Suppressions), std::end(Suppressions));
    return All;
  }();
  return Rules;
}

// --- SARIF 2.1.0 ------------------------------------------------------------

std::string uriEncode(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || C == '/' || C == '-' || C == '.' || C == '_' ||
        C == '~') {
      Out += static_cast<char>(C);
      continue;
    }
    static const char Hex[] = "0123456789ABCDEF";
    Out += '%';
    Out += Hex[C >> 4];
    Out += Hex[C & 15];
  }
  return Out;
}

namespace {

/// Writes SARIF 2.1.0 as a stream: a merge's report of tens of thousands of
/// results is not built as a document first.
class SarifWriter {
public:
  explicit SarifWriter(llvm::raw_ostream &OS) : J(OS, /*IndentSize=*/2) {}

  /// A file as SARIF wants it: relative to %SRCROOT% when inside the source
  /// root, else an absolute file URI.
  void artifactLocation(const std::string &File) {
    J.attributeObject("artifactLocation", [&] {
      if (llvm::sys::path::is_absolute(File)) {
        J.attribute("uri", "file://" + uriEncode(File));
        return;
      }
      J.attribute("uri", uriEncode(File));
      J.attribute("uriBaseId", "%SRCROOT%");
    });
  }

  /// The members of a location; \p Id numbers related locations.
  void location(const ReportLocation &Loc, llvm::StringRef Text,
                size_t Id = 0) {
    J.attributeObject("physicalLocation", [&] {
      artifactLocation(Loc.File);
      J.attributeObject("region", [&] {
        J.attribute("startLine", std::max(1u, Loc.Line));
        if (Loc.Column)
          J.attribute("startColumn", Loc.Column);
      });
    });
    if (!Text.empty())
      J.attributeObject("message", [&] { J.attribute("text", text(Text)); });
    if (Id)
      J.attribute("id", static_cast<int64_t>(Id));
  }

  void rule(const CheckInfo &Check, const std::string &DocsUrl) {
    std::string Page = llvm::sys::path::filename(Check.DocsPath).str();
    std::string HelpUri = DocsUrl + "checks/" + Page;
    J.object([&] {
      J.attribute("id", Check.Name);
      J.attribute("name", Check.DisplayName);
      J.attributeObject("shortDescription",
                        [&] { J.attribute("text", Check.Summary); });
      J.attributeObject("fullDescription",
                        [&] { J.attribute("text", Check.Description); });
      J.attributeObject("help", [&] {
        J.attribute("text", Check.Help.str() + " See " + HelpUri + ".");
        J.attribute("markdown", Check.Help.str() + " See [the check's page](" +
                                    HelpUri + ").");
      });
      J.attribute("helpUri", HelpUri);
      J.attributeObject("defaultConfiguration",
                        [&] { J.attribute("level", "warning"); });
      J.attributeObject("properties", [&] {
        // Tags for code-scanning services: what kind of problem it finds.
        J.attributeArray("tags", [&] {
          J.value("reliability");
          J.value("concurrency");
          J.value("coroutines");
          // Borrowed state that dies first is a use-after-free.
          if (Check.Register && Check.Name != "firecrash-unawaited-task") {
            J.value("security");
            J.value("external/cwe/cwe-416");
          }
        });
      });
    });
  }

  void result(const ReportFinding &F,
              const std::map<llvm::StringRef, unsigned> &RuleIndex,
              bool Baselined = false) {
    J.object([&] {
      if (F.Suppression || Baselined)
        J.attributeArray("suppressions", [&] {
          J.object([&] {
            if (Baselined) {
              J.attribute("kind", "external");
              J.attribute("justification", "listed in the baseline");
            } else {
              J.attribute("kind", "inSource");
              if (!F.Suppression->Justification.empty())
                J.attribute("justification",
                            text(F.Suppression->Justification));
              J.attributeObject("location", [&] {
                location(F.Suppression->Loc, F.Suppression->Marker);
              });
            }
          });
        });
      J.attribute("ruleId", text(F.Check));
      J.attribute("level", F.Severity == "error" ? "error" : "warning");
      J.attributeObject("message", [&] { J.attribute("text", text(F.Message)); });
      J.attributeArray("locations", [&] {
        J.object([&] {
          location(F.Loc, "");
          // The handler, named as in the diagnostics and in full.
          if (!F.Handler.empty())
            J.attributeArray("logicalLocations", [&] {
              J.object([&] {
                std::string Readable = readableName(F.Handler);
                J.attribute("name", text(Readable));
                J.attribute("fullyQualifiedName", text(Readable));
                J.attribute("decoratedName", text(F.Handler));
                J.attribute("kind", "function");
              });
            });
        });
      });
      J.attributeObject("partialFingerprints",
                        [&] { J.attribute("firecrash/v1", F.Fingerprint); });
      if (auto It = RuleIndex.find(F.Check); It != RuleIndex.end())
        J.attribute("ruleIndex", It->second);
      J.attributeArray("relatedLocations", [&] {
        for (size_t I = 0; I < F.Notes.size(); ++I)
          J.object([&] {
            location(F.Notes[I].Loc, F.Notes[I].Message, I + 1);
          });
      });
      if (F.Chain.size() > 1)
        J.attributeArray("codeFlows", [&] {
          J.object([&] {
            J.attributeArray("threadFlows", [&] {
              J.object([&] {
                J.attributeArray("locations", [&] {
                  for (const ReportHop &Hop : F.Chain)
                    J.object([&] {
                      J.attributeObject("location", [&] {
                        location(Hop.Loc, "'" + Hop.Function + "' calls '" +
                                              Hop.Callee + "'");
                      });
                    });
                });
              });
            });
          });
        });
      if (!F.Fixes.empty())
        J.attributeArray("fixes", [&] {
          J.object([&] {
            J.attributeObject("description", [&] {
              J.attribute("text", "return a task and co_await it at the call");
            });
            fixChanges(F.Fixes);
          });
        });
    });
  }

  /// The fix's changes, one per file in file order.
  void fixChanges(const std::vector<ReportReplacement> &Fixes) {
    std::map<llvm::StringRef, std::vector<const ReportReplacement *>> PerFile;
    for (const ReportReplacement &Fix : Fixes)
      PerFile[Fix.File].push_back(&Fix);
    J.attributeArray("artifactChanges", [&] {
      for (const auto &[File, Replacements] : PerFile)
        J.object([&] {
          artifactLocation(File.str());
          J.attributeArray("replacements", [&] {
            for (const ReportReplacement *Fix : Replacements)
              J.object([&] {
                J.attributeObject("deletedRegion", [&] {
                  J.attribute("startLine", Fix->Begin.Line);
                  J.attribute("startColumn", Fix->Begin.Column);
                  J.attribute("endLine", Fix->End.Line);
                  J.attribute("endColumn", Fix->End.Column);
                });
                J.attributeObject("insertedContent",
                                  [&] { J.attribute("text", text(Fix->Text)); });
              });
          });
        });
    });
  }

  void notification(llvm::StringRef Message, const std::string *File,
                    llvm::StringRef Level = "error") {
    J.object([&] {
      J.attribute("level", Level);
      J.attributeObject("message", [&] { J.attribute("text", text(Message)); });
      if (File)
        J.attributeArray("locations", [&] {
          J.object([&] {
            J.attributeObject("physicalLocation",
                              [&] { artifactLocation(*File); });
          });
        });
    });
  }

  llvm::json::OStream J;
};

} // namespace

void writeReportSarif(const Report &R, const SarifOptions &Options,
                      llvm::raw_ostream &OS) {
  SarifWriter W(OS);
  llvm::json::OStream &J = W.J;
  std::map<llvm::StringRef, unsigned> RuleIndex;
  for (const CheckInfo &Check : reportRules())
    RuleIndex.emplace(Check.Name, RuleIndex.size());
  J.object([&] {
    J.attribute("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    J.attribute("version", "2.1.0");
    J.attributeArray("runs", [&] {
      J.object([&] {
        J.attributeObject("tool", [&] {
          J.attributeObject("driver", [&] {
            J.attribute("name", "firecrash");
            J.attribute("version", ToolVersion);
            J.attribute("semanticVersion", ToolVersion);
            J.attribute("informationUri", Options.DocsUrl + "tool.md");
            J.attributeArray("rules", [&] {
              for (const CheckInfo &Check : reportRules())
                W.rule(Check, Options.DocsUrl);
            });
          });
        });
        J.attributeObject("automationDetails",
                          [&] { J.attribute("id", text(Options.Category)); });
        // Under --diff-base the results are what the change introduces.
        if (R.Diff)
          J.attributeObject("properties", [&] {
            J.attributeObject("diffBase", [&] {
              J.attribute("revision", text(R.Diff->Base));
              J.attribute("commit", R.Diff->Commit);
              J.attribute("changedFiles",
                          static_cast<int64_t>(R.Diff->ChangedFiles));
              J.attribute("unitsAffected",
                          static_cast<int64_t>(R.Diff->UnitsAffected));
              J.attribute("presentAtBase",
                          static_cast<int64_t>(R.Diff->Existing));
            });
          });
        J.attributeObject("originalUriBaseIds", [&] {
          J.attributeObject("%SRCROOT%", [&] {
            J.attribute("uri",
                        "file://" + uriEncode(Options.SourceRoot) +
                            (llvm::StringRef(Options.SourceRoot).ends_with("/")
                                 ? ""
                                 : "/"));
          });
        });
        // Suppressed findings too, marked so code-scanning services show
        // them dismissed: NOLINT's in source, the baseline's external.
        J.attributeArray("results", [&] {
          for (const ReportFinding &F : R.Findings)
            W.result(F, RuleIndex);
          for (const ReportFinding &F : R.Suppressed)
            W.result(F, RuleIndex);
          for (const ReportFinding &F : R.BaselinedFindings)
            W.result(F, RuleIndex, /*Baselined=*/true);
        });
        J.attributeArray("invocations", [&] {
          J.object([&] {
            J.attribute("executionSuccessful",
                        R.Errors.empty() && R.ConfigurationErrors.empty());
            J.attributeArray("toolExecutionNotifications", [&] {
              for (const ReportError &E : R.Errors)
                W.notification(E.Message, &E.File);
              for (const std::string &E : R.ConfigurationErrors)
                W.notification(E, nullptr);
            });
            // The configuration left units with nothing to look for.
            if (!R.WithoutChecks.empty())
              J.attributeArray("toolConfigurationNotifications", [&] {
                W.notification(withoutChecksNotice(R), nullptr, "warning");
              });
          });
        });
      });
    });
  });
  J.flush();
  OS << "\n";
}

// --- baselines --------------------------------------------------------------

std::string baselineText(const Report &R) {
  std::set<std::string> Fingerprints;
  for (const ReportFinding &F : R.Findings)
    Fingerprints.insert(F.Fingerprint);
  Json Out = {{"version", ReportFormatVersion},
              {"tool", "firecrash"},
              {"fingerprints", Fingerprints}};
  // Text that is not UTF-8 (a file name in another encoding) is shown
  // with U+FFFD, not a reason to abort.
  return Out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

llvm::Expected<std::set<std::string>> readBaseline(const std::string &Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(),
                                   "cannot read baseline '%s': %s",
                                   Path.c_str(),
                                   Buffer.getError().message().c_str());
  return parseBaseline((*Buffer)->getBuffer(), Path);
}

llvm::Expected<std::set<std::string>> parseBaseline(llvm::StringRef Text,
                                                    const std::string &Path) {
  Json Parsed = Json::parse(Text.begin(), Text.end(), nullptr,
                            /*allow_exceptions=*/false);
  if (Parsed.is_discarded() || !Parsed.is_object() ||
      !Parsed.contains("fingerprints") || !Parsed["fingerprints"].is_array())
    return llvm::createStringError(
        std::make_error_code(std::errc::invalid_argument),
        "'%s' is not a firecrash baseline (expected a JSON object with a "
        "'fingerprints' array)",
        Path.c_str());
  std::set<std::string> Result;
  for (const Json &Entry : Parsed["fingerprints"])
    if (Entry.is_string())
      Result.insert(Entry.get<std::string>());
  return Result;
}

} // namespace firecrash
