//===--- SarifReport.cpp - The report as SARIF 2.1.0 ---------------------===//

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
      J.attributeObject("message", [&] { J.attribute("text", jsonText(Text)); });
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
                            jsonText(F.Suppression->Justification));
              J.attributeObject("location", [&] {
                location(F.Suppression->Loc, F.Suppression->Marker);
              });
            }
          });
        });
      J.attribute("ruleId", jsonText(F.Check));
      J.attribute("level", F.Severity == "error" ? "error" : "warning");
      J.attributeObject("message", [&] { J.attribute("text", jsonText(F.Message)); });
      J.attributeArray("locations", [&] {
        J.object([&] {
          location(F.Loc, "");
          // The handler, named as in the diagnostics and in full.
          if (!F.Handler.empty())
            J.attributeArray("logicalLocations", [&] {
              J.object([&] {
                std::string Readable = readableName(F.Handler);
                J.attribute("name", jsonText(Readable));
                J.attribute("fullyQualifiedName", jsonText(Readable));
                J.attribute("decoratedName", jsonText(F.Handler));
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
                                  [&] { J.attribute("text", jsonText(Fix->Text)); });
              });
          });
        });
    });
  }

  void notification(llvm::StringRef Message, const std::string *File,
                    llvm::StringRef Level = "error") {
    J.object([&] {
      J.attribute("level", Level);
      J.attributeObject("message", [&] { J.attribute("text", jsonText(Message)); });
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
                          [&] { J.attribute("id", jsonText(Options.Category)); });
        // Under --diff-base the results are what the change introduces.
        if (R.Diff)
          J.attributeObject("properties", [&] {
            J.attributeObject("diffBase", [&] {
              J.attribute("revision", jsonText(R.Diff->Base));
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

} // namespace firecrash
