//===--- Output.cpp - text, JSON and SARIF reports ------------------------===//

#include "CheckRegistry.h"
#include "Report.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <map>
#include "llvm/Support/JSON.h"
#include <nlohmann/json.hpp>
#include <set>

namespace firecrash {

using Json = nlohmann::ordered_json;

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

std::string reportText(const Report &R, bool Color, const std::string &Root) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
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
  return Text;
}

// --- JSON -------------------------------------------------------------------

std::string reportJson(const Report &R) {
  // Streamed: a report of tens of thousands of findings is not built as a
  // document in memory first.
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS.SetBuffered(); // unbuffered, each token would grow the string

  llvm::json::OStream J(OS, /*IndentSize=*/2);
  auto Location = [&J](const ReportLocation &Loc) {
    J.attribute("file", Loc.File);
    J.attribute("line", Loc.Line);
    J.attribute("column", Loc.Column);
  };
  std::map<std::string, unsigned> PerCheck;
  for (const CheckInfo &Check : allChecks())
    PerCheck[Check.Name.str()] = 0;
  J.objectBegin();
  J.attribute("version", ReportFormatVersion);
  J.attributeObject("tool", [&] {
    J.attribute("name", "firecrash");
    J.attribute("version", ToolVersion);
  });
  J.attributeArray("findings", [&] {
    for (const ReportFinding &F : R.Findings) {
      ++PerCheck[F.Check];
      J.object([&] {
        J.attribute("check", F.Check);
        J.attribute("severity", F.Severity);
        J.attribute("message", F.Message);
        Location(F.Loc);
        J.attribute("handler", F.Handler);
        J.attribute("handler_reason", F.HandlerReason);
        J.attribute("callee", F.Callee);
        J.attribute("detached_type", F.DetachedType);
        J.attribute("detached_reason", F.DetachedReason);
        J.attribute("exception_policy", F.ExceptionPolicy);
        J.attribute("suggestion", F.Suggestion);
        J.attribute("cross_translation_unit", F.CrossTranslationUnit);
        J.attributeArray("chain", [&] {
          for (const ReportHop &Hop : F.Chain)
            J.object([&] {
              Location(Hop.Loc);
              J.attribute("function", Hop.Function);
              J.attribute("callee", Hop.Callee);
            });
        });
        J.attributeArray("borrowed", [&] {
          for (const BorrowRecord &B : F.Borrowed)
            J.object([&] {
              J.attribute("kind", B.Kind);
              J.attribute("name", B.Name);
              J.attribute("explanation", B.Explanation);
            });
        });
        J.attributeArray("notes", [&] {
          for (const ReportNote &N : F.Notes)
            J.object([&] {
              Location(N.Loc);
              J.attribute("message", N.Message);
            });
        });
        J.attributeArray("fixes", [&] {
          for (const ReportReplacement &Fix : F.Fixes)
            J.object([&] {
              J.attribute("file", Fix.File);
              J.attribute("offset", Fix.Offset);
              J.attribute("length", Fix.Length);
              J.attributeObject("start", [&] { Location(Fix.Begin); });
              J.attributeObject("end", [&] { Location(Fix.End); });
              J.attribute("replacement", Fix.Text);
            });
        });
        J.attribute("fingerprint", F.Fingerprint);
      });
    }
  });
  J.attributeArray("errors", [&] {
    for (const ReportError &E : R.Errors)
      J.object([&] {
        J.attribute("file", E.File);
        J.attribute("message", E.Message);
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
  });
  J.objectEnd();
  J.flush();
  OS << "\n";
  OS.flush();
  return Text;
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

/// A file as SARIF wants it: relative to %SRCROOT% when inside the source
/// root, else an absolute file URI.
static Json artifactLocation(const std::string &File) {
  if (llvm::sys::path::is_absolute(File))
    return {{"uri", "file://" + uriEncode(File)}};
  return {{"uri", uriEncode(File)}, {"uriBaseId", "%SRCROOT%"}};
}

static Json sarifLocation(const ReportLocation &Loc, const std::string &Text) {
  Json Region = {{"startLine", std::max(1u, Loc.Line)}};
  if (Loc.Column)
    Region["startColumn"] = Loc.Column;
  Json Physical = {{"artifactLocation", artifactLocation(Loc.File)},
                   {"region", std::move(Region)}};
  Json Out = {{"physicalLocation", std::move(Physical)}};
  if (!Text.empty())
    Out["message"] = {{"text", Text}};
  return Out;
}

/// Tags for code-scanning services: what kind of problem each check finds.
static Json ruleTags(llvm::StringRef Check) {
  Json Tags = {"reliability", "concurrency", "coroutines"};
  // Borrowed state that dies first is a use-after-free.
  if (Check != "firecrash-unawaited-task") {
    Tags.push_back("security");
    Tags.push_back("external/cwe/cwe-416");
  }
  return Tags;
}

std::string reportSarif(const Report &R, const SarifOptions &Options) {
  Json Rules = Json::array();
  std::map<std::string, unsigned> RuleIndex;
  for (const CheckInfo &Check : allChecks()) {
    RuleIndex[Check.Name.str()] = static_cast<unsigned>(Rules.size());
    std::string Page = llvm::sys::path::filename(Check.DocsPath).str();
    std::string HelpUri = Options.DocsUrl + "checks/" + Page;
    Rules.push_back(
        {{"id", Check.Name.str()},
         {"name", Check.DisplayName.str()},
         {"shortDescription", {{"text", Check.Summary.str()}}},
         {"fullDescription", {{"text", Check.Description.str()}}},
         {"help",
          {{"text", Check.Help.str() + " See " + HelpUri + "."},
           {"markdown", Check.Help.str() + " See [the check's page](" +
                            HelpUri + ")."}}},
         {"helpUri", HelpUri},
         {"defaultConfiguration", {{"level", "warning"}}},
         {"properties", {{"tags", ruleTags(Check.Name)}}}});
  }
  Json Results = Json::array();
  for (const ReportFinding &F : R.Findings) {
    Json Result = {{"ruleId", F.Check},
                   {"level", F.Severity == "error" ? "error" : "warning"},
                   {"message", {{"text", F.Message}}},
                   {"locations", Json::array({sarifLocation(F.Loc, "")})},
                   {"partialFingerprints", {{"firecrash/v1", F.Fingerprint}}}};
    if (auto It = RuleIndex.find(F.Check); It != RuleIndex.end())
      Result["ruleIndex"] = It->second;
    Json Related = Json::array();
    for (size_t I = 0; I < F.Notes.size(); ++I) {
      Json L = sarifLocation(F.Notes[I].Loc, F.Notes[I].Message);
      L["id"] = I + 1;
      Related.push_back(std::move(L));
    }
    Result["relatedLocations"] = std::move(Related);
    if (F.Chain.size() > 1) {
      Json Steps = Json::array();
      for (const ReportHop &Hop : F.Chain)
        Steps.push_back({{"location",
                          sarifLocation(Hop.Loc, "'" + Hop.Function +
                                                     "' calls '" + Hop.Callee +
                                                     "'")}});
      Result["codeFlows"] = Json::array(
          {{{"threadFlows", Json::array({{{"locations", std::move(Steps)}}})}}});
    }
    if (!F.Fixes.empty()) {
      std::map<std::string, Json> PerFile;
      for (const ReportReplacement &Fix : F.Fixes) {
        Json &Change = PerFile[Fix.File];
        if (Change.is_null())
          Change = {{"artifactLocation", artifactLocation(Fix.File)},
                    {"replacements", Json::array()}};
        Change["replacements"].push_back(
            {{"deletedRegion",
              {{"startLine", Fix.Begin.Line},
               {"startColumn", Fix.Begin.Column},
               {"endLine", Fix.End.Line},
               {"endColumn", Fix.End.Column}}},
             {"insertedContent", {{"text", Fix.Text}}}});
      }
      Json Changes = Json::array();
      for (auto &[File, Change] : PerFile)
        Changes.push_back(std::move(Change));
      Result["fixes"] = Json::array(
          {{{"description",
             {{"text", "return a task and co_await it at the call"}}},
            {"artifactChanges", std::move(Changes)}}});
    }
    Results.push_back(std::move(Result));
  }
  Json Notifications = Json::array();
  for (const ReportError &E : R.Errors)
    Notifications.push_back(
        {{"level", "error"},
         {"message", {{"text", E.Message}}},
         {"locations",
          Json::array({{{"physicalLocation",
                         {{"artifactLocation", artifactLocation(E.File)}}}}})}});
  for (const std::string &E : R.ConfigurationErrors)
    Notifications.push_back({{"level", "error"}, {"message", {{"text", E}}}});
  Json Out = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       Json::array({{{"tool",
                      {{"driver",
                        {{"name", "firecrash"},
                         {"version", ToolVersion},
                         {"semanticVersion", ToolVersion},
                         {"informationUri", Options.DocsUrl + "tool.md"},
                         {"rules", std::move(Rules)}}}}},
                     {"automationDetails", {{"id", Options.Category}}},
                     {"originalUriBaseIds",
                      {{"%SRCROOT%",
                        {{"uri", "file://" + uriEncode(Options.SourceRoot) +
                                     (llvm::StringRef(Options.SourceRoot)
                                              .ends_with("/")
                                          ? ""
                                          : "/")}}}}},
                     {"results", std::move(Results)},
                     {"invocations",
                      Json::array({{{"executionSuccessful",
                                     R.Errors.empty() &&
                                         R.ConfigurationErrors.empty()},
                                    {"toolExecutionNotifications",
                                     std::move(Notifications)}}})}}})}};
  // Text that is not UTF-8 (a file name in another encoding) is shown
  // with U+FFFD, not a reason to abort.
  return Out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
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
  Json Parsed = Json::parse((*Buffer)->getBuffer().begin(),
                            (*Buffer)->getBuffer().end(), nullptr,
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
