//===--- TestInputsTest.cpp - every input through every front door --------===//
//
// Runs each file under test-inputs/ in process and through the real
// clang-tidy-19 --load, and requires both to match the file's annotations
// exactly (every warning, every note, every fix) and to agree with each
// other line for line.
//
//===----------------------------------------------------------------------===//

#include "InputSpec.h"
#include "Runner.h"
#include "Support.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "gtest/gtest.h"
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

namespace firecrash::test {
namespace {

std::string join(const std::vector<std::string> &Lines) {
  std::string Out;
  for (const std::string &Line : Lines)
    Out += "  " + Line + "\n";
  return Out;
}

struct FrontDoorResult {
  std::vector<std::string> Lines;
  std::string Fixed;
  std::string Failure;
};

bool hasCompilerError(const std::vector<std::string> &Lines) {
  for (const std::string &Line : Lines)
    if (Line.find(": error: ") != std::string::npos &&
        Line.find("[clang-diagnostic-") != std::string::npos)
      return true;
  return false;
}

/// Maps the RUN line's clang-tidy arguments onto RunOptions.
bool toRunOptions(const RunSpec &Run, RunOptions &Options, std::string &Error) {
  Options.Checks = "-*," + Run.Checks;
  for (const std::string &Arg : Run.TidyArgs) {
    llvm::StringRef A = Arg;
    A.consume_front("-");
    A.consume_front("-");
    if (A.consume_front("config="))
      Options.Config = A.str();
    else if (A.consume_front("header-filter="))
      Options.HeaderFilter = A.str();
    else {
      Error = "clang-tidy argument not supported by the test driver: " + Arg;
      return false;
    }
  }
  return true;
}

FrontDoorResult runInProcess(const RunSpec &Run, const std::string &File,
                             const std::string &Original) {
  FrontDoorResult Result;
  RunOptions Options;
  if (!toRunOptions(Run, Options, Result.Failure))
    return Result;
  auto DB = withBuiltinHeaders(
      std::make_unique<clang::tooling::FixedCompilationDatabase>(
          llvm::sys::path::parent_path(File), Run.CompilerArgs));
  auto Errors = runChecks(*DB, {File}, Options);
  if (!Errors) {
    Result.Failure = llvm::toString(Errors.takeError());
    return Result;
  }
  PositionMapper Mapper;
  Result.Lines = renderDiagnostics(*Errors, Mapper);
  Result.Fixed = Original;
  if (hasCompilerError(Result.Lines))
    return Result; // clang-tidy applies no fixes to code that does not compile
  for (const auto &[Path, Replacements] : collectFixes(*Errors, true)) {
    if (Path != File) {
      Result.Failure = "a fix touches another file: " + Path;
      return Result;
    }
    auto Applied = clang::tooling::applyAllReplacements(Original, Replacements);
    if (!Applied) {
      Result.Failure = llvm::toString(Applied.takeError());
      return Result;
    }
    Result.Fixed = *Applied;
  }
  return Result;
}

/// clang-tidy-19 with the module loaded, or (\p Binary) a clang-tidy with
/// the checks built in, firecrash-tidy.
FrontDoorResult runClangTidy(const RunSpec &Run, const std::string &File,
                             const std::string &Binary = "") {
  FrontDoorResult Result;
  std::vector<std::string> Argv{clangTidyBinary(), "--load=" + modulePath()};
  if (!Binary.empty())
    Argv = {Binary};
  Argv.push_back("-checks=-*," + Run.Checks);
  for (const std::string &Arg : Run.TidyArgs)
    Argv.push_back(Arg);
  Argv.push_back("--fix-notes");
  Argv.push_back(File);
  Argv.push_back("--");
  for (const std::string &Arg : Run.CompilerArgs)
    Argv.push_back(Arg);
  CommandResult Ran = runCommand(Argv, 300);
  if (Ran.Signal || Ran.TimedOut) {
    Result.Failure = Argv.front() + " crashed or hung:\n" + Ran.Stderr;
    return Result;
  }
  llvm::Regex Diagnostic(
      "^.+:[0-9]+:[0-9]+: (warning|error|note|remark): .*$");
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  llvm::StringRef(Ran.Stdout).split(Lines, '\n');
  for (llvm::StringRef Line : Lines)
    if (Diagnostic.match(Line) &&
        !Line.contains(": note: FIX-IT applied suggested code changes"))
      Result.Lines.push_back(Line.str());
  Result.Fixed = readFile(File);
  return Result;
}

/// "file:line:col: severity: message" with the file's real path, so the
/// doors' different spellings of one path compare equal.
std::string canonicalLine(llvm::StringRef File, unsigned Line, unsigned Column,
                          llvm::StringRef Severity, llvm::StringRef Message) {
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(File, Real))
    Real = File;
  return (Real + ":" + llvm::Twine(Line) + ":" + llvm::Twine(Column) + ": " +
          Severity + ": " + Message)
      .str();
}

/// Keeps the firecrash diagnostics of clang-style output lines (each warning
/// or error with the notes after it), in canonical form.
std::vector<std::string> firecrashLines(llvm::StringRef Output) {
  llvm::Regex Diagnostic("^(.+):([0-9]+):([0-9]+): (warning|error|note): (.*)$");
  std::vector<std::string> Lines;
  bool Keep = false;
  llvm::SmallVector<llvm::StringRef, 0> Raw;
  Output.split(Raw, '\n');
  for (llvm::StringRef Line : Raw) {
    llvm::SmallVector<llvm::StringRef, 6> M;
    if (!Diagnostic.match(Line, &M))
      continue;
    if (M[4] != "note")
      Keep = M[5].contains("[firecrash-");
    if (!Keep || M[5].starts_with("FIX-IT applied"))
      continue;
    unsigned L = 0, C = 0;
    M[2].getAsInteger(10, L);
    M[3].getAsInteger(10, C);
    Lines.push_back(canonicalLine(M[1], L, C, M[4], M[5]));
  }
  return Lines;
}

/// The compiler plugin, in a real compile that writes an object file.
FrontDoorResult runPlugin(const RunSpec &Run, const std::string &File,
                          const std::string &Dir) {
  FrontDoorResult Result;
  RunOptions Options;
  if (!toRunOptions(Run, Options, Result.Failure))
    return Result;
  std::vector<std::string> Argv{clangBinary(), "-fplugin=" + pluginPath(),
                                "-fplugin-arg-firecrash-checks=" + Options.Checks,
                                "-fno-caret-diagnostics",
                                "-fno-color-diagnostics"};
  if (!Options.Config.empty())
    Argv.push_back("-fplugin-arg-firecrash-config=" + Options.Config);
  if (Options.HeaderFilter)
    Argv.push_back("-fplugin-arg-firecrash-header-filter=" +
                   *Options.HeaderFilter);
  Argv.insert(Argv.end(), Run.CompilerArgs.begin(), Run.CompilerArgs.end());
  std::string Object = Dir + "/plugin-output.o";
  Argv.insert(Argv.end(), {"-c", File, "-o", Object});
  CommandResult Ran = runCommand(Argv, 300);
  if (Ran.Signal || Ran.TimedOut) {
    Result.Failure = "clang++-19 -fplugin crashed or hung:\n" + Ran.Stderr;
    return Result;
  }
  Result.Lines = firecrashLines(Ran.Stderr);
  if (Ran.ExitCode == 0 && !llvm::sys::fs::exists(Object))
    Result.Failure = "the compile with the plugin wrote no object file";
  return Result;
}

/// The firecrash tool, over a compile database, as JSON.
FrontDoorResult runToolJson(const RunSpec &Run, const std::string &File,
                            const std::string &Dir) {
  FrontDoorResult Result;
  RunOptions Options;
  if (!toRunOptions(Run, Options, Result.Failure))
    return Result;
  nlohmann::json Arguments = nlohmann::json::array({clangBinary()});
  for (const std::string &Arg : Run.CompilerArgs)
    Arguments.push_back(Arg);
  Arguments.push_back("-c");
  Arguments.push_back(File);
  nlohmann::json Database = nlohmann::json::array(
      {{{"directory", Dir}, {"file", File}, {"arguments", Arguments}}});
  writeFile(Dir + "/compile_commands.json", Database.dump());
  std::vector<std::string> Argv{toolPath(), "-p", Dir, "--format", "json",
                                "--checks=" + Options.Checks};
  if (!Options.Config.empty())
    Argv.push_back("--config=" + Options.Config);
  if (Options.HeaderFilter)
    Argv.push_back("--header-filter=" + *Options.HeaderFilter);
  Argv.push_back(File);
  CommandResult Ran = runCommand(Argv, 300);
  if (Ran.Signal || Ran.TimedOut || Ran.ExitCode > 1) {
    Result.Failure = "firecrash --format json failed (exit " +
                     std::to_string(Ran.ExitCode) + "):\n" + Ran.Stderr;
    return Result;
  }
  if (std::string Invalid = reportSchemaErrors(Ran.Stdout); !Invalid.empty()) {
    Result.Failure = "the JSON report does not match docs/report.schema.json:\n" +
                     Invalid;
    return Result;
  }
  nlohmann::json Report = nlohmann::json::parse(Ran.Stdout, nullptr, false);
  if (Report.is_discarded() || !Report.contains("findings")) {
    Result.Failure = "firecrash --format json wrote no report:\n" + Ran.Stdout;
    return Result;
  }
  for (const nlohmann::json &F : Report["findings"]) {
    std::string Check = F["check"].get<std::string>();
    Result.Lines.push_back(canonicalLine(
        F["file"].get<std::string>(), F["line"].get<unsigned>(),
        F["column"].get<unsigned>(), F["severity"].get<std::string>(),
        F["message"].get<std::string>() + " [" + Check + "]"));
    for (const nlohmann::json &N : F["notes"])
      Result.Lines.push_back(canonicalLine(
          N["file"].get<std::string>(), N["line"].get<unsigned>(),
          N["column"].get<unsigned>(), "note", N["message"].get<std::string>()));
  }
  return Result;
}


#ifdef FIRECRASH_CLANGD_PATH
/// firecrash-clangd in an LSP session on \p File, whose compile database is
/// in \p Dir, with the run's checks and options in a .clang-tidy there.
FrontDoorResult runClangd(const RunSpec &Run, const std::string &File,
                          const std::string &Dir) {
  FrontDoorResult Result;
  RunOptions Options;
  if (!toRunOptions(Run, Options, Result.Failure))
    return Result;
  clang::tidy::ClangTidyOptions Tidy;
  if (!Options.Config.empty()) {
    auto Parsed = clang::tidy::parseConfiguration(
        llvm::MemoryBufferRef(Options.Config, "RUN line"));
    if (!Parsed) {
      Result.Failure = "cannot parse the RUN line's configuration";
      return Result;
    }
    Tidy = std::move(*Parsed);
  }
  Tidy.Checks = Options.Checks;
  writeFile(Dir + "/.clang-tidy", clang::tidy::configurationAsText(Tidy));
  CommandResult Ran =
      runCommand({"python3", sourceDir() + "/tests/integration/lsp-diagnostics.py",
                  FIRECRASH_CLANGD_PATH, Dir, File},
                 600);
  if (Ran.ExitCode != 0) {
    Result.Failure = "firecrash-clangd failed:\n" + Ran.Stderr;
    return Result;
  }
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  llvm::StringRef(Ran.Stdout).split(Lines, '\n', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Line : Lines)
    Result.Lines.push_back(Line.str());
  return Result;
}

/// What an editor shows of clang-style \p Lines: the warnings in \p File
/// with their notes, where a note whose message is the title of one of the
/// fixes \p Shown lists after the same warning ("fix: <title>") is that fix
/// (clangd offers a note's fix-it as a code action named after it, not as a
/// note).
std::vector<std::string> asInEditor(const std::vector<std::string> &Lines,
                                    const std::string &File,
                                    const std::vector<std::string> &Shown) {
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(File, Real))
    Real = File;
  std::map<std::string, std::set<std::string>> Fixes;
  std::string Warning;
  for (llvm::StringRef Line : Shown) {
    if (Line.consume_front("fix: "))
      Fixes[Warning].insert(Line.str());
    else if (!Line.contains(": note: "))
      Warning = Line.str();
  }
  std::vector<std::string> Kept;
  bool Keep = false;
  for (const std::string &Line : Lines) {
    size_t Note = Line.find(": note: ");
    if (Note == std::string::npos) {
      Keep = llvm::StringRef(Line).starts_with((Real + ":").str());
      Warning = Line;
    }
    if (!Keep)
      continue;
    std::string Message =
        Note == std::string::npos ? "" : Line.substr(Note + 8);
    Kept.push_back(Fixes[Warning].count(Message) ? "fix: " + Message : Line);
  }
  return Kept;
}
#endif

/// Describes the first difference between two doors' diagnostics (as
/// sorted multisets), or returns "" when they agree.
std::string firstDifference(llvm::StringRef Door, std::vector<std::string> Want,
                            std::vector<std::string> Got) {
  std::sort(Want.begin(), Want.end());
  std::sort(Got.begin(), Got.end());
  std::vector<std::string> Missing, Extra;
  std::set_difference(Want.begin(), Want.end(), Got.begin(), Got.end(),
                      std::back_inserter(Missing));
  std::set_difference(Got.begin(), Got.end(), Want.begin(), Want.end(),
                      std::back_inserter(Extra));
  if (!Missing.empty())
    return Door.str() + " lacks: " + Missing.front();
  if (!Extra.empty())
    return Door.str() + " adds: " + Extra.front();
  return "";
}

class TestInputs : public ::testing::TestWithParam<std::string> {};

TEST_P(TestInputs, MatchesAnnotationsInEveryFrontDoor) {
  InputSpec Spec = parseInput(GetParam());
  ASSERT_TRUE(Spec.Errors.empty()) << join(Spec.Errors);
  ASSERT_FALSE(Spec.Runs.empty());
  for (const RunSpec &Run : Spec.Runs) {
    std::string Suffixes;
    for (const std::string &Suffix : Run.Suffixes)
      Suffixes += (Suffixes.empty() ? "" : ",") + Suffix;
    SCOPED_TRACE("RUN line with suffixes '" + Suffixes + "'");
    std::string Dir = makeTempDir();
    ASSERT_FALSE(Dir.empty());
    std::string Copy =
        Dir + "/" + llvm::sys::path::filename(GetParam()).str();
    writeFile(Copy, Spec.Cleaned);

    FrontDoorResult InProcess = runInProcess(Run, Copy, Spec.Cleaned);
    ASSERT_TRUE(InProcess.Failure.empty()) << InProcess.Failure;
    std::vector<std::string> Problems =
        matchDiagnostics(Run.Diagnostics, InProcess.Lines);
    EXPECT_TRUE(Problems.empty())
        << "in process:\n" << join(Problems) << "output:\n"
        << join(InProcess.Lines);
    Problems = matchFixes(Run.Fixes, Spec.Cleaned, InProcess.Fixed);
    EXPECT_TRUE(Problems.empty())
        << "in-process fixes:\n" << join(Problems) << "fixed file:\n"
        << InProcess.Fixed;
#ifdef FIRECRASH_SANITIZED_TREE
    // The sanitized tree runs the analysis in process only: the doors'
    // adapters share its code, the plain tree holds them to parity, and the
    // tool's workers and writers have their own sanitized tests
    // (Reliability, the fuzz targets).
    (void)Dir;
#else
    FrontDoorResult Tidy = runClangTidy(Run, Copy);
    ASSERT_TRUE(Tidy.Failure.empty()) << Tidy.Failure;
    Problems = matchDiagnostics(Run.Diagnostics, Tidy.Lines);
    EXPECT_TRUE(Problems.empty())
        << "clang-tidy-19 --load:\n" << join(Problems) << "output:\n"
        << join(Tidy.Lines);
    EXPECT_EQ(InProcess.Lines, Tidy.Lines)
        << "the front doors disagree";

    Problems = matchFixes(Run.Fixes, Spec.Cleaned, Tidy.Fixed);
    EXPECT_TRUE(Problems.empty())
        << "clang-tidy-19 --fix-notes:\n" << join(Problems) << "fixed file:\n"
        << Tidy.Fixed;
    EXPECT_EQ(InProcess.Fixed, Tidy.Fixed) << "the front doors fix differently";

#ifdef FIRECRASH_TIDY_PATH
    // firecrash-tidy, clang-tidy with the checks built in: the same lines and
    // the same fixes as clang-tidy-19 with the module loaded.
    writeFile(Copy, Spec.Cleaned);
    FrontDoorResult Builtin = runClangTidy(Run, Copy, FIRECRASH_TIDY_PATH);
    ASSERT_TRUE(Builtin.Failure.empty()) << Builtin.Failure;
    EXPECT_EQ(Builtin.Lines, Tidy.Lines) << "firecrash-tidy disagrees";
    EXPECT_EQ(Builtin.Fixed, Tidy.Fixed) << "firecrash-tidy fixes differently";
#endif

    // A fix must leave code that compiles.
    if (Tidy.Fixed != Spec.Cleaned) {
      std::vector<std::string> Argv{clangBinary(), "-fsyntax-only", Copy};
      Argv.insert(Argv.end(), Run.CompilerArgs.begin(), Run.CompilerArgs.end());
      CommandResult Compiled = runCommand(Argv, 300);
      EXPECT_EQ(Compiled.ExitCode, 0)
          << "the fixed file does not compile:\n" << Compiled.Stderr;
    }

    // Parity: the same (check, file, line, column, message) set, notes
    // included, from the clang-tidy module, the tool's JSON and the plugin.
    std::vector<std::string> Module = firecrashLines(llvm::join(Tidy.Lines, "\n"));
    writeFile(Copy, Spec.Cleaned); // clang-tidy --fix-notes changed it
    FrontDoorResult Json = runToolJson(Run, Copy, Dir);
    ASSERT_TRUE(Json.Failure.empty()) << Json.Failure;
    FrontDoorResult Plugin = runPlugin(Run, Copy, Dir);
    ASSERT_TRUE(Plugin.Failure.empty()) << Plugin.Failure;
    EXPECT_EQ(firstDifference("firecrash --format json", Module, Json.Lines), "");
    EXPECT_EQ(firstDifference("the compiler plugin", Module, Plugin.Lines), "");
#ifdef FIRECRASH_CLANGD_PATH
    // firecrash-clangd, as an editor sees it: the main file's findings.
    FrontDoorResult Clangd = runClangd(Run, Copy, Dir);
    ASSERT_TRUE(Clangd.Failure.empty()) << Clangd.Failure;
    EXPECT_EQ(firstDifference("firecrash-clangd",
                              asInEditor(Module, Copy, Clangd.Lines),
                              Clangd.Lines),
              "");
#endif
#endif // FIRECRASH_SANITIZED_TREE
    std::error_code EC;
    std::filesystem::remove_all(Dir, EC);
  }
}

/// Returns "file:line" sites that warnings of two different checks share,
/// from clang-style lines.
std::vector<std::string> sitesOfTwoChecks(const std::vector<std::string> &Lines) {
  llvm::Regex Warning("^(.+):([0-9]+):[0-9]+: warning: .*\\[(firecrash-[a-z-]+)\\]$");
  std::map<std::string, std::set<std::string>> Checks;
  for (const std::string &Line : Lines) {
    llvm::SmallVector<llvm::StringRef, 4> M;
    if (Warning.match(Line, &M))
      Checks[(M[1] + ":" + M[2]).str()].insert(M[3].str());
  }
  std::vector<std::string> Shared;
  for (const auto &[Site, Names] : Checks)
    if (Names.size() > 1)
      Shared.push_back(Site + " (" + llvm::join(Names, ", ") + ")");
  return Shared;
}

// One warning per call site across all firecrash checks: every input, with
// every check enabled and its own options, gives no (file, line) a warning
// from two checks.
TEST_P(TestInputs, OneWarningPerSiteAcrossChecks) {
  InputSpec Spec = parseInput(GetParam());
  ASSERT_TRUE(Spec.Errors.empty()) << join(Spec.Errors);
  for (RunSpec Run : Spec.Runs) {
    Run.Checks = "firecrash-*";
    std::string Dir = makeTempDir();
    ASSERT_FALSE(Dir.empty());
    std::string Copy =
        Dir + "/" + llvm::sys::path::filename(GetParam()).str();
    writeFile(Copy, Spec.Cleaned);
    FrontDoorResult All = runInProcess(Run, Copy, Spec.Cleaned);
    ASSERT_TRUE(All.Failure.empty()) << All.Failure;
    EXPECT_EQ(sitesOfTwoChecks(All.Lines), std::vector<std::string>{})
        << "output:\n" << join(All.Lines);
    std::error_code EC;
    std::filesystem::remove_all(Dir, EC);
  }
}

TEST(TestInputDriver, TwoChecksAtOneSiteAreFound) {
  EXPECT_EQ(sitesOfTwoChecks({"/a.cpp:3:5: warning: w [firecrash-x]",
                              "/a.cpp:3:9: warning: v [firecrash-y]",
                              "/a.cpp:4:1: warning: v [firecrash-y]"}),
            std::vector<std::string>{"/a.cpp:3 (firecrash-x, firecrash-y)"});
  EXPECT_TRUE(sitesOfTwoChecks({"/a.cpp:3:5: warning: w [firecrash-x]",
                                "/a.cpp:3:5: note: n"})
                  .empty());
}

std::vector<std::string> allInputs() {
  // test-inputs/projects/ holds whole projects for the tool's tests.
  std::vector<std::string> Inputs;
  for (std::string &File : listFiles(sourceDir() + "/test-inputs", {".cpp"}))
    if (File.find("/test-inputs/projects/") == std::string::npos)
      Inputs.push_back(std::move(File));
  return Inputs;
}

std::string inputName(const ::testing::TestParamInfo<std::string> &Info) {
  std::string Relative = Info.param.substr(sourceDir().size() + 13);
  std::string Name;
  for (char C : Relative)
    Name += std::isalnum(static_cast<unsigned char>(C)) ? C : '_';
  return Name;
}

INSTANTIATE_TEST_SUITE_P(Inputs, TestInputs, ::testing::ValuesIn(allInputs()),
                         inputName);

TEST(TestInputDriver, FailsWhenOneNoteIsMissing) {
  std::vector<Expectation> Expected{
      {1, "a.cpp:3:5: warning: w [x]", llvm::Regex::escape(":3:5: warning: w")},
  };
  std::vector<std::string> Actual{"a.cpp:3:5: warning: w [x]",
                                  "a.cpp:1:1: note: n"};
  EXPECT_EQ(matchDiagnostics(Expected, Actual).size(), 1u);
  Actual.pop_back();
  EXPECT_TRUE(matchDiagnostics(Expected, Actual).empty());
  Expected.push_back({2, ":1:1: note: n", llvm::Regex::escape(":1:1: note: n")});
  EXPECT_EQ(matchDiagnostics(Expected, Actual).size(), 1u);
}

TEST(TestInputDriver, RealInputFailsWhenOneNoteIsRemoved) {
  // Fail first: the annotations of a real input match, and stop matching as
  // soon as a single note expectation is dropped.
  InputSpec Spec = parseInput(sourceDir() +
                              "/test-inputs/detached-coroutine/reach.cpp");
  ASSERT_TRUE(Spec.Errors.empty()) << join(Spec.Errors);
  ASSERT_EQ(Spec.Runs.size(), 1u);
  RunSpec Run = Spec.Runs.front();
  std::string Dir = makeTempDir();
  std::string Copy = Dir + "/reach.cpp";
  writeFile(Copy, Spec.Cleaned);
  FrontDoorResult Result = runInProcess(Run, Copy, Spec.Cleaned);
  ASSERT_TRUE(Result.Failure.empty()) << Result.Failure;
  EXPECT_TRUE(matchDiagnostics(Run.Diagnostics, Result.Lines).empty());
  for (size_t I = 0; I < Run.Diagnostics.size(); ++I) {
    if (Run.Diagnostics[I].Text.find(": note: ") == std::string::npos)
      continue;
    std::vector<Expectation> Fewer = Run.Diagnostics;
    Fewer.erase(Fewer.begin() + static_cast<long>(I));
    EXPECT_EQ(matchDiagnostics(Fewer, Result.Lines).size(), 1u)
        << "dropping line " << Run.Diagnostics[I].Line << " went unnoticed";
  }
  std::error_code EC;
  std::filesystem::remove_all(Dir, EC);
}

TEST(TestInputDriver, ParityNamesTheDoorAndTheFirstDifference) {
  std::vector<std::string> Module{"/a.cpp:1:1: warning: w [firecrash-x]",
                                  "/a.cpp:2:1: note: n"};
  EXPECT_EQ(firstDifference("the plugin", Module, Module), "");
  EXPECT_EQ(firstDifference("the plugin", Module, {Module[0]}),
            "the plugin lacks: /a.cpp:2:1: note: n");
  EXPECT_EQ(firstDifference("the tool", Module,
                            {Module[0], Module[1], Module[1]}),
            "the tool adds: /a.cpp:2:1: note: n");
}

TEST(TestInputDriver, FixesMustAppearInOrderAndNothingElseChanges) {
  std::vector<Expectation> Expected{{1, "b", "b"}, {2, "a", "a"}};
  EXPECT_EQ(matchFixes(Expected, "a\nb\n", "a\nb\n").size(), 1u);
  EXPECT_TRUE(matchFixes({}, "a\n", "a\n").empty());
  EXPECT_EQ(matchFixes({}, "a\n", "b\n").size(), 1u);
}

} // namespace
} // namespace firecrash::test
