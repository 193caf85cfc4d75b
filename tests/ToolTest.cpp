//===--- ToolTest.cpp - the firecrash command-line tool, end to end -------===//
//
// Runs the built firecrash binary over test-inputs/projects/shop, a small
// CMake project whose compile database is generated (for g++) at test time.
//
//===----------------------------------------------------------------------===//

#include "CheckRegistry.h"
#include "Report.h"
#include "Runner.h"
#include "SummaryFile.h"
#include "Support.h"
#include "gtest/gtest.h"
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <nlohmann/json.hpp>

namespace firecrash::test {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

enum { Clean = 0, Findings = 1, Usage = 2, Failed = 3 };

/// A fresh copy of a project under test-inputs/projects with its compile
/// database.
struct Project {
  std::string Root;
  std::string Build;

  /// \p Name is a project under test-inputs/projects, or a path under the
  /// source tree ("examples/inventory").
  explicit Project(const std::string &Name = "shop") {
    Root = makeTempDir();
    fs::copy(sourceDir() + (Name.find('/') == std::string::npos
                                ? "/test-inputs/projects/" + Name
                                : "/" + Name),
             Root + "/src", fs::copy_options::recursive);
    Build = Root + "/build";
    CommandResult Configured =
        runCommand({"cmake", "-S", Root + "/src", "-B", Build, "-G", "Ninja",
                    "-DFIRECRASH_INCLUDE=" + includeDir()},
                   300);
    EXPECT_EQ(Configured.ExitCode, 0) << Configured.Stderr;
  }
  ~Project() {
    std::error_code EC;
    fs::remove_all(Root, EC);
  }
  std::string file(const std::string &Relative) const {
    return Root + "/src/" + Relative;
  }
};

CommandResult firecrash(const std::vector<std::string> &Args,
                        const std::string &Cwd = "") {
  std::vector<std::string> Argv;
  if (!Cwd.empty())
    Argv = {"env", "-C", Cwd};
  Argv.push_back(FIRECRASH_TOOL_PATH);
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  return runCommand(Argv, 600);
}

/// Parses a JSON report and checks it against docs/report.schema.json.
Json parseReport(const std::string &Text) {
  EXPECT_EQ(reportSchemaErrors(Text), "");
  Json Parsed = Json::parse(Text, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(Parsed.is_discarded()) << Text;
  return Parsed;
}

Json parse(const std::string &Text) {
  Json Parsed = Json::parse(Text, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(Parsed.is_discarded()) << Text;
  return Parsed;
}

bool endsWith(const std::string &S, const std::string &Suffix) {
  return S.size() >= Suffix.size() &&
         S.compare(S.size() - Suffix.size(), Suffix.size(), Suffix) == 0;
}

/// Every bad input gets one line on stderr naming the problem.
void expectOneLineError(const CommandResult &Ran, const std::string &Needle) {
  EXPECT_NE(Ran.Stderr.find("firecrash: error: "), std::string::npos)
      << Ran.Stderr;
  EXPECT_NE(Ran.Stderr.find(Needle), std::string::npos) << Ran.Stderr;
  EXPECT_EQ(std::count(Ran.Stderr.begin(), Ran.Stderr.end(), '\n'), 1)
      << Ran.Stderr;
  EXPECT_TRUE(Ran.Stdout.empty()) << Ran.Stdout;
}

TEST(Tool, TextReportFindsDirectAndCrossFileStarts) {
  Project P;
  CommandResult Ran = firecrash({"-p", P.Build});
  EXPECT_EQ(Ran.ExitCode, Findings) << Ran.Stderr;
  // No progress without a tty; one summary line.
  EXPECT_EQ(Ran.Stderr, "firecrash: 3 findings in 3 files\n") << Ran.Stderr;
  CommandResult Quiet = firecrash({"-p", P.Build, "--quiet"});
  EXPECT_TRUE(Quiet.Stderr.empty()) << Quiet.Stderr;
  EXPECT_EQ(Quiet.Stdout, Ran.Stdout);
  EXPECT_NE(Ran.Stdout.find("orders.cpp:9:3: warning: coroutine 'send_email'"),
            std::string::npos)
      << Ran.Stdout;
  EXPECT_NE(Ran.Stdout.find("orders.cpp:10:3: warning: coroutine "
                            "'write_audit' returns detached type "
                            "'firecrash::fire_and_forget' and is started from "
                            "request handler 'checkout' through "
                            "'record_checkout' in another file"),
            std::string::npos)
      << Ran.Stdout;
  EXPECT_NE(Ran.Stdout.find("audit.cpp:12:32: note: 'record_checkout' calls "
                            "'log_line' here"),
            std::string::npos);
  EXPECT_NE(Ran.Stdout.find("audit.cpp:8:32: note: 'log_line' starts "
                            "coroutine 'write_audit' here"),
            std::string::npos);
  EXPECT_NE(Ran.Stdout.find("   10 |   record_checkout(o.id);\n      |   ^"),
            std::string::npos)
      << "the source line and caret";
}

TEST(Tool, JsonReportFieldByField) {
  Project P;
  CommandResult Ran = firecrash({"-p", P.Build, "--format", "json"});
  ASSERT_EQ(Ran.ExitCode, Findings) << Ran.Stderr;
  Json Report = parseReport(Ran.Stdout);
  EXPECT_EQ(Report["version"], 1);
  EXPECT_EQ(Report["tool"]["name"], "firecrash");
  ASSERT_EQ(Report["findings"].size(), 3u);

  const Json &Direct = Report["findings"][0];
  EXPECT_EQ(Direct["check"], "firecrash-detached-coroutine");
  EXPECT_EQ(Direct["severity"], "warning");
  EXPECT_TRUE(endsWith(Direct["file"], "src/orders.cpp"));
  EXPECT_EQ(Direct["line"], 9);
  EXPECT_EQ(Direct["column"], 3);
  EXPECT_EQ(Direct["handler"], "shop::checkout");
  EXPECT_EQ(Direct["handler_reason"], "annotated");
  EXPECT_EQ(Direct["callee"], "shop::send_email");
  EXPECT_EQ(Direct["detached_type"], "firecrash::fire_and_forget");
  EXPECT_EQ(Direct["detached_reason"], "annotated");
  EXPECT_EQ(Direct["exception_policy"], "terminates");
  EXPECT_EQ(Direct["cross_translation_unit"], false);
  ASSERT_EQ(Direct["chain"].size(), 1u);
  EXPECT_EQ(Direct["chain"][0]["function"], "shop::checkout");
  EXPECT_EQ(Direct["chain"][0]["callee"], "shop::send_email");
  EXPECT_EQ(Direct["borrowed"].size(), 0u);
  EXPECT_EQ(Direct["notes"].size(), 4u);
  EXPECT_EQ(Direct["fixes"].size(), 0u);
  EXPECT_EQ(Direct["fingerprint"].get<std::string>().size(), 16u);

  const Json &Cross = Report["findings"][1];
  EXPECT_EQ(Cross["line"], 10);
  EXPECT_EQ(Cross["cross_translation_unit"], true);
  EXPECT_EQ(Cross["callee"], "shop::write_audit");
  ASSERT_EQ(Cross["chain"].size(), 3u);
  EXPECT_EQ(Cross["chain"][1]["function"], "shop::record_checkout");
  EXPECT_TRUE(endsWith(Cross["chain"][1]["file"], "src/audit.cpp"));
  EXPECT_EQ(Cross["chain"][1]["line"], 12);
  EXPECT_EQ(Cross["chain"][2]["callee"], "shop::write_audit");

  const Json &Fixable = Report["findings"][2];
  EXPECT_EQ(Fixable["callee"], "shop::notify_warehouse");
  ASSERT_EQ(Fixable["fixes"].size(), 2u);
  EXPECT_EQ(Fixable["fixes"][0]["replacement"], "firecrash::task<>");
  EXPECT_EQ(Fixable["fixes"][1]["replacement"], "co_await ");

  EXPECT_EQ(Report["errors"].size(), 0u);
  EXPECT_EQ(Report["summary"]["findings"], 3);
  EXPECT_EQ(Report["summary"]["by_check"]["firecrash-detached-coroutine"], 3);
  EXPECT_EQ(Report["summary"]["files_analyzed"], 3);
  EXPECT_EQ(Report["summary"]["files_failed"], 0);
}

TEST(Tool, SarifReportIsStructured) {
  Project P;
  std::string Out = P.Root + "/report.sarif";
  CommandResult Ran =
      firecrash({"-p", P.Build, "--format", "sarif", "-o", Out});
  ASSERT_EQ(Ran.ExitCode, Findings) << Ran.Stderr;
  EXPECT_TRUE(Ran.Stdout.empty());
  Json Sarif = parse(readFile(Out));
  EXPECT_EQ(Sarif["version"], "2.1.0");
  ASSERT_EQ(Sarif["runs"].size(), 1u);
  const Json &Run = Sarif["runs"][0];
  EXPECT_EQ(Run["tool"]["driver"]["name"], "firecrash");
  // The checks', then the findings about suppressions.
  llvm::ArrayRef<CheckInfo> Rules = reportRules();
  ASSERT_EQ(Rules.size(), allChecks().size() + 2);
  for (size_t I = 0; I < allChecks().size(); ++I)
    EXPECT_EQ(Rules[I].Name, allChecks()[I].Name);
  ASSERT_EQ(Run["tool"]["driver"]["rules"].size(), Rules.size());
  for (size_t I = 0; I < Rules.size(); ++I) {
    const Json &Rule = Run["tool"]["driver"]["rules"][I];
    EXPECT_EQ(Rule["id"], Rules[I].Name.str());
    EXPECT_EQ(Rule["name"], Rules[I].DisplayName.str());
    EXPECT_EQ(Rule["shortDescription"]["text"], Rules[I].Summary.str());
    EXPECT_EQ(Rule["fullDescription"]["text"], Rules[I].Description.str());
    std::string Page = fs::path(Rules[I].DocsPath.str()).filename();
    EXPECT_EQ(Rule["helpUri"], "file://" + sourceDir() + "/docs/checks/" + Page);
    EXPECT_TRUE(fs::exists(sourceDir() + "/" + Rules[I].DocsPath.str()))
        << Rules[I].DocsPath.str();
  }
  ASSERT_EQ(Run["results"].size(), 3u);
  const Json &Direct = Run["results"][0];
  EXPECT_EQ(Direct["ruleId"], "firecrash-detached-coroutine");
  size_t RuleIndex = 0;
  while (RuleIndex < allChecks().size() &&
         allChecks()[RuleIndex].Name != "firecrash-detached-coroutine")
    ++RuleIndex;
  EXPECT_EQ(Direct["ruleIndex"], RuleIndex);
  EXPECT_EQ(Direct["level"], "warning");
  const Json &Region = Direct["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(Region["startLine"], 9);
  EXPECT_EQ(Region["startColumn"], 3);
  EXPECT_EQ(Direct["relatedLocations"].size(), 4u);
  EXPECT_FALSE(Direct.contains("codeFlows"));
  const Json &Cross = Run["results"][1];
  ASSERT_TRUE(Cross.contains("codeFlows"));
  EXPECT_EQ(Cross["codeFlows"][0]["threadFlows"][0]["locations"].size(), 3u);
  const Json &Fixable = Run["results"][2];
  ASSERT_TRUE(Fixable.contains("fixes"));
  const Json &Changes = Fixable["fixes"][0]["artifactChanges"];
  ASSERT_EQ(Changes.size(), 1u);
  EXPECT_EQ(Changes[0]["replacements"].size(), 2u);
  EXPECT_EQ(Changes[0]["replacements"][1]["insertedContent"]["text"],
            "co_await ");
  EXPECT_EQ(Run["invocations"][0]["executionSuccessful"], true);

  // Fingerprints agree with the JSON report.
  Json Report = parseReport(firecrash({"-p", P.Build, "--format", "json"}).Stdout);
  for (size_t I = 0; I < 3; ++I)
    EXPECT_EQ(Run["results"][I]["partialFingerprints"]["firecrash/v1"],
              Report["findings"][I]["fingerprint"]);
}

TEST(Tool, CrossFileDetachingSpawn) {
  Project P("jobs");
  CommandResult Ran = firecrash({"-p", P.Build, "--format", "json"});
  ASSERT_EQ(Ran.ExitCode, Findings) << Ran.Stderr;
  Json Report = parseReport(Ran.Stdout);
  ASSERT_EQ(Report["findings"].size(), 1u) << Ran.Stdout;
  const Json &F = Report["findings"][0];
  EXPECT_EQ(F["check"], "firecrash-detaching-spawn");
  EXPECT_EQ(F["cross_translation_unit"], true);
  EXPECT_TRUE(endsWith(F["file"], "src/handlers.cpp"));
  EXPECT_EQ(F["line"], 5);
  EXPECT_EQ(F["message"],
            "call to 'std::thread::detach' detaches work through "
            "'reindex_later' in another file from request handler "
            "'update_product'; the handler can complete while this operation "
            "is still outstanding");
  ASSERT_EQ(F["chain"].size(), 2u);
  EXPECT_TRUE(endsWith(F["chain"][1]["file"], "src/jobs.cpp"));
  EXPECT_EQ(F["chain"][1]["line"], 6);
  EXPECT_EQ(F["notes"][0]["message"],
            "'reindex_later' detaches work with 'std::thread::detach' here");
  // The other checks do not see it; turning this one off leaves nothing.
  Ran = firecrash({"-p", P.Build, "--checks=-*,firecrash-detached-coroutine"});
  EXPECT_EQ(Ran.ExitCode, Clean) << Ran.Stdout;
}

TEST(Tool, OutputIsDeterministicWhateverTheJobs) {
  Project P;
  CommandResult One = firecrash({"-p", P.Build, "--format", "json", "-j", "1"});
  CommandResult Two = firecrash({"-p", P.Build, "--format", "json", "-j", "2"});
  CommandResult Four =
      firecrash({"-p", P.Build, "--format", "sarif", "-j", "4"});
  CommandResult FourAgain =
      firecrash({"-p", P.Build, "--format", "sarif", "-j", "4"});
  EXPECT_EQ(One.Stdout, Two.Stdout);
  EXPECT_EQ(Four.Stdout, FourAgain.Stdout);
  // -jN and -j=N, as make, ninja and run-clang-tidy take them.
  CommandResult Joined = firecrash({"-p", P.Build, "--format", "json", "-j1"});
  CommandResult Equals = firecrash({"-p", P.Build, "--format", "json", "-j=2"});
  EXPECT_EQ(Joined.ExitCode, Findings) << Joined.Stderr;
  EXPECT_EQ(Joined.Stdout, One.Stdout);
  EXPECT_EQ(Equals.Stdout, One.Stdout);
}

TEST(Tool, WarningsAsErrorsDecideTheExitCode) {
  Project P;
  // Only the listed checks' findings become errors and fail the run.
  CommandResult Listed =
      firecrash({"-p", P.Build, "--format", "json",
                 "--warnings-as-errors=firecrash-detached-coroutine"});
  EXPECT_EQ(Listed.ExitCode, Findings) << Listed.Stderr;
  for (const Json &F : parseReport(Listed.Stdout)["findings"])
    EXPECT_EQ(F["severity"], "error");
  CommandResult Other =
      firecrash({"-p", P.Build, "--format", "json",
                 "--warnings-as-errors=firecrash-unawaited-task"});
  EXPECT_EQ(Other.ExitCode, Clean) << "warnings alone do not fail the run";
  EXPECT_EQ(parseReport(Other.Stdout)["findings"].size(), 3u);
  CommandResult Text = firecrash(
      {"-p", P.Build, "--warnings-as-errors=firecrash-detached-coroutine"});
  EXPECT_NE(Text.Stdout.find(
                "[firecrash-detached-coroutine,-warnings-as-errors]"),
            std::string::npos)
      << Text.Stdout;
}

TEST(Tool, BaselineSurvivesLinesInsertedAboveAFinding) {
  Project P;
  std::string Baseline = P.Root + "/baseline.json";
  CommandResult Wrote =
      firecrash({"-p", P.Build, "--write-baseline", Baseline});
  ASSERT_EQ(Wrote.ExitCode, Findings) << Wrote.Stderr;
  std::string Orders = P.file("src/orders.cpp");
  writeFile(Orders, "// An unrelated edit\n// moves every finding\n\n" +
                        readFile(Orders));
  CommandResult Ran = firecrash(
      {"-p", P.Build, "--baseline", Baseline, "--format", "json"});
  EXPECT_EQ(Ran.ExitCode, Clean) << Ran.Stdout << Ran.Stderr;
  Json Report = parseReport(Ran.Stdout);
  EXPECT_EQ(Report["findings"].size(), 0u);
  EXPECT_EQ(Report["summary"]["baselined"], 3);

  // A new finding is still reported.
  writeFile(Orders, readFile(Orders) +
                        "namespace shop {\nFIRECRASH_REQUEST_HANDLER "
                        "firecrash::task<> again(int id) {\n  "
                        "send_email(\"x\");\n  co_return;\n}\n}\n");
  Ran = firecrash({"-p", P.Build, "--baseline", Baseline, "--format", "json"});
  EXPECT_EQ(Ran.ExitCode, Findings);
  EXPECT_EQ(parseReport(Ran.Stdout)["findings"].size(), 1u);
}

TEST(Tool, FixAndExportFixes) {
  Project P;
  std::string Yaml = P.Root + "/fixes.yaml";
  CommandResult Exported = firecrash({"-p", P.Build, "--export-fixes", Yaml});
  EXPECT_EQ(Exported.ExitCode, Findings);
  std::string Text = readFile(Yaml);
  EXPECT_NE(Text.find("ReplacementText: 'firecrash::task<>'"),
            std::string::npos)
      << Text;
  EXPECT_NE(Text.find("ReplacementText: 'co_await '"), std::string::npos);

  CommandResult Fixed = firecrash({"-p", P.Build, "--fix"});
  EXPECT_EQ(Fixed.ExitCode, Findings) << Fixed.Stderr;
  std::string Orders = readFile(P.file("src/orders.cpp"));
  EXPECT_NE(Orders.find("firecrash::task<> notify_warehouse(int id)"),
            std::string::npos)
      << Orders;
  EXPECT_NE(Orders.find("co_await notify_warehouse(id);"), std::string::npos);
  // The fixed project still compiles, and that finding is gone.
  CommandResult Again = firecrash({"-p", P.Build, "--format", "json"});
  EXPECT_EQ(Again.ExitCode, Findings) << Again.Stderr;
  EXPECT_EQ(parseReport(Again.Stdout)["findings"].size(), 2u);
  EXPECT_EQ(parseReport(Again.Stdout)["summary"]["files_failed"], 0);
}

TEST(Tool, BrokenTranslationUnitIsAnErrorAndTheRestStillRuns) {
  Project P;
  std::string Broken = P.file("src/broken.cpp");
  writeFile(Broken, "#include <shop/shop.h>\nint broken( {\n");
  Json DB = parse(readFile(P.Build + "/compile_commands.json"));
  Json Entry = DB[0];
  std::string Command = Entry["command"];
  size_t At = Command.rfind(Entry["file"].get<std::string>());
  Command.replace(At, Entry["file"].get<std::string>().size(), Broken);
  Entry["command"] = Command;
  Entry["file"] = Broken;
  DB.push_back(Entry);
  writeFile(P.Build + "/compile_commands.json", DB.dump());
  CommandResult Ran = firecrash({"-p", P.Build, "--format", "json"});
  EXPECT_EQ(Ran.ExitCode, Failed) << Ran.Stderr;
  Json Report = parseReport(Ran.Stdout);
  EXPECT_EQ(Report["findings"].size(), 3u) << "the other files still ran";
  ASSERT_GE(Report["errors"].size(), 1u);
  EXPECT_TRUE(endsWith(Report["errors"][0]["file"], "src/broken.cpp"));
  EXPECT_EQ(Report["summary"]["files_failed"], 1);

  // --fix refuses to touch sources while a unit does not compile, as
  // clang-tidy's does; --fix-errors applies the fixes anyway.
  std::string Before = readFile(P.file("src/orders.cpp"));
  CommandResult Refused = firecrash({"-p", P.Build, "--fix", "--quiet"});
  EXPECT_EQ(Refused.ExitCode, Failed);
  EXPECT_NE(Refused.Stderr.find("fixes have not been applied"),
            std::string::npos)
      << Refused.Stderr;
  EXPECT_EQ(readFile(P.file("src/orders.cpp")), Before);
  CommandResult Forced = firecrash({"-p", P.Build, "--fix-errors", "--quiet"});
  EXPECT_EQ(Forced.ExitCode, Failed) << "the broken unit still fails the run";
  EXPECT_NE(readFile(P.file("src/orders.cpp")).find(
                "co_await notify_warehouse(id);"),
            std::string::npos);
}

/// The checks a JSON report's findings name.
std::set<std::string> checkNames(const Json &Report) {
  std::set<std::string> Names;
  for (const Json &F : Report["findings"])
    Names.insert(F["check"].get<std::string>());
  return Names;
}

TEST(Tool, AProjectsOwnClangTidyNeverSwitchesFirecrashOff) {
  Project E("examples/inventory");
  // Its .clang-tidy lists only other checks: every firecrash check runs,
  // none of those.
  CommandResult Ran = firecrash({"-p", E.Build, "--format", "json"});
  EXPECT_EQ(Ran.ExitCode, Findings) << Ran.Stderr;
  Json Report = parseReport(Ran.Stdout);
  // (In a handler the thread's borrow is detaching-spawn's finding.)
  EXPECT_EQ(checkNames(Report),
            (std::set<std::string>{"firecrash-detached-coroutine",
                                   "firecrash-detaching-spawn"}));
  EXPECT_EQ(Report["summary"]["other_checks"], 0);
  EXPECT_TRUE(Report["notifications"].empty());

  // It may still turn a firecrash check off by name, and keep one alone.
  writeFile(E.Root + "/src/.clang-tidy",
            "Checks: 'bugprone-*,-firecrash-detached-coroutine'\n");
  Report = parseReport(firecrash({"-p", E.Build, "--format", "json"}).Stdout);
  EXPECT_EQ(checkNames(Report),
            (std::set<std::string>{"firecrash-detaching-spawn"}));
  writeFile(E.Root + "/src/.clang-tidy",
            "Checks: '-*,readability-*,firecrash-detached-borrow'\n");
  Report = parseReport(firecrash({"-p", E.Build, "--format", "json"}).Stdout);
  EXPECT_EQ(checkNames(Report),
            (std::set<std::string>{"firecrash-detached-borrow"}));

  // Another tool's check runs only when --checks names it, and is counted
  // apart (the firecrash binary has clang-tidy's clang-analyzer-* checks).
  fs::remove(E.Root + "/src/.clang-tidy");
  writeFile(E.Root + "/src/stock.cpp",
            readFile(E.Root + "/src/stock.cpp") +
                "int ratio(int n) {\n  int zero = 0;\n  return n / zero;\n}\n");
  Report = parseReport(firecrash({"-p", E.Build, "--format", "json"}).Stdout);
  EXPECT_EQ(Report["summary"]["other_checks"], 0);
  CommandResult Named =
      firecrash({"-p", E.Build, "--checks=clang-analyzer-core.DivideZero"});
  EXPECT_EQ(Named.ExitCode, Findings);
  EXPECT_NE(Named.Stdout.find("[clang-analyzer-core.DivideZero]"),
            std::string::npos)
      << Named.Stdout;
  EXPECT_EQ(Named.Stderr, "firecrash: 3 findings (1 of other checks) in 1 file\n");
  Report = parseReport(
      firecrash({"-p", E.Build, "--format", "json",
                 "--checks=clang-analyzer-core.DivideZero"})
          .Stdout);
  EXPECT_EQ(Report["summary"]["other_checks"], 1);
  EXPECT_EQ(Report["summary"]["by_check"]["clang-analyzer-core.DivideZero"], 1);
}

TEST(Tool, AUnitWithNoFirecrashCheckIsNeverASilentZero) {
  Project E("examples/inventory");
  writeFile(E.Root + "/src/.clang-tidy", "Checks: '-firecrash-*'\n");
  CommandResult Ran = firecrash({"-p", E.Build}, E.Root);
  EXPECT_EQ(Ran.ExitCode, Clean) << Ran.Stderr;
  EXPECT_NE(Ran.Stderr.find("firecrash: warning: no firecrash check is "
                            "enabled for 1 unit ('src/stock.cpp')"),
            std::string::npos)
      << Ran.Stderr;
  Json Report =
      parseReport(firecrash({"-p", E.Build, "--format", "json"}, E.Root).Stdout);
  ASSERT_EQ(Report["notifications"].size(), 1u);
  EXPECT_EQ(Report["notifications"][0]["kind"], "no-firecrash-checks");
  EXPECT_EQ(Report["notifications"][0]["files"],
            Json::array({"src/stock.cpp"}));
  Json Sarif = parse(
      firecrash({"-p", E.Build, "--format", "sarif"}, E.Root).Stdout);
  const Json &Notes =
      Sarif["runs"][0]["invocations"][0]["toolConfigurationNotifications"];
  ASSERT_EQ(Notes.size(), 1u);
  EXPECT_EQ(Notes[0]["level"], "warning");
  // --checks on the command line wins, as in clang-tidy.
  CommandResult Forced =
      firecrash({"-p", E.Build, "--checks=firecrash-*", "--quiet"});
  EXPECT_EQ(Forced.ExitCode, Findings) << Forced.Stderr;
  EXPECT_TRUE(Forced.Stderr.empty()) << Forced.Stderr;
}

TEST(Tool, AUnitThatDidNotCompileGivesNoFindingUnlessAsked) {
  // Analysed before the build generated its files: the moc file a Qt
  // source includes at its end is missing.
  std::string Dir = makeTempDir();
  writeFile(Dir + "/widget.cpp",
            "#include <firecrash/runtime.hpp>\n"
            "#include <thread>\n"
            "void work(int &);\n"
            "FIRECRASH_REQUEST_HANDLER firecrash::task<> handler(int id) {\n"
            "  std::thread t([&id] { work(id); });\n"
            "  t.detach();\n"
            "  co_return;\n"
            "}\n"
            "#include \"widget.moc\"\n");
  std::vector<std::string> Flags = {"--", "-std=c++20", "-I" + includeDir()};
  auto Run = [&](std::vector<std::string> Args) {
    Args.insert(Args.begin(), "widget.cpp");
    Args.insert(Args.end(), Flags.begin(), Flags.end());
    return firecrash(Args, Dir);
  };
  CommandResult Ran = Run({"--format", "json"});
  EXPECT_EQ(Ran.ExitCode, Failed) << Ran.Stderr;
  Json Report = parseReport(Ran.Stdout);
  EXPECT_TRUE(Report["findings"].empty()) << Ran.Stdout;
  EXPECT_GE(Report["summary"]["withheld_from_failed_units"], 1);
  ASSERT_EQ(Report["failures"].size(), 1u);
  std::string Messages = Report["failures"][0]["messages"].dump();
  EXPECT_NE(Messages.find("'widget.moc' file not found"), std::string::npos)
      << Messages;
  EXPECT_NE(Messages.find("hint: 'widget.moc' looks generated by the build"),
            std::string::npos)
      << Messages;
  CommandResult Text = Run({});
  EXPECT_NE(Text.Stderr.find("withheld from units that did not compile"),
            std::string::npos)
      << Text.Stderr;

  // Asked for, they come back, each marked.
  Report = parseReport(Run({"--format", "json", "--findings-from-failed-units"})
                           .Stdout);
  ASSERT_GE(Report["findings"].size(), 1u);
  for (const Json &F : Report["findings"]) {
    EXPECT_EQ(F["from_failed_unit"], true);
    EXPECT_NE(F["notes"].dump().find("this unit did not compile"),
              std::string::npos);
  }
  EXPECT_EQ(Report["summary"]["withheld_from_failed_units"], 0);
}

TEST(Tool, NoFindingRestsOnATemplateBodyClangNeverBuilt) {
  // After the fatal error at the last line clang instantiates no pending
  // template: log_now<int>'s body, which shows that 'value' is used before
  // the coroutine first suspends, is missing. Even with the failed unit's
  // findings asked for, no finding claims what that body would show; the
  // declared-only coroutine beside it, judged by its signature, is kept.
  std::string Dir = makeTempDir();
  writeFile(Dir + "/widget.cpp",
            "#include <firecrash/runtime.hpp>\n"
            "void use(int);\n"
            "template <typename T>\n"
            "firecrash::fire_and_forget log_now(const T &value) {\n"
            "  use(value);\n"
            "  co_return;\n"
            "}\n"
            "firecrash::fire_and_forget log_later(const int &value);\n"
            "void arm() {\n"
            "  int value = 0;\n"
            "  log_now(value);\n"
            "  log_later(value);\n"
            "}\n"
            "#include \"widget.moc\"\n");
  auto Run = [&](bool Missing) {
    if (!Missing)
      writeFile(Dir + "/widget.moc", "\n");
    return parseReport(
        firecrash({"widget.cpp", "--format", "json",
                   "--findings-from-failed-units", "--", "-std=c++20",
                   "-I" + includeDir()},
                  Dir)
            .Stdout);
  };
  auto Lines = [](const Json &Report) {
    std::set<int> Found;
    for (const Json &F : Report["findings"])
      Found.insert(F["line"].get<int>());
    return Found;
  };
  EXPECT_EQ(Lines(Run(/*Missing=*/true)), (std::set<int>{12}));
  // With the file in place the unit compiles and the body is seen.
  EXPECT_EQ(Lines(Run(/*Missing=*/false)), (std::set<int>{12}));
}

TEST(Tool, FilesWithFlagsAfterDoubleDashNeedNoDatabase) {
  // clang-tidy's habit: the files, then the compiler flags after "--".
  std::string Dir = makeTempDir();
  writeFile(Dir + "/handler.cpp",
            "#include <firecrash/runtime.hpp>\n"
            "#include <thread>\n"
            "void work(int &);\n"
            "FIRECRASH_REQUEST_HANDLER firecrash::task<> handler(int id) {\n"
            "  std::thread t([&id] { work(id); });\n"
            "  t.detach();\n"
            "  co_return;\n"
            "}\n");
  CommandResult Ran = firecrash(
      {"handler.cpp", "--format", "json", "--", "-std=c++20", "-I" + includeDir()},
      Dir);
  EXPECT_EQ(Ran.ExitCode, Findings) << Ran.Stderr;
  Json Report = parseReport(Ran.Stdout);
  ASSERT_GE(Report["findings"].size(), 1u);
  EXPECT_EQ(Report["findings"][0]["file"], "handler.cpp");

  // The same file through a database gives the same report.
  Json Database = Json::array(
      {{{"directory", Dir}, {"file", "handler.cpp"},
        {"arguments", {"clang++", "-std=c++20", "-I" + includeDir(), "-c",
                       "handler.cpp"}}}});
  writeFile(Dir + "/compile_commands.json", Database.dump());
  CommandResult FromDatabase = firecrash({"-p", ".", "--format", "json"}, Dir);
  EXPECT_EQ(FromDatabase.Stdout, Ran.Stdout);

  expectOneLineError(firecrash({"--", "-std=c++20"}, Dir),
                     "nothing to analyse: name the files before '--'");
  expectOneLineError(firecrash({"-p", ".", "handler.cpp", "--", "-std=c++20"}, Dir),
                     "-p and compiler flags after '--' exclude each other");
  expectOneLineError(firecrash({"missing.cpp", "--", "-std=c++20"}, Dir),
                     "no source file 'missing.cpp'");
  std::error_code EC;
  fs::remove_all(Dir, EC);
}

TEST(Tool, RelativePathsAndArgumentsInTheDatabase) {
  Project P;
  // Rewrite the database the way other generators write it: "arguments"
  // instead of "command", files relative to "directory".
  Json DB = parse(readFile(P.Build + "/compile_commands.json"));
  Json Rewritten = Json::array();
  for (const Json &Entry : DB) {
    std::string File = Entry["file"];
    std::string Relative = fs::relative(File, P.Build).string();
    Json Arguments = Json::array({"g++", "-std=gnu++20",
                                  "-I" + P.file("include"),
                                  "-I" + includeDir(),
                                  "-fconcepts-diagnostics-depth=2", "-c",
                                  Relative});
    Rewritten.push_back(
        {{"directory", P.Build}, {"file", Relative}, {"arguments", Arguments}});
  }
  writeFile(P.Build + "/compile_commands.json", Rewritten.dump(2));
  CommandResult Ran = firecrash({"-p", P.Build, "--format", "json"});
  EXPECT_EQ(Ran.ExitCode, Findings) << Ran.Stderr;
  Json Report = parseReport(Ran.Stdout);
  EXPECT_EQ(Report["findings"].size(), 3u);
  EXPECT_EQ(Report["summary"]["files_failed"], 0);
}

TEST(Tool, SourceFileMissingOnDisk) {
  std::string Dir = makeTempDir();
  writeFile(Dir + "/compile_commands.json",
            "[{\"directory\": \"" + Dir + "\", \"file\": \"gone.cpp\", "
            "\"command\": \"c++ -c gone.cpp\"}]");
  CommandResult Ran = firecrash({"-p", Dir});
  EXPECT_EQ(Ran.ExitCode, Failed);
  expectOneLineError(Ran, "gone.cpp: the file does not exist");
}

TEST(Tool, EntriesThatAreNotCOrCxxAreSkippedAndCounted) {
  Project P;
  // Real build systems list assembly, CUDA and resource files too: they are
  // left out, not failed, and the report says how many.
  Json DB = parse(readFile(P.Build + "/compile_commands.json"));
  writeFile(P.file("start.S"), ".globl start\nstart:\n  ret\n");
  writeFile(P.file("kernel.cu"), "__global__ void kernel() {}\n");
  writeFile(P.file("generated.inc"), "this is not C++\n");
  DB.push_back({{"directory", P.Build},
                {"file", P.file("start.S")},
                {"command", "cc -c " + P.file("start.S")}});
  DB.push_back({{"directory", P.Build},
                {"file", P.file("kernel.cu")},
                {"command", "nvcc -c " + P.file("kernel.cu")}});
  DB.push_back({{"directory", P.Build},
                {"file", P.file("generated.inc")},
                {"arguments", Json::array({"cc", "-x", "assembler-with-cpp",
                                           "-c", P.file("generated.inc")})}});
  writeFile(P.Build + "/compile_commands.json", DB.dump(2));

  CommandResult Ran = firecrash({"-p", P.Build, "--format", "json"});
  EXPECT_EQ(Ran.ExitCode, Findings) << Ran.Stderr;
  Json Report = parseReport(Ran.Stdout);
  EXPECT_EQ(Report["findings"].size(), 3u);
  EXPECT_EQ(Report["summary"]["files_failed"], 0);
  EXPECT_EQ(Report["summary"]["files_skipped"], 3);
  EXPECT_EQ(Ran.Stderr.find("skipped"), std::string::npos) << Ran.Stderr;

  CommandResult Text = firecrash({"-p", P.Build, "--verbose"});
  EXPECT_EQ(Text.ExitCode, Findings) << Text.Stderr;
  EXPECT_NE(Text.Stderr.find("skipped " + P.file("start.S") +
                             ": not C or C++ (assembler-with-cpp)"),
            std::string::npos)
      << Text.Stderr;
  EXPECT_NE(Text.Stderr.find("kernel.cu: not C or C++ (cuda)"),
            std::string::npos)
      << Text.Stderr;
  EXPECT_NE(Text.Stderr.find("3 skipped (not C or C++)"), std::string::npos)
      << Text.Stderr;

  // Naming a skipped file explicitly is not an error either.
  CommandResult Named = firecrash({"-p", P.Build, P.file("start.S")});
  EXPECT_EQ(Named.ExitCode, Clean) << Named.Stderr;
  EXPECT_NE(Named.Stderr.find("0 findings in 0 files, 1 skipped"),
            std::string::npos)
      << Named.Stderr;
}

TEST(Tool, MissingCompileDatabase) {
  std::string Dir = makeTempDir();
  expectOneLineError(firecrash({"-p", Dir}), "no compile_commands.json");
  CommandResult Ran = firecrash({"-p", Dir});
  EXPECT_EQ(Ran.ExitCode, Usage);
  expectOneLineError(firecrash({}), "pass -p <build directory>");
}

TEST(Tool, MalformedCompileDatabase) {
  std::string Dir = makeTempDir();
  writeFile(Dir + "/compile_commands.json", "[{\"file\": ");
  CommandResult Ran = firecrash({"-p", Dir});
  EXPECT_EQ(Ran.ExitCode, Usage);
  expectOneLineError(Ran, "cannot read");
}

TEST(Tool, FileNotInTheDatabase) {
  Project P;
  CommandResult Ran = firecrash({"-p", P.Build, P.file("src/nothere.cpp")});
  EXPECT_EQ(Ran.ExitCode, Usage);
  expectOneLineError(Ran, "is not in the compilation database");
  Ran = firecrash({"-p", P.Build, "*/nothing-*.cpp"});
  EXPECT_EQ(Ran.ExitCode, Usage);
  expectOneLineError(Ran, "matches no file");
}

TEST(Tool, SelectedFilesAndGlobs) {
  Project P;
  CommandResult Ran = firecrash(
      {"-p", P.Build, "--format", "json", P.file("src/catalog.cpp")});
  EXPECT_EQ(Ran.ExitCode, Clean) << Ran.Stderr;
  EXPECT_EQ(parseReport(Ran.Stdout)["summary"]["files_analyzed"], 1);
  Ran = firecrash({"-p", "build", "--format", "json", "src/*.cpp"},
                  P.Root + "/src/..");
  EXPECT_EQ(Ran.ExitCode, Findings) << Ran.Stderr;
}

TEST(Tool, UnwritableOutput) {
  Project P;
  CommandResult Ran =
      firecrash({"-p", P.Build, "-o", P.Root + "/no/such/dir/report.json"});
  EXPECT_EQ(Ran.ExitCode, Usage);
  expectOneLineError(Ran, "cannot write");
}

TEST(Tool, UnknownOptionAndBadConfiguration) {
  CommandResult Ran = firecrash({"--bogus"});
  EXPECT_EQ(Ran.ExitCode, Usage);
  expectOneLineError(Ran, "--bogus");
  Ran = firecrash({"--format=xml"});
  EXPECT_EQ(Ran.ExitCode, Usage);
  expectOneLineError(Ran, "unknown format 'xml'");
  Project P;
  Ran = firecrash({"-p", P.Build, "--config={Checks: [unterminated"});
  EXPECT_EQ(Ran.ExitCode, Usage);
  expectOneLineError(Ran, "invalid configuration");
  Ran = firecrash({"-p", P.Build, "--config-file", P.Root + "/missing.yaml"});
  EXPECT_EQ(Ran.ExitCode, Usage);
  expectOneLineError(Ran, "cannot read config file");
  std::string Bad = P.Root + "/bad-baseline.json";
  writeFile(Bad, "[1, 2]");
  Ran = firecrash({"-p", P.Build, "--baseline", Bad});
  EXPECT_EQ(Ran.ExitCode, Usage);
  expectOneLineError(Ran, "is not a firecrash baseline");
}

TEST(Tool, ConfigurationSelectsChecksAndOptions) {
  Project P;
  // Turning the check off leaves nothing, cross-file chains included.
  CommandResult Ran = firecrash({"-p", P.Build, "--checks=-*"});
  EXPECT_EQ(Ran.ExitCode, Clean) << Ran.Stdout;
  // A .clang-tidy file next to the sources is honoured.
  writeFile(P.Root + "/src/.clang-tidy",
            "CheckOptions:\n  MaxCallDepth: 0\n");
  Ran = firecrash({"-p", P.Build, "--format", "json"});
  EXPECT_EQ(parseReport(Ran.Stdout)["findings"].size(), 2u)
      << "MaxCallDepth 0 drops the cross-file chain";
}

TEST(Tool, ListChecksVersionAndDumpConfig) {
  CommandResult Ran = firecrash({"--list-checks"});
  EXPECT_EQ(Ran.ExitCode, Clean);
  for (const CheckInfo &Check : allChecks())
    EXPECT_NE(Ran.Stdout.find(Check.Name.str()), std::string::npos);
  Ran = firecrash({"--version"});
  EXPECT_EQ(Ran.ExitCode, Clean);
  EXPECT_NE(Ran.Stdout.find("firecrash 0.1.0 (LLVM 19."), std::string::npos)
      << Ran.Stdout;
  Ran = firecrash({"--dump-config"});
  EXPECT_EQ(Ran.ExitCode, Clean);
  EXPECT_NE(Ran.Stdout.find("firecrash-detached-coroutine.MaxCallDepth: '5'"),
            std::string::npos)
      << Ran.Stdout;
}

/// Microsoft's SARIF Multitool, installed from npm by scripts/dev.sh.
std::string sarifValidator() {
  return FIRECRASH_BINARY_DIR
      "/npm/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool";
}

/// Runs the validator with the SARIF and GitHub rule sets; returns every
/// error and warning line it prints.
std::string sarifProblems(const std::string &File) {
  CommandResult Ran = runCommand(
      {sarifValidator(), "validate", "--rule-kind", "Gh;Sarif", File}, 300);
  std::string Problems;
  std::istringstream Lines(Ran.Stdout + Ran.Stderr);
  for (std::string Line; std::getline(Lines, Line);)
    if (Line.find(": error ") != std::string::npos ||
        Line.find(": warning ") != std::string::npos)
      Problems += Line + "\n";
  if (Ran.ExitCode != 0 && Problems.empty())
    Problems = "the validator failed: " + Ran.Stdout + Ran.Stderr;
  return Problems;
}

TEST(Tool, SarifValidatesCleanWithTheSarifAndGitHubRules) {
  if (!fs::exists(sarifValidator()))
    GTEST_SKIP() << "the SARIF validator is not installed: scripts/dev.sh "
                    "installs @microsoft/sarif-multitool-linux from npm, and "
                    "npm was unreachable or missing";
  for (const char *Name : {"shop", "jobs"}) {
    SCOPED_TRACE(Name);
    Project P(Name);
    std::string Out = P.Root + "/report.sarif";
    // Direct, cross-file and fix-carrying findings.
    CommandResult Ran =
        firecrash({"-p", P.Build, "--format", "sarif", "-o", Out}, P.Root);
    EXPECT_EQ(Ran.ExitCode, Findings) << Ran.Stderr;
    EXPECT_EQ(sarifProblems(Out), "");
    // With a baseline that hides every finding.
    std::string Baseline = P.Root + "/baseline.json";
    firecrash({"-p", P.Build, "--write-baseline", Baseline}, P.Root);
    Ran = firecrash({"-p", P.Build, "--format", "sarif", "-o", Out,
                     "--baseline", Baseline},
                    P.Root);
    EXPECT_EQ(Ran.ExitCode, Clean) << Ran.Stderr;
    EXPECT_EQ(sarifProblems(Out), "");
  }
  // The bundled example, run from the repository root.
  std::string Dir = makeTempDir();
  CommandResult Configured = runCommand(
      {"cmake", "-S", sourceDir() + "/examples/shop", "-B", Dir, "-G", "Ninja"},
      300);
  ASSERT_EQ(Configured.ExitCode, 0) << Configured.Stderr;
  std::string Out = Dir + "/example.sarif";
  CommandResult Ran =
      firecrash({"-p", Dir, "--format", "sarif", "-o", Out}, sourceDir());
  EXPECT_EQ(Ran.ExitCode, Findings) << Ran.Stderr;
  EXPECT_EQ(sarifProblems(Out), "");
  Json Sarif = parse(readFile(Out));
  const Json &Run = Sarif["runs"][0];
  EXPECT_EQ(Run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
            "file://" + sourceDir() + "/");
  EXPECT_EQ(Run["results"][0]["locations"][0]["physicalLocation"]
               ["artifactLocation"]["uriBaseId"],
            "%SRCROOT%");
  std::error_code EC;
  fs::remove_all(Dir, EC);
}

TEST(Tool, SarifRulesCarryAbsoluteHelpAndReadableNames) {
  Project P;
  std::string Out = P.Root + "/report.sarif";
  firecrash({"-p", P.Build, "--format", "sarif", "-o", Out,
             "--docs-url", "https://docs.example.com/firecrash",
             "--sarif-category", "nightly/firecrash/"});
  Json Run = parse(readFile(Out))["runs"][0];
  EXPECT_EQ(Run["automationDetails"]["id"], "nightly/firecrash/");
  for (const Json &Rule : Run["tool"]["driver"]["rules"]) {
    std::string Id = Rule["id"], Name = Rule["name"];
    EXPECT_NE(Id, Name);
    EXPECT_TRUE(std::isupper(static_cast<unsigned char>(Name[0]))) << Name;
    EXPECT_EQ(Rule["helpUri"].get<std::string>().rfind(
                  "https://docs.example.com/firecrash/checks/", 0),
              0u)
        << Rule["helpUri"];
    EXPECT_FALSE(Rule["fullDescription"]["text"].get<std::string>().empty());
    EXPECT_FALSE(Rule["properties"]["tags"].empty());
  }
  CommandResult Bad = firecrash({"-p", P.Build, "--format", "sarif",
                                 "--docs-url", "docs/"});
  expectOneLineError(Bad, "--docs-url must be an absolute URI");
  EXPECT_EQ(Bad.ExitCode, Usage);
}

/// Runs Debian's headless Chromium on \p Url with \p Args.
CommandResult chromium(const std::vector<std::string> &Args,
                       const std::string &Url, const std::string &Profile) {
  std::vector<std::string> Argv{"chromium", "--headless", "--no-sandbox",
                                "--disable-gpu", "--hide-scrollbars",
                                "--user-data-dir=" + Profile};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  Argv.push_back(Url);
  return runCommand(Argv, 300);
}

size_t count(const std::string &Text, const std::string &Needle) {
  size_t N = 0;
  for (size_t At = Text.find(Needle); At != std::string::npos;
       At = Text.find(Needle, At + 1))
    ++N;
  return N;
}

TEST(Tool, HtmlReportOpensInChromium) {
  if (runCommand({"chromium", "--version"}, 60).ExitCode != 0)
    GTEST_SKIP() << "Debian's chromium is not installed (scripts/dev.sh "
                    "installs it)";
  Project P;
  std::string Baseline = P.Root + "/baseline.json";
  // Fingerprints hold paths relative to where firecrash runs: write and use
  // the baseline from the same directory, as a CI job does.
  firecrash({"-p", P.Build, "--write-baseline", Baseline}, P.Root);
  std::string Orders = P.file("src/orders.cpp");
  std::string Before = readFile(Orders);
  unsigned NewLine =
      static_cast<unsigned>(std::count(Before.begin(), Before.end(), '\n')) + 3;
  writeFile(Orders, Before +
                        "namespace shop {\nFIRECRASH_REQUEST_HANDLER "
                        "firecrash::task<> again(int id) {\n  "
                        "send_email(\"x\");\n  co_return;\n}\n}\n");
  std::string Html = P.Root + "/report.html";
  CommandResult Ran = firecrash({"-p", P.Build, "--baseline", Baseline,
                                 "--format", "html", "-o", Html},
                                P.Root);
  ASSERT_EQ(Ran.ExitCode, Findings) << Ran.Stderr;
  std::string Page = readFile(Html);
  EXPECT_EQ(Page.find("http://"), std::string::npos) << "no external assets";
  EXPECT_EQ(Page.find("https://"), std::string::npos) << "no external assets";

  // The DOM as Chromium builds it: every finding, new and baselined, with
  // its excerpt, chain and fix; the script ran and applies URL filters.
  std::string Profile = P.Root + "/chromium";
  CommandResult Dom = chromium({"--dump-dom"}, "file://" + Html, Profile);
  ASSERT_EQ(Dom.ExitCode, 0) << Dom.Stderr;
  EXPECT_EQ(count(Dom.Stdout, "class=\"finding-group"), 4u);
  EXPECT_EQ(count(Dom.Stdout, "data-status=\"new\""), 1u);
  EXPECT_EQ(count(Dom.Stdout, "data-status=\"baselined\""), 3u);
  EXPECT_NE(Dom.Stdout.find("1 new finding, 3 baselined, in 1 file of 3 "
                            "analysed"),
            std::string::npos)
      << "the header counts the files the by-file table lists";
  size_t ByFile = Dom.Stdout.find("id=\"by-file\"");
  ASSERT_NE(ByFile, std::string::npos);
  EXPECT_EQ(count(Dom.Stdout.substr(
                      ByFile, Dom.Stdout.find("</table>", ByFile) - ByFile),
                  "<tr><td>"),
            1u);
  EXPECT_NE(Dom.Stdout.find("<span class=\"hit\"><i>" +
                            std::to_string(NewLine) +
                            "</i>  send_email(\"x\");"),
            std::string::npos)
      << "the source line is marked";
  EXPECT_NE(Dom.Stdout.find("<ol class=\"chain\">"), std::string::npos);
  EXPECT_NE(Dom.Stdout.find("class=\"fix\">return a task such as"),
            std::string::npos);
  CommandResult Filtered = chromium(
      {"--dump-dom"}, "file://" + Html + "?status=new", Profile);
  EXPECT_NE(Filtered.Stdout.find("<span id=\"shown\">1</span>"),
            std::string::npos)
      << "the script filters by status";

  // A screenshot, kept as a test artefact.
  std::string Artefacts = FIRECRASH_BINARY_DIR "/test-artefacts";
  fs::create_directories(Artefacts);
  std::string Png = Artefacts + "/report.png";
  fs::remove(Png);
  CommandResult Shot = chromium(
      {"--window-size=1280,1400", "--screenshot=" + Png}, "file://" + Html,
      Profile);
  EXPECT_EQ(Shot.ExitCode, 0) << Shot.Stderr;
  EXPECT_EQ(readFile(Png).substr(1, 3), "PNG");
}

TEST(Tool, ReadableNamesForTemplatesAndLambdas) {
  EXPECT_EQ(readableName("web::internal::HttpBinder<firecrash::task<> "
                         "(web::internal::CoroTest::*)(std::shared_ptr<std::"
                         "map<std::string, std::vector<int>>>)>::"
                         "handleHttpRequest"),
            "web::internal::HttpBinder<\u2026>::handleHttpRequest");
  EXPECT_EQ(readableName("shop::run(int)::(anonymous class)::operator()"),
            "the lambda in 'shop::run'");
  EXPECT_EQ(readableName("shop::run(int)::(anonymous class)::operator()(std::"
                         "string)::(anonymous class)::operator()"),
            "the lambda in the lambda in 'shop::run'");
  EXPECT_EQ(readableName("(lambda at a.cpp:3:9)::operator()"), "a lambda");
  EXPECT_EQ(readableName("shop::(anonymous namespace)::notify"),
            "shop::(anonymous namespace)::notify");
  EXPECT_EQ(readableName("shop::queue::operator<<"), "shop::queue::operator<<");
  EXPECT_EQ(readableName("shop::queue::operator()"), "shop::queue::operator()");
  EXPECT_EQ(readableName("shop::checkout"), "shop::checkout");
}

TEST(Tool, ReportsNameTemplatesAndLambdasReadably) {
  Project P("binder");
  Json Report = parseReport(
      firecrash({"-p", P.Build, "--format", "json"}, P.Root).Stdout);
  ASSERT_EQ(Report["findings"].size(), 1u);
  const Json &F = Report["findings"][0];
  EXPECT_EQ(F["handler"],
            "web::internal::HttpBinder<\u2026>::handleHttpRequest");
  EXPECT_NE(F["handler_full"].get<std::string>().find(
                "std::function<void (const std::basic_string<char> &)>"),
            std::string::npos)
      << F["handler_full"];
  std::vector<std::string> Steps;
  for (const Json &Hop : F["chain"])
    Steps.push_back(Hop["function"].get<std::string>() + " -> " +
                    Hop["callee"].get<std::string>());
  ASSERT_FALSE(Steps.empty());
  EXPECT_EQ(Steps.back(),
            "the lambda in the lambda in "
            "'web::internal::HttpBinder<\u2026>::handleHttpRequest' -> "
            "web::internal::send_email")
      << ::testing::PrintToString(Steps);
  EXPECT_NE(F["chain"].back()["function_full"].get<std::string>().find(
                "operator()"),
            std::string::npos);

  // SARIF names the handler as a logical location, readable and in full.
  Json Log = parse(
      firecrash({"-p", P.Build, "--format", "sarif"}, P.Root).Stdout);
  const Json &Logical =
      Log["runs"][0]["results"][0]["locations"][0]["logicalLocations"][0];
  EXPECT_EQ(Logical["fullyQualifiedName"], F["handler"]);
  EXPECT_EQ(Logical["decoratedName"], F["handler_full"]);
  EXPECT_EQ(Logical["kind"], "function");

  // The HTML page shows the readable names, the full one on hover, and is
  // never wider than a 1280-pixel window.
  if (runCommand({"chromium", "--version"}, 60).ExitCode != 0)
    GTEST_SKIP() << "Debian's chromium is not installed (scripts/dev.sh "
                    "installs it)";
  std::string Html = P.Root + "/report.html";
  firecrash({"-p", P.Build, "--format", "html", "-o", Html}, P.Root);
  std::string Page = readFile(Html);
  EXPECT_NE(Page.find("<code title=\"web::internal::HttpBinder&lt;"
                      "firecrash::task&lt;&gt; (web::internal::CoroTest::*)"),
            std::string::npos);
  EXPECT_NE(Page.find(">web::internal::HttpBinder&lt;\u2026&gt;::"
                      "handleHttpRequest</code>"),
            std::string::npos);
  EXPECT_NE(Page.find("1 new finding, 0 baselined, in 1 file of 1 analysed"),
            std::string::npos)
      << "the header counts the files the tables list";
  // Measured by the page itself, every detail open: the widths go into
  // the title, which --dump-dom shows.
  std::string Measured = P.Root + "/measured.html";
  writeFile(Measured,
            Page + "<script>document.title = 'width ' + "
                   "document.documentElement.scrollWidth + ' of ' + "
                   "window.innerWidth;</script>\n");
  std::string Profile = P.Root + "/chromium";
  CommandResult Dom = chromium({"--window-size=1280,1000", "--dump-dom"},
                               "file://" + Measured + "?open=all", Profile);
  ASSERT_EQ(Dom.ExitCode, 0) << Dom.Stderr;
  std::smatch Widths;
  std::string Title = Dom.Stdout;
  ASSERT_TRUE(std::regex_search(Title, Widths,
                                std::regex("<title>width (\\d+) of (\\d+)<")))
      << Dom.Stdout.substr(0, 400);
  EXPECT_EQ(Widths[2], "1280");
  EXPECT_LE(std::stoi(Widths[1]), 1280) << "the page is wider than the window";
  // The screenshot, kept as a test artefact to look at.
  std::string Artefacts = FIRECRASH_BINARY_DIR "/test-artefacts";
  fs::create_directories(Artefacts);
  std::string Png = Artefacts + "/report-long-names.png";
  fs::remove(Png);
  CommandResult Shot =
      chromium({"--window-size=1280,1000", "--screenshot=" + Png},
               "file://" + Html + "?open=all", Profile);
  EXPECT_EQ(Shot.ExitCode, 0) << Shot.Stderr;
  EXPECT_EQ(readFile(Png).substr(1, 3), "PNG");
}

TEST(Tool, SchemaRejectsUnknownAndMissingFields) {
  Project P;
  CommandResult Ran = firecrash({"-p", P.Build, "--format", "json"});
  ASSERT_EQ(reportSchemaErrors(Ran.Stdout), "");
  Json Report = parse(Ran.Stdout);
  Json Extra = Report;
  Extra["extra"] = 1;
  EXPECT_NE(reportSchemaErrors(Extra.dump()).find("'extra' was unexpected"),
            std::string::npos);
  Json ExtraInFinding = Report;
  ExtraInFinding["findings"][0]["confidence"] = "high";
  EXPECT_NE(reportSchemaErrors(ExtraInFinding.dump()), "");
  Json Missing = Report;
  Missing["findings"][0].erase("fingerprint");
  EXPECT_NE(reportSchemaErrors(Missing.dump()), "");
}

// --- summaries, shards, merge, cache ----------------------------------------

/// Summaries of each of \p N shards of \p P, written by separate processes.
std::vector<std::string> shardSummaries(const Project &P, unsigned N,
                                        const std::string &Dir) {
  std::vector<std::string> Paths;
  for (unsigned I = 1; I <= N; ++I) {
    std::string Out = Dir + "/shard-" + std::to_string(I) + ".firecrash.json";
    CommandResult Ran = firecrash({"summarize", "-p", P.Build, "--shard",
                                   std::to_string(I) + "/" + std::to_string(N),
                                   "-o", Out, "--quiet"},
                                  P.Root);
    EXPECT_EQ(Ran.ExitCode, Clean) << Ran.Stderr;
    Paths.push_back(Out);
  }
  return Paths;
}

TEST(Tool, ShardsMergeToTheUnshardedReport) {
  for (const char *Name : {"shop", "jobs"}) {
    Project P(Name);
    // Each shard's summary once; every format merges the same files.
    // One shard, two, and more shards than some projects have files.
    std::map<unsigned, std::vector<std::string>> Shards;
    for (unsigned N : {1u, 2u, 5u}) {
      std::string Dir = P.Root + "/shards-" + std::to_string(N);
      fs::create_directories(Dir);
      Shards[N] = shardSummaries(P, N, Dir);
    }
    // The unsharded report in each format: analysed once, the other formats
    // from the result cache (whose reuse the cache tests hold to an
    // uncached run).
    std::string Cache = P.Root + "/cache";
    for (const char *Format : {"json", "sarif", "text"}) {
      CommandResult Whole = firecrash(
          {"-p", P.Build, "--format", Format, "--cache-dir", Cache}, P.Root);
      ASSERT_EQ(Whole.ExitCode, Findings) << Whole.Stderr;
      // What the cache did is said only by the run that used it.
      Whole.Stderr = std::regex_replace(
          Whole.Stderr, std::regex(" \\(cache: [^)]*\\)"), "");
      for (unsigned N : {1u, 2u, 5u}) {
        std::string Dir = P.Root + "/shards-" + std::to_string(N);
        std::vector<std::string> Args{"merge", "--format", Format};
        for (const std::string &Path : Shards[N])
          Args.push_back(Path);
        CommandResult Merged = firecrash(Args, P.Root);
        EXPECT_EQ(Merged.ExitCode, Findings) << Merged.Stderr;
        EXPECT_EQ(Merged.Stdout, Whole.Stdout)
            << Name << ", " << Format << ", " << N << " shards";
        EXPECT_EQ(Merged.Stderr, Whole.Stderr);
        // A directory holds the same summaries.
        Merged = firecrash({"merge", "--format", Format, Dir}, P.Root);
        EXPECT_EQ(Merged.Stdout, Whole.Stdout);
      }
    }
    // Every file is in exactly one of n shards, and the shards balance.
    std::multiset<std::string> Seen;
    size_t Smallest = SIZE_MAX, Largest = 0;
    for (const std::string &Path : Shards[2]) {
      Json Summary = parse(readFile(Path));
      size_t Count = Summary["units"].size();
      Smallest = std::min(Smallest, Count);
      Largest = std::max(Largest, Count);
      for (const Json &Unit : Summary["units"])
        Seen.insert(Unit["file"].get<std::string>());
    }
    std::set<std::string> Unique(Seen.begin(), Seen.end());
    EXPECT_EQ(Seen.size(), Unique.size());
    EXPECT_LE(Largest - Smallest, 1u);
  }
}

TEST(Tool, SummariesAreDeterministic) {
  Project P("jobs");
  std::string One = P.Root + "/one.firecrash.json";
  std::string Two = P.Root + "/elsewhere/two.firecrash.json";
  fs::create_directories(P.Root + "/elsewhere");
  ASSERT_EQ(firecrash({"summarize", "-p", P.Build, "-j1", "-o", One}, P.Root)
                .ExitCode,
            Clean);
  // Another working directory and -j give the same bytes with the same root.
  CommandResult Ran = firecrash({"summarize", "-p", P.Build, "-j2", "--root",
                                 P.Root, "-o", Two},
                                P.Root + "/elsewhere");
  ASSERT_EQ(Ran.ExitCode, Clean) << Ran.Stderr;
  EXPECT_EQ(readFile(One), readFile(Two));
  // Paths inside the root are stored relative to it.
  EXPECT_EQ(readFile(One).find(P.Root), std::string::npos);
  Json Summary = parse(readFile(One));
  EXPECT_EQ(Summary["firecrashSummary"], SummaryFormat);
  EXPECT_EQ(Summary["units"][0]["file"], "src/src/handlers.cpp")
      << Summary.dump();

  // A copy of the project elsewhere summarizes to the same bytes.
  Project Copy("jobs");
  std::string Three = Copy.Root + "/three.firecrash.json";
  ASSERT_EQ(
      firecrash({"summarize", "-p", Copy.Build, "-o", Three}, Copy.Root)
          .ExitCode,
      Clean);
  EXPECT_EQ(readFile(One), readFile(Three));
}

TEST(Tool, MergeRefusesBadInput) {
  Project P;
  std::string Good = P.Root + "/good.firecrash.json";
  ASSERT_EQ(firecrash({"summarize", "-p", P.Build, "-o", Good}, P.Root)
                .ExitCode,
            Clean);
  expectOneLineError(firecrash({"merge"}, P.Root),
                     "'merge' needs summary files or directories");
  expectOneLineError(firecrash({"merge", P.Root + "/missing.json"}, P.Root),
                     "no summary file");
  std::string Broken = P.Root + "/broken.json";
  writeFile(Broken, readFile(Good).substr(0, 100));
  CommandResult Ran = firecrash({"merge", Good, Broken}, P.Root);
  EXPECT_EQ(Ran.ExitCode, Usage);
  expectOneLineError(Ran, "is not a firecrash summary: it is not valid JSON");
  writeFile(Broken, "{\"firecrashSummary\": 99, \"units\": []}");
  expectOneLineError(firecrash({"merge", Broken}, P.Root), "format 99");
  writeFile(Broken, "{\"firecrashSummary\": 2, \"units\": [{\"file\": 3}]}");
  expectOneLineError(firecrash({"merge", Broken}, P.Root),
                     "member 'file' has the wrong type");
  writeFile(Broken, "[1, 2]");
  expectOneLineError(firecrash({"merge", Broken}, P.Root),
                     "no 'firecrashSummary' member");
  expectOneLineError(firecrash({"merge", "-p", P.Build, Good}, P.Root),
                     "-p belongs to the run that wrote them");
  expectOneLineError(firecrash({"merge", "--checks=*", Good}, P.Root),
                     "-checks belongs to the run that wrote them");
  expectOneLineError(firecrash({"summarize", "-p", P.Build, "--format=json"},
                               P.Root),
                     "-format belongs to the run or merge that reports");
  for (const char *Bad : {"0/2", "3/2", "1/0", "x/2", "1"})
    expectOneLineError(firecrash({"-p", P.Build, "--shard", Bad}, P.Root),
                       "--shard expects i/n with 1 <= i <= n");
  // The same summary given twice counts once.
  Ran = firecrash({"merge", Good, Good}, P.Root);
  EXPECT_EQ(Ran.Stderr, "firecrash: 3 findings in 3 files\n");
}

TEST(Tool, MergeWithoutTheSourcesWritesNoWrongReport) {
  // Summaries hold offsets; a merge where the sources are not checked out
  // (a CI job that forgot the checkout) would report wrong lines, columns
  // and fingerprints. It says why and writes nothing instead.
  Project P;
  std::string Summary = P.Root + "/all.firecrash.json";
  ASSERT_EQ(firecrash({"summarize", "-p", P.Build, "-o", Summary}, P.Root)
                .ExitCode,
            Clean);
  CommandResult Whole = firecrash({"merge", "-o", "whole.json", Summary}, P.Root);
  ASSERT_EQ(Whole.ExitCode, Findings) << Whole.Stderr;
  fs::rename(P.Root + "/src", P.Root + "/elsewhere");
  CommandResult Ran = firecrash({"merge", "-o", "gone.json", Summary}, P.Root);
  EXPECT_EQ(Ran.ExitCode, Usage);
  expectOneLineError(Ran, "cannot read 'src/");
  EXPECT_NE(Ran.Stderr.find("run it where they are checked out"),
            std::string::npos)
      << Ran.Stderr;
  EXPECT_FALSE(fs::exists(P.Root + "/gone.json"));
  // Back in place, the merge is the report it was.
  fs::rename(P.Root + "/elsewhere", P.Root + "/src");
  Ran = firecrash({"merge", "-o", "again.json", Summary}, P.Root);
  EXPECT_EQ(Ran.ExitCode, Findings) << Ran.Stderr;
  EXPECT_EQ(readFile(P.Root + "/again.json"), readFile(P.Root + "/whole.json"));
}

TEST(Tool, ReportsDoNotDependOnTheThreadCount) {
  // The report is built on the -j threads (positions, cross-file chains,
  // fingerprints): 60 generated files with findings within and across files
  // give the same bytes on one thread and on more threads than cores.
  std::string Dir = makeTempDir();
  CommandResult Generated = runCommand(
      {"python3", sourceDir() + "/bench/gen_project.py", Dir, "60"}, 60);
  ASSERT_EQ(Generated.ExitCode, 0) << Generated.Stderr;
  ASSERT_EQ(firecrash({"summarize", "-p", Dir, "-o", "all.firecrash.json"}, Dir)
                .ExitCode,
            Clean);
  for (const char *Format : {"json", "sarif", "text"}) {
    CommandResult One = firecrash({"-p", Dir, "-j1", "--format", Format}, Dir);
    ASSERT_EQ(One.ExitCode, Findings) << One.Stderr;
    if (std::string(Format) == "json")
      EXPECT_EQ(parseReport(One.Stdout)["findings"].size(), 120u);
    for (const char *Jobs : {"-j3", "-j8"}) {
      CommandResult Many = firecrash({"-p", Dir, Jobs, "--format", Format}, Dir);
      EXPECT_EQ(Many.Stdout, One.Stdout) << Format << " " << Jobs;
      CommandResult Merged = firecrash(
          {"merge", Jobs, "--format", Format, "all.firecrash.json"}, Dir);
      EXPECT_EQ(Merged.Stdout, One.Stdout) << "merge " << Format << " " << Jobs;
    }
  }
  std::error_code EC;
  fs::remove_all(Dir, EC);
}

TEST(Tool, MergeDecidesWarningsAsErrorsAgain) {
  Project P;
  std::string Summary = P.Root + "/all.firecrash.json";
  ASSERT_EQ(firecrash({"summarize", "-p", P.Build, "-o", Summary}, P.Root)
                .ExitCode,
            Clean);
  CommandResult Ran = firecrash(
      {"merge", "--warnings-as-errors=firecrash-unawaited-task", Summary},
      P.Root);
  EXPECT_EQ(Ran.ExitCode, Clean) << "only those checks fail the merge";
  Ran = firecrash(
      {"merge", "--warnings-as-errors=firecrash-detached-*", Summary}, P.Root);
  EXPECT_EQ(Ran.ExitCode, Findings);
  EXPECT_NE(Ran.Stdout.find("error: coroutine 'send_email'"), std::string::npos)
      << Ran.Stdout;
}

/// The "(cache: ...)" part of a run's summary line.
std::string cacheLine(const CommandResult &Ran) {
  size_t At = Ran.Stderr.find("(cache: ");
  if (At == std::string::npos)
    return "none in: " + Ran.Stderr;
  return Ran.Stderr.substr(At, Ran.Stderr.find(')', At) - At + 1);
}

TEST(Tool, CacheReusesOnlyUnchangedUnits) {
  Project P;
  // A header only catalog.cpp includes.
  writeFile(P.file("include/shop/prices.h"), "inline int price() { return 1; }\n");
  writeFile(P.file("src/catalog.cpp"),
            "#include <shop/prices.h>\n" + readFile(P.file("src/catalog.cpp")));
  std::string Cache = P.Root + "/cache";
  CommandResult Plain = firecrash({"-p", P.Build}, P.Root);
  auto Run = [&](std::vector<std::string> Extra = {}) {
    std::vector<std::string> Args{"-p", P.Build, "--cache-dir", Cache};
    Args.insert(Args.end(), Extra.begin(), Extra.end());
    return firecrash(Args, P.Root);
  };
  CommandResult Cold = Run();
  EXPECT_EQ(cacheLine(Cold), "(cache: 0 reused, 3 analysed)");
  EXPECT_EQ(Cold.Stdout, Plain.Stdout);
  CommandResult Warm = Run();
  EXPECT_EQ(cacheLine(Warm), "(cache: 3 reused, 0 analysed)");
  EXPECT_EQ(Warm.Stdout, Plain.Stdout);
  EXPECT_EQ(Warm.ExitCode, Findings);

  // A header's content: only the files that include it.
  writeFile(P.file("include/shop/prices.h"),
            readFile(P.file("include/shop/prices.h")) + "// edited\n");
  EXPECT_EQ(cacheLine(Run()), "(cache: 2 reused, 1 analysed)");
  EXPECT_EQ(cacheLine(Run()), "(cache: 3 reused, 0 analysed)");
  // A source file: only itself.
  writeFile(P.file("src/catalog.cpp"),
            readFile(P.file("src/catalog.cpp")) + "// edited\n");
  EXPECT_EQ(cacheLine(Run()), "(cache: 2 reused, 1 analysed)");
  // A shared header: every file.
  std::string Shared = readFile(P.file("include/shop/shop.h"));
  writeFile(P.file("include/shop/shop.h"), Shared + "// edited\n");
  EXPECT_EQ(cacheLine(Run()), "(cache: 0 reused, 3 analysed)");
  // Back as it was (a branch switched back): the earlier results are still
  // there, next to the newer ones.
  writeFile(P.file("include/shop/shop.h"), Shared);
  EXPECT_EQ(cacheLine(Run()), "(cache: 3 reused, 0 analysed)");
  writeFile(P.file("include/shop/shop.h"), Shared + "// edited\n");
  EXPECT_EQ(cacheLine(Run()), "(cache: 3 reused, 0 analysed)");
  // The configuration and the checks are in the key.
  EXPECT_EQ(cacheLine(Run({"--config", "{CheckOptions: {firecrash-detached-"
                                        "coroutine.MaxCallDepth: 1}}"})),
            "(cache: 0 reused, 3 analysed)");
  EXPECT_EQ(cacheLine(Run({"--checks=-*,firecrash-detached-coroutine"})),
            "(cache: 0 reused, 3 analysed)");
  writeFile(P.file(".clang-tidy"), "Checks: '-*,firecrash-unawaited-task'\n");
  CommandResult Configured = Run();
  EXPECT_EQ(cacheLine(Configured), "(cache: 0 reused, 3 analysed)");
  EXPECT_EQ(Configured.ExitCode, Clean) << Configured.Stdout;
  fs::remove(P.file(".clang-tidy"));
  // So are the compile flags.
  writeFile(P.Build + "/compile_commands.json",
            std::regex_replace(readFile(P.Build + "/compile_commands.json"),
                               std::regex("-std="), "-DEXTRA=1 -std="));
  EXPECT_EQ(cacheLine(Run()), "(cache: 0 reused, 3 analysed)");
  CommandResult Again = Run();
  EXPECT_EQ(cacheLine(Again), "(cache: 3 reused, 0 analysed)");

  // A damaged entry is recomputed, never trusted: garbage, a truncated
  // entry, and one whose payload was altered under a valid header.
  std::vector<std::string> Entries;
  for (const auto &Entry : fs::recursive_directory_iterator(Cache))
    if (Entry.is_regular_file())
      Entries.push_back(Entry.path().string());
  // Five keys (as configured, --config, --checks, .clang-tidy, flags) for
  // three units, and under the first key a variant per content the edits
  // above gave a unit: prices.h (1 unit), catalog.cpp (1), shop.h (3).
  ASSERT_EQ(Entries.size(), 5u * 3u + 5u);
  // The three in use are the newest.
  std::vector<std::string> Fresh = Entries;
  std::sort(Fresh.begin(), Fresh.end(), [](const auto &A, const auto &B) {
    return fs::last_write_time(A) > fs::last_write_time(B);
  });
  Fresh.resize(3);
  writeFile(Fresh[0], "garbage");
  std::string Text = readFile(Fresh[1]);
  writeFile(Fresh[1], Text.substr(0, Text.size() / 2));
  Text = readFile(Fresh[2]);
  size_t Handler = Text.find("checkout");
  if (Handler != std::string::npos)
    Text.replace(Handler, 8, "checkOUT");
  else
    Text.back() = ' ';
  writeFile(Fresh[2], Text);
  CommandResult Repaired = Run();
  EXPECT_EQ(cacheLine(Repaired),
            "(cache: 0 reused, 3 analysed, 3 damaged entries replaced)");
  EXPECT_EQ(Repaired.Stdout, Again.Stdout);
  EXPECT_EQ(cacheLine(Run()), "(cache: 3 reused, 0 analysed)");
}

TEST(Tool, CacheIsSharedSafelyByConcurrentProcesses) {
  Project P("jobs");
  std::string Cache = P.Root + "/cache";
  CommandResult Plain = firecrash({"-p", P.Build, "--format", "json"}, P.Root);
  // Four processes, two threads each, racing on one empty directory, then
  // four more reading what they left.
  for (int Round = 0; Round < 2; ++Round) {
    std::vector<std::string> Argv{"bash", "-c",
                                  "cd \"$3\"; for i in 1 2 3 4; do \"$0\" -p "
                                  "\"$1\" -j2 --format json --cache-dir \"$2\" "
                                  "> \"$2.out$i\" 2>/dev/null & done; wait",
                                  FIRECRASH_TOOL_PATH, P.Build, Cache, P.Root};
    CommandResult Ran = runCommand(Argv, 600);
    ASSERT_EQ(Ran.ExitCode, 0) << Ran.Stderr;
    for (int I = 1; I <= 4; ++I)
      EXPECT_EQ(readFile(Cache + ".out" + std::to_string(I)), Plain.Stdout)
          << "round " << Round << ", process " << I;
  }
  for (const auto &Entry : fs::recursive_directory_iterator(Cache))
    EXPECT_EQ(Entry.path().extension() == ".tmp", false)
        << "a temporary file left behind: " << Entry.path();
  CommandResult Warm = firecrash({"-p", P.Build, "--cache-dir", Cache}, P.Root);
  EXPECT_NE(cacheLine(Warm).find(" 0 analysed"), std::string::npos)
      << cacheLine(Warm);
}

TEST(Tool, CacheDirectoryProblemsAreUsageErrors) {
  Project P;
  writeFile(P.Root + "/file", "x");
  expectOneLineError(
      firecrash({"-p", P.Build, "--cache-dir", P.Root + "/file"}, P.Root),
      "cache directory '" + P.Root + "/file' is not a directory");
}

TEST(Tool, PluginSummariesMergeToTheToolsReport) {
  Project P;
  // The same project built by clang++-19 with the plugin writing a summary
  // per object file into one directory. The flags are added once the
  // compiler has been probed: CMake's probes are compiles too, and would
  // leave their own summaries.
  std::string Build = P.Root + "/clang-build";
  std::string Summaries = P.Root + "/summaries";
  std::string Flags = "-fplugin=" + pluginPath() +
                      " -fplugin-arg-firecrash-summary=" + Summaries + "/" +
                      " -fplugin-arg-firecrash-root=" + P.Root;
  for (const std::string &Extra :
       {std::string(), "-DCMAKE_CXX_FLAGS=" + Flags}) {
    std::vector<std::string> Argv{"cmake", "-S", P.Root + "/src", "-B", Build,
                                  "-G", "Ninja",
                                  "-DCMAKE_CXX_COMPILER=" + clangBinary(),
                                  "-DFIRECRASH_INCLUDE=" + includeDir()};
    if (!Extra.empty())
      Argv.push_back(Extra);
    CommandResult Configured = runCommand(Argv, 300);
    ASSERT_EQ(Configured.ExitCode, 0) << Configured.Stderr;
  }
  CommandResult Built = runCommand({"cmake", "--build", Build}, 600);
  ASSERT_EQ(Built.ExitCode, 0) << Built.Stdout << Built.Stderr;
  EXPECT_EQ(listFiles(Summaries, {".firecrash.json"}).size(), 3u);

  CommandResult Merged =
      firecrash({"merge", "--format", "json", Summaries}, P.Root);
  CommandResult Tool = firecrash({"-p", P.Build, "--format", "json"}, P.Root);
  EXPECT_EQ(Merged.ExitCode, Findings) << Merged.Stderr;
  EXPECT_EQ(Merged.Stdout, Tool.Stdout);
  // Unit by unit, the plugin writes what `firecrash summarize` writes.
  CommandResult All =
      firecrash({"summarize", "-p", P.Build, "--quiet"}, P.Root);
  Json Units = parse(All.Stdout)["units"];
  ASSERT_EQ(Units.size(), 3u);
  for (const std::string &File : listFiles(Summaries, {".firecrash.json"})) {
    Json Unit = parse(readFile(File))["units"][0];
    bool Matched = false;
    for (const Json &Expected : Units)
      if (Expected["file"] == Unit["file"]) {
        EXPECT_EQ(Expected, Unit) << File;
        Matched = true;
      }
    EXPECT_TRUE(Matched) << File;
  }
}

TEST(Tool, OutputToAPipeIsWrittenNotReplaced) {
  // -o /dev/null or a FIFO must be written to: replacing it by renaming a
  // file over it (as regular outputs are written) would break the system.
  Project P;
  std::string Fifo = P.Root + "/report.fifo";
  CommandResult Ran = runCommand(
      {"bash", "-c",
       "mkfifo \"$1\" && { timeout 20 cat \"$1\" > \"$1.got\" & } && "
       "\"$0\" -p \"$2\" --format json --quiet -o \"$1\"; s=$?; wait; "
       "test -p \"$1\" || exit 9; exit $s",
       FIRECRASH_TOOL_PATH, Fifo, P.Build},
      300);
  EXPECT_EQ(Ran.ExitCode, Findings) << Ran.Stderr;
  EXPECT_EQ(parseReport(readFile(Fifo + ".got"))["findings"].size(), 3u);
}

TEST(Tool, FileNamesThatAreNotUtf8SurviveSummariesAndTheCache) {
  // A Latin-1 file name: JSON holds only UTF-8, and the summary writer used
  // to abort on it.
  std::string Dir = makeTempDir();
  std::string Name = "caf\xe9.cpp";
  writeFile(Dir + "/" + Name,
            "#include <firecrash/runtime.hpp>\n#include <string>\n"
            "firecrash::fire_and_forget log_later(const std::string &);\n"
            "void arm() {\n  std::string line = \"armed\";\n"
            "  log_later(line);\n}\n");
  writeFile(Dir + "/compile_commands.json",
            "[{\"directory\": \"" + Dir + "\", \"file\": \"" + Name +
                "\", \"command\": \"clang++ -std=c++20 -I" + includeDir() +
                " -c " + Name + "\"}]");
  CommandResult Whole = firecrash({"-p", ".", "--format", "json"}, Dir);
  ASSERT_EQ(Whole.ExitCode, Findings) << Whole.Stderr;
  CommandResult Summarized =
      firecrash({"summarize", "-p", ".", "-o", "s.firecrash.json"}, Dir);
  ASSERT_EQ(Summarized.ExitCode, Clean) << Summarized.Stderr;
  CommandResult Merged =
      firecrash({"merge", "--format", "json", "s.firecrash.json"}, Dir);
  EXPECT_EQ(Merged.ExitCode, Findings) << Merged.Stderr;
  EXPECT_EQ(Merged.Stdout, Whole.Stdout);
  for (const char *Expected : {"(cache: 0 reused, 1 analysed)",
                               "(cache: 1 reused, 0 analysed)"}) {
    CommandResult Cached = firecrash({"-p", ".", "--cache-dir", "cache"}, Dir);
    EXPECT_EQ(Cached.ExitCode, Findings) << Cached.Stderr;
    EXPECT_NE(Cached.Stderr.find(Expected), std::string::npos) << Cached.Stderr;
  }
  std::error_code EC;
  fs::remove_all(Dir, EC);
}

/// Runs git in \p Dir as a fixed author.
void git(const std::string &Dir, const std::vector<std::string> &Args) {
  std::vector<std::string> Argv{"git",
                                "-C",
                                Dir,
                                "-c",
                                "user.name=firecrash",
                                "-c",
                                "user.email=firecrash@example.invalid",
                                "-c",
                                "commit.gpgsign=false",
                                "-c",
                                "init.defaultBranch=main"};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  CommandResult Ran = runCommand(Argv, 60);
  ASSERT_EQ(Ran.ExitCode, 0) << Ran.Stderr;
}

/// \p Text with the one occurrence of \p From replaced by \p To.
std::string replaced(std::string Text, const std::string &From,
                     const std::string &To) {
  size_t At = Text.find(From);
  EXPECT_NE(At, std::string::npos) << From;
  if (At != std::string::npos)
    Text.replace(At, From.size(), To);
  return Text;
}

/// The shop project in a git repository whose only commit is its base:
/// log_line() in audit.cpp starts nothing, so the handler checkout() in
/// orders.cpp, which calls it through record_checkout(), is clean there.
struct Repository : Project {
  std::string Work = Root + "/src";
  std::string Audit = file("src/audit.cpp");
  std::string Starting = readFile(Audit);
  static constexpr const char *Quiet = "static void log_line(int id) {}";
  static constexpr const char *Starts =
      "static void log_line(int id) { write_audit(id); }";

  Repository() {
    writeFile(Audit, replaced(Starting, Starts, Quiet));
    git(Work, {"init", "-q"});
    git(Work, {"add", "-A"});
    git(Work, {"commit", "-q", "-m", "base"});
  }
  CommandResult run(std::vector<std::string> Args) const {
    Args.insert(Args.begin(), {"-p", Build});
    return firecrash(Args, Work);
  }
};

TEST(Tool, DiffBaseReportsWhatAHelperChangeIntroducesInAnotherFile) {
  Repository R;
  std::string Cache = R.Root + "/cache";
  // The base's own run fills the cache, as a run on the main branch does.
  CommandResult AtBase = R.run({"--cache-dir", Cache});
  EXPECT_EQ(AtBase.Stderr,
            "firecrash: 2 findings in 3 files (cache: 0 reused, 3 analysed)\n");

  // The change: the helper in audit.cpp now starts a detached coroutine,
  // which the unchanged handler in orders.cpp reaches.
  writeFile(R.Audit, R.Starting);
  CommandResult Ran = R.run(
      {"--cache-dir", Cache, "--diff-base", "HEAD", "--format", "json"});
  EXPECT_EQ(Ran.ExitCode, Findings) << Ran.Stderr;
  Json Report = parseReport(Ran.Stdout);
  ASSERT_EQ(Report["findings"].size(), 1u) << Ran.Stdout;
  const Json &F = Report["findings"][0];
  EXPECT_EQ(F["file"], "src/orders.cpp");
  EXPECT_EQ(F["line"], 10);
  EXPECT_EQ(F["check"], "firecrash-detached-coroutine");
  EXPECT_EQ(F["callee"], "shop::write_audit");
  EXPECT_EQ(F["cross_translation_unit"], true);
  // Only audit.cpp is analysed again, here; at the base it is the cache's.
  const Json &Diff = Report["summary"]["diff_base"];
  EXPECT_EQ(Diff["revision"], "HEAD");
  EXPECT_EQ(Diff["commit"].get<std::string>().size(), 40u);
  EXPECT_EQ(Diff["changed_files"], 1);
  EXPECT_EQ(Diff["units_affected"], 1);
  EXPECT_EQ(Diff["analysed_here"], 1);
  EXPECT_EQ(Diff["analysed_at_base"], 0);
  EXPECT_EQ(Diff["present_at_base"], 2);

  // Without a cache every unit is analysed here (the merge needs every
  // summary) and the affected one at the base: the same finding.
  CommandResult Cold = R.run({"--diff-base", "HEAD"});
  EXPECT_EQ(Cold.ExitCode, Findings);
  EXPECT_EQ(Cold.Stderr,
            "firecrash: 1 finding introduced since HEAD in 3 files, 2 present "
            "at the base; 1 affected by 1 changed file, analysed 3 here and 1 "
            "at the base\n");
  EXPECT_NE(Cold.Stdout.find("src/orders.cpp:10:3: warning: coroutine "
                             "'write_audit'"),
            std::string::npos)
      << Cold.Stdout;
  EXPECT_EQ(Cold.Stdout.find("send_email"), std::string::npos)
      << "a finding present at the base is reported";

  // Through a symbolic link to the work tree, with a database that names
  // the sources through it: git names the real directory.
  std::string Link = R.Root + "-link";
  fs::create_directory_symlink(R.Root, Link);
  std::string Linked = R.Root + "/build-linked";
  CommandResult Configured =
      runCommand({"cmake", "-S", Link + "/src", "-B", Linked, "-G", "Ninja",
                  "-DFIRECRASH_INCLUDE=" + includeDir()},
                 300);
  ASSERT_EQ(Configured.ExitCode, 0) << Configured.Stderr;
  ASSERT_NE(readFile(Linked + "/compile_commands.json").find(Link),
            std::string::npos);
  CommandResult ThroughLink = firecrash(
      {"-p", Linked, "--root", Link + "/src", "--diff-base", "HEAD"}, R.Work);
  fs::remove(Link);
  EXPECT_EQ(ThroughLink.ExitCode, Findings);
  EXPECT_EQ(ThroughLink.Stderr,
            "firecrash: 1 finding introduced since HEAD in 3 files, 2 present "
            "at the base; 1 affected by 1 changed file, analysed 3 here and 1 "
            "at the base\n");

  // SARIF carries that result alone and says what it was compared with.
  CommandResult Sarif = R.run({"--diff-base", "HEAD", "--format", "sarif"});
  Json Log = parse(Sarif.Stdout);
  EXPECT_EQ(Log["runs"][0]["results"].size(), 1u);
  EXPECT_EQ(Log["runs"][0]["properties"]["diffBase"]["revision"], "HEAD");

  // A baseline of the whole tree hides it too.
  std::string Baseline = R.Root + "/baseline.json";
  R.run({"--write-baseline", Baseline});
  CommandResult Baselined =
      R.run({"--diff-base", "HEAD", "--baseline", Baseline, "--format", "json"});
  EXPECT_EQ(Baselined.ExitCode, Clean) << Baselined.Stdout;
  EXPECT_EQ(parseReport(Baselined.Stdout)["summary"]["baselined"], 1);
}

TEST(Tool, DiffBaseDoesNotReportMovedCodeOrFixedFindings) {
  Repository R;
  std::string Orders = R.file("src/orders.cpp");
  std::string Text = readFile(Orders);
  // Moved: the handler ship() and its detached coroutine go above
  // checkout(), lines shift, nothing is new.
  size_t Ship = Text.find("// Fixable:");
  size_t View = Text.find("// Clean:");
  size_t Checkout = Text.find("// A direct start:");
  ASSERT_TRUE(Ship != std::string::npos && View != std::string::npos &&
              Checkout != std::string::npos);
  std::string Moved = Text.substr(0, Checkout) +
                      Text.substr(Ship, View - Ship) +
                      Text.substr(Checkout, Ship - Checkout) +
                      Text.substr(View);
  writeFile(Orders, Moved);
  CommandResult Ran = R.run({"--diff-base", "HEAD"});
  EXPECT_EQ(Ran.ExitCode, Clean) << Ran.Stdout;
  EXPECT_EQ(Ran.Stdout, "");
  EXPECT_NE(Ran.Stderr.find("0 findings introduced since HEAD"),
            std::string::npos)
      << Ran.Stderr;

  // Moved to a new file (and the change committed): still nothing new.
  size_t NotifyEnd = Moved.find("// A direct start:");
  std::string Shipping =
      "#include <shop/shop.h>\nnamespace shop {\n" +
      Moved.substr(Moved.find("// Fixable:"),
                   NotifyEnd - Moved.find("// Fixable:")) +
      "}\n";
  writeFile(Orders, Moved.substr(0, Moved.find("// Fixable:")) +
                        Moved.substr(NotifyEnd));
  writeFile(R.file("src/shipping.cpp"), Shipping);
  writeFile(R.file("CMakeLists.txt"),
            replaced(readFile(R.file("CMakeLists.txt")), "src/orders.cpp",
                     "src/orders.cpp src/shipping.cpp"));
  CommandResult Configured =
      runCommand({"cmake", "-S", R.Work, "-B", R.Build}, 300);
  ASSERT_EQ(Configured.ExitCode, 0) << Configured.Stderr;
  Ran = R.run({"--diff-base", "HEAD", "--format", "json"});
  EXPECT_EQ(Ran.ExitCode, Clean) << Ran.Stdout << Ran.Stderr;
  Json Report = parseReport(Ran.Stdout);
  EXPECT_EQ(Report["findings"].size(), 0u);
  EXPECT_EQ(Report["summary"]["files_analyzed"], 4);
  EXPECT_EQ(Report["summary"]["diff_base"]["present_at_base"], 2);

  // Fixed: the call that started send_email is gone; nothing is new.
  git(R.Work, {"add", "-A"});
  git(R.Work, {"commit", "-q", "-m", "moved"});
  std::string Now = readFile(Orders);
  writeFile(Orders, replaced(Now, "  send_email(o.email);\n", ""));
  Ran = R.run({"--diff-base", "HEAD"});
  EXPECT_EQ(Ran.ExitCode, Clean) << Ran.Stdout;
  EXPECT_NE(Ran.Stderr.find("0 findings introduced since HEAD in 4 files, 1 "
                            "present at the base; 1 affected by 1 changed "
                            "file, analysed 4 here and 1 at the base"),
            std::string::npos)
      << Ran.Stderr;
}

TEST(Tool, DiffBaseProblemsAreUsageErrors) {
  Repository R;
  expectOneLineError(R.run({"--diff-base", "no-such-branch"}),
                     "--diff-base: 'no-such-branch' names no commit in ");
  expectOneLineError(R.run({"--diff-base", "HEAD", "--shard", "1/2"}),
                     "--diff-base compares whole reports");
  expectOneLineError(
      R.run({"--diff-base", "HEAD", "--write-baseline", R.Root + "/b.json"}),
      "--write-baseline records every finding");
  // Outside a work tree.
  expectOneLineError(firecrash({"-p", R.Build, "--diff-base", "HEAD"}, R.Root),
                     "--diff-base needs a git work tree: ");
}

/// The shop with three suppressions: one with a reason, one without, and
/// one that suppresses nothing.
struct Suppressing : Project {
  Suppressing() {
    std::string Orders = file("src/orders.cpp");
    std::string Text = readFile(Orders);
    Text = replaced(Text, "  send_email(o.email);\n",
                    "  send_email(o.email); // NOLINT(firecrash-detached-"
                    "coroutine): the mailer copies the address\n");
    Text = replaced(Text, "  notify_warehouse(id);\n",
                    "  // NOLINTNEXTLINE(firecrash-*)\n  notify_warehouse(id);\n");
    Text = replaced(Text, "  co_await record_view(id);\n",
                    "  co_await record_view(id); // NOLINT(firecrash-unawaited-"
                    "task): stale\n");
    writeFile(Orders, Text);
  }
};

TEST(Tool, SuppressionsCarryReasonsAndStaleOnesAreReported) {
  Suppressing P;
  // By default the suppressions only suppress, and are counted.
  CommandResult Plain = firecrash({"-p", P.Build}, P.Root);
  EXPECT_EQ(Plain.Stderr,
            "firecrash: 1 finding in 3 files, 2 suppressed in source\n");

  CommandResult Ran =
      firecrash({"-p", P.Build, "--require-suppression-reason",
                 "--report-unused-suppressions", "--list-suppressed"},
                P.Root);
  EXPECT_EQ(Ran.ExitCode, Findings);
  EXPECT_NE(Ran.Stdout.find("src/src/orders.cpp:18:6: warning: "
                            "'NOLINTNEXTLINE(firecrash-*)' suppresses a "
                            "finding of 'firecrash-detached-coroutine' without "
                            "a reason; say why after a colon: '// "
                            "NOLINTNEXTLINE(firecrash-*): <reason>' "
                            "[firecrash-suppression-reason]"),
            std::string::npos)
      << Ran.Stdout;
  EXPECT_NE(Ran.Stdout.find("src/src/orders.cpp:25:32: warning: "
                            "'NOLINT(firecrash-unawaited-task)' suppresses no "
                            "finding; remove it, or it will hide the next one "
                            "[firecrash-unused-suppression]"),
            std::string::npos)
      << Ran.Stdout;
  EXPECT_NE(Ran.Stdout.find("src/src/orders.cpp:9:27: note: suppressed by "
                            "'NOLINT(firecrash-detached-coroutine)': the "
                            "mailer copies the address"),
            std::string::npos)
      << Ran.Stdout;
  // A reason given, and a suppression in use, are not reported.
  EXPECT_EQ(Ran.Stdout.find("orders.cpp:9:27: warning"), std::string::npos);

  Json Report = parseReport(
      firecrash({"-p", P.Build, "--format", "json", "--list-suppressed",
                 "--require-suppression-reason",
                 "--report-unused-suppressions"},
                P.Root)
          .Stdout);
  EXPECT_EQ(Report["summary"]["suppressed"], 2);
  EXPECT_EQ(Report["summary"]["by_check"]["firecrash-suppression-reason"], 1);
  EXPECT_EQ(Report["summary"]["by_check"]["firecrash-unused-suppression"], 1);
  ASSERT_EQ(Report["suppressed"].size(), 2u);
  const Json &Reasoned = Report["suppressed"][0];
  EXPECT_EQ(Reasoned["line"], 9);
  EXPECT_EQ(Reasoned["callee"], "shop::send_email");
  EXPECT_EQ(Reasoned["suppression"]["justification"],
            "the mailer copies the address");
  EXPECT_EQ(Reasoned["suppression"]["marker"],
            "NOLINT(firecrash-detached-coroutine)");
  EXPECT_EQ(Report["suppressed"][1]["suppression"]["justification"], "");
  // Without the flag the JSON lists none.
  EXPECT_FALSE(parseReport(firecrash({"-p", P.Build, "--format", "json"},
                                     P.Root)
                               .Stdout)
                   .contains("suppressed"));

  // SARIF: suppressed results in source with their justification, a
  // baselined one as external, and rules for the two new names.
  std::string Baseline = P.Root + "/baseline.json";
  firecrash({"-p", P.Build, "--write-baseline", Baseline}, P.Root);
  std::string Out = P.Root + "/report.sarif";
  CommandResult Sarif = firecrash(
      {"-p", P.Build, "--format", "sarif", "-o", Out, "--baseline", Baseline,
       "--require-suppression-reason", "--report-unused-suppressions"},
      P.Root);
  Json Log = parse(readFile(Out));
  std::map<std::string, int> Kinds;
  std::string Justification;
  for (const Json &Result : Log["runs"][0]["results"]) {
    if (!Result.contains("suppressions"))
      continue;
    const Json &S = Result["suppressions"][0];
    ++Kinds[S["kind"].get<std::string>()];
    if (S.contains("justification") && S["kind"] == "inSource")
      Justification = S["justification"];
  }
  EXPECT_EQ(Kinds["inSource"], 2);
  EXPECT_EQ(Kinds["external"], 1) << "the baselined cross-file finding";
  EXPECT_EQ(Justification, "the mailer copies the address");
  std::set<std::string> Rules;
  for (const Json &Rule : Log["runs"][0]["tool"]["driver"]["rules"])
    Rules.insert(Rule["id"]);
  EXPECT_TRUE(Rules.count("firecrash-suppression-reason"));
  EXPECT_TRUE(Rules.count("firecrash-unused-suppression"));
  // Valid under the SARIF and GitHub rules where the validator is installed
  // (Tool.SarifValidatesCleanWithTheSarifAndGitHubRules is skipped, and says
  // so, where it is not).
  if (fs::exists(sarifValidator()))
    EXPECT_EQ(sarifProblems(Out), "");
}

TEST(Tool, GccOnlyFlagsAreRecognised) {
  EXPECT_TRUE(isGccOnlyFlag("-fconcepts-diagnostics-depth=2"));
  EXPECT_TRUE(isGccOnlyFlag("-fno-canonical-system-headers"));
  EXPECT_TRUE(isGccOnlyFlag("-fmodules-ts"));
  EXPECT_TRUE(isGccOnlyFlag("-fcoroutines"));
  EXPECT_FALSE(isGccOnlyFlag("-std=c++20"));
  EXPECT_FALSE(isGccOnlyFlag("-fcoroutines-ts"));
}

} // namespace
} // namespace firecrash::test
