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
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "gtest/gtest.h"
#include <filesystem>

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

FrontDoorResult runClangTidy(const RunSpec &Run, const std::string &File) {
  FrontDoorResult Result;
  std::vector<std::string> Argv{clangTidyBinary(), "--load=" + modulePath(),
                                "-checks=-*," + Run.Checks};
  for (const std::string &Arg : Run.TidyArgs)
    Argv.push_back(Arg);
  Argv.push_back("--fix-notes");
  Argv.push_back(File);
  Argv.push_back("--");
  for (const std::string &Arg : Run.CompilerArgs)
    Argv.push_back(Arg);
  CommandResult Ran = runCommand(Argv, 300);
  if (Ran.Signal || Ran.TimedOut) {
    Result.Failure = "clang-tidy-19 crashed or hung:\n" + Ran.Stderr;
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
    FrontDoorResult Tidy = runClangTidy(Run, Copy);
    ASSERT_TRUE(Tidy.Failure.empty()) << Tidy.Failure;

    std::vector<std::string> Problems =
        matchDiagnostics(Run.Diagnostics, InProcess.Lines);
    EXPECT_TRUE(Problems.empty())
        << "in process:\n" << join(Problems) << "output:\n"
        << join(InProcess.Lines);
    Problems = matchDiagnostics(Run.Diagnostics, Tidy.Lines);
    EXPECT_TRUE(Problems.empty())
        << "clang-tidy-19 --load:\n" << join(Problems) << "output:\n"
        << join(Tidy.Lines);
    EXPECT_EQ(InProcess.Lines, Tidy.Lines)
        << "the front doors disagree";

    Problems = matchFixes(Run.Fixes, Spec.Cleaned, InProcess.Fixed);
    EXPECT_TRUE(Problems.empty())
        << "in-process fixes:\n" << join(Problems) << "fixed file:\n"
        << InProcess.Fixed;
    Problems = matchFixes(Run.Fixes, Spec.Cleaned, Tidy.Fixed);
    EXPECT_TRUE(Problems.empty())
        << "clang-tidy-19 --fix-notes:\n" << join(Problems) << "fixed file:\n"
        << Tidy.Fixed;
    EXPECT_EQ(InProcess.Fixed, Tidy.Fixed) << "the front doors fix differently";

    // A fix must leave code that compiles.
    if (Tidy.Fixed != Spec.Cleaned) {
      std::vector<std::string> Argv{clangBinary(), "-fsyntax-only", Copy};
      Argv.insert(Argv.end(), Run.CompilerArgs.begin(), Run.CompilerArgs.end());
      CommandResult Compiled = runCommand(Argv, 300);
      EXPECT_EQ(Compiled.ExitCode, 0)
          << "the fixed file does not compile:\n" << Compiled.Stderr;
    }
    std::error_code EC;
    std::filesystem::remove_all(Dir, EC);
  }
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

TEST(TestInputDriver, FixesMustAppearInOrderAndNothingElseChanges) {
  std::vector<Expectation> Expected{{1, "b", "b"}, {2, "a", "a"}};
  EXPECT_EQ(matchFixes(Expected, "a\nb\n", "a\nb\n").size(), 1u);
  EXPECT_TRUE(matchFixes({}, "a\n", "a\n").empty());
  EXPECT_EQ(matchFixes({}, "a\n", "b\n").size(), 1u);
}

} // namespace
} // namespace firecrash::test
