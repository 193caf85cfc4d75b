//===--- ModuleTest.cpp - the module as clang-tidy-19 sees it -------------===//
//
// --list-checks and --dump-config through the real clang-tidy-19 --load, and
// the same options in process.
//
//===----------------------------------------------------------------------===//

#include "CheckRegistry.h"
#include "Runner.h"
#include "Defaults.h"
#include "DetachedBorrowCheck.h"
#include "DetachedThisCheck.h"
#include "DetachingCalls.h"
#include "Joins.h"
#include "SharedOptions.h"
#include "Support.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/Support/MemoryBuffer.h"
#include "gtest/gtest.h"

namespace firecrash::test {
namespace {

using clang::tidy::ClangTidyOptions;

/// The default of every option, as --dump-config must show it.
std::map<std::string, std::string> expectedDefaults() {
  std::map<std::string, std::string> Expected;
  for (const CheckInfo &Check : allChecks()) {
    std::string P = Check.Name.str() + ".";
    Expected[P + "DetachedTypes"] = DefaultDetachedTypes.str();
    Expected[P + "HandlerFunctions"] = DefaultHandlerFunctions.str();
    Expected[P + "HandlerParameterTypes"] = DefaultHandlerParameterTypes.str();
    Expected[P + "HandlerConnectionTypes"] =
        DefaultHandlerConnectionTypes.str();
    Expected[P + "HandlerResultTypes"] = DefaultHandlerResultTypes.str();
    Expected[P + "HandlerBaseClasses"] = DefaultHandlerBaseClasses.str();
    Expected[P + "LongLivedTypes"] = DefaultLongLivedTypes.str();
    Expected[P + "WaitingCallees"] = DefaultWaitingCallees.str();
    Expected[P + "MaxCallDepth"] = std::to_string(DefaultMaxCallDepth);
    Expected[P + "RequireBorrowedState"] = "false";
  }
  // Work that owns its state is the idiom of detaching APIs.
  Expected["firecrash-detaching-spawn.RequireBorrowedState"] = "true";
  Expected["firecrash-detached-borrow.DetachingCallees"] =
      DefaultDetachingCallees.str();
  Expected["firecrash-detached-borrow.StructuredCallees"] =
      DefaultStructuredCallees.str();
  Expected["firecrash-detached-this.DetachingCallees"] =
      DefaultDetachingCallees.str();
  Expected["firecrash-detached-this.StructuredCallees"] =
      DefaultStructuredCallees.str();
  Expected["firecrash-detached-this.StrongReferenceFunctions"] =
      DefaultStrongReferenceFunctions.str();
  Expected["firecrash-detached-this.WeakReferenceFunctions"] =
      DefaultWeakReferenceFunctions.str();
  Expected["firecrash-detached-borrow.OwningTypes"] = DefaultOwningTypes.str();
  Expected["firecrash-detached-borrow.OwningHandles"] =
      DefaultOwningHandles.str();
  Expected["firecrash-detached-coroutine.TaskType"] = "firecrash::task<>";
  Expected["firecrash-detached-coroutine.ReportOwnedWork"] = "false";
  Expected["firecrash-detached-coroutine.DetachingCallees"] =
      DefaultDetachingCallees.str();
  Expected["firecrash-detached-coroutine.StructuredCallees"] =
      DefaultStructuredCallees.str();
  Expected["firecrash-detaching-spawn.DetachingCallees"] =
      DefaultDetachingCallees.str();
  Expected["firecrash-detaching-spawn.StructuredCallees"] =
      DefaultStructuredCallees.str();
  Expected["firecrash-unawaited-task.TaskTypes"] = DefaultTaskTypes.str();
  return Expected;
}

CommandResult tidy(std::vector<std::string> Args) {
  std::vector<std::string> Argv{clangTidyBinary(), "--load=" + modulePath()};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  return runCommand(Argv, 120);
}

std::map<std::string, std::string> parseOptions(const std::string &Yaml) {
  std::map<std::string, std::string> Result;
  auto Parsed =
      clang::tidy::parseConfiguration(llvm::MemoryBufferRef(Yaml, "dump"));
  EXPECT_TRUE(static_cast<bool>(Parsed)) << Yaml;
  if (!Parsed)
    return Result;
  for (const auto &[Key, Value] : Parsed->CheckOptions)
    if (llvm::StringRef(Key).starts_with("firecrash-"))
      Result[Key.str()] = Value.Value;
  return Result;
}

TEST(Module, DocsListEveryDefaultPerLibrary) {
  // docs/how-firecrash-decides.md has a table per library; an entry added
  // to Defaults.h without its line there fails here.
  std::string Docs = readFile(sourceDir() + "/docs/how-firecrash-decides.md");
  for (llvm::StringRef List :
       {DefaultDetachedTypes, DefaultHandlerParameterTypes,
        DefaultHandlerConnectionTypes, DefaultHandlerResultTypes,
        DefaultHandlerBaseClasses, DefaultLongLivedTypes,
        DefaultDetachingCallees, DefaultStructuredCallees,
        DefaultWaitingCallees, DefaultTaskTypes, DefaultOwningTypes,
        DefaultOwningHandles, DefaultStrongReferenceFunctions, DefaultWeakReferenceFunctions}) {
    for (const std::string &Entry : splitList(List)) {
      // A rendezvous is listed by its wait.
      std::string Wait = llvm::StringRef(Entry).split('=').first.str();
      std::string Bare = llvm::StringRef(Wait).drop_front(2).str();
      bool Listed = Docs.find("`" + Entry + "`") != std::string::npos ||
                    Docs.find("`" + Wait + "`") != std::string::npos ||
                    Docs.find("`" + Bare + "`") != std::string::npos;
      EXPECT_TRUE(Listed) << Entry;
    }
  }
}

TEST(Module, ListsEveryRegisteredCheck) {
  CommandResult Listed = tidy({"--list-checks", "-checks=-*,firecrash-*"});
  ASSERT_EQ(Listed.ExitCode, 0) << Listed.Stderr;
  for (const CheckInfo &Check : allChecks())
    EXPECT_NE(Listed.Stdout.find("    " + Check.Name.str() + "\n"),
              std::string::npos)
        << Listed.Stdout;
  EXPECT_EQ(listChecks().size(), allChecks().size());
}

TEST(Module, DumpConfigShowsEveryOptionWithItsDefault) {
  CommandResult Dumped = tidy({"--dump-config", "-checks=-*,firecrash-*"});
  ASSERT_EQ(Dumped.ExitCode, 0) << Dumped.Stderr;
  EXPECT_EQ(parseOptions(Dumped.Stdout), expectedDefaults());
}

TEST(Module, InProcessOptionsEqualClangTidys) {
  ClangTidyOptions Options = ClangTidyOptions::getDefaults();
  Options.Checks = "-*,firecrash-*";
  std::map<std::string, std::string> InProcess;
  for (const auto &[Key, Value] : clang::tidy::getCheckOptions(Options, false))
    InProcess[Key.str()] = Value.Value;
  EXPECT_EQ(InProcess, expectedDefaults());
}

TEST(Module, OneGlobalOptionServesEveryCheck) {
  CommandResult Dumped =
      tidy({"--dump-config", "-checks=-*,firecrash-*",
            "-config={CheckOptions: {HandlerParameterTypes: '::shop::req', "
            "MaxCallDepth: 2}}"});
  ASSERT_EQ(Dumped.ExitCode, 0) << Dumped.Stderr;
  std::map<std::string, std::string> Options = parseOptions(Dumped.Stdout);
  for (const CheckInfo &Check : allChecks()) {
    EXPECT_EQ(Options[Check.Name.str() + ".HandlerParameterTypes"],
              "::shop::req");
    EXPECT_EQ(Options[Check.Name.str() + ".MaxCallDepth"], "2");
  }
}

TEST(Module, LocalOptionWinsOverGlobal) {
  CommandResult Dumped = tidy(
      {"--dump-config", "-checks=-*,firecrash-*",
       "-config={CheckOptions: {MaxCallDepth: 2, "
       "firecrash-detached-coroutine.MaxCallDepth: 7}}"});
  ASSERT_EQ(Dumped.ExitCode, 0) << Dumped.Stderr;
  EXPECT_EQ(parseOptions(
                Dumped.Stdout)["firecrash-detached-coroutine.MaxCallDepth"],
            "7");
}

TEST(Module, InvalidOptionValueIsReportedAndDefaulted) {
  std::string Dir = makeTempDir();
  writeFile(Dir + "/a.cpp", "int main() {}\n");
  std::string Config =
      "-config={CheckOptions: {firecrash-detached-coroutine.MaxCallDepth: "
      "deep}}";
  CommandResult Ran =
      tidy({"-checks=-*,firecrash-*", Config, Dir + "/a.cpp", "--"});
  EXPECT_EQ(Ran.ExitCode, 0);
  EXPECT_NE(Ran.Stdout.find("invalid configuration value 'deep' for option "
                            "'firecrash-detached-coroutine.MaxCallDepth'"),
            std::string::npos)
      << Ran.Stdout;
  CommandResult Dumped = tidy({"-checks=-*,firecrash-*", Config, "--dump-config"});
  EXPECT_EQ(
      parseOptions(Dumped.Stdout)["firecrash-detached-coroutine.MaxCallDepth"],
      std::to_string(DefaultMaxCallDepth));
}

TEST(Module, InvalidHandlerRegexIsAConfigurationError) {
  std::string Dir = makeTempDir();
  writeFile(Dir + "/a.cpp",
            "#include <coroutine>\nstruct t { struct promise_type { t "
            "get_return_object(); std::suspend_never initial_suspend() "
            "noexcept; std::suspend_never final_suspend() noexcept; void "
            "return_void(); void unhandled_exception(); }; };\nt f() { "
            "co_return; }\n");
  CommandResult Ran =
      tidy({"-checks=-*,firecrash-*",
            "-config={CheckOptions: {HandlerFunctions: 'shop::(unclosed'}}",
            Dir + "/a.cpp", "--", "-std=c++20"});
  EXPECT_NE(Ran.Stdout.find("invalid regular expression in option "
                            "'HandlerFunctions': 'shop::(unclosed'"),
            std::string::npos)
      << Ran.Stdout << Ran.Stderr;
  EXPECT_EQ(Ran.Signal, 0);
}

} // namespace
} // namespace firecrash::test
