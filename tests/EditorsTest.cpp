//===--- EditorsTest.cpp - firecrash-tidy and firecrash-clangd -------------===//
//
// The editor front doors for real: firecrash-tidy as clang-tidy-19's
// drop-in (its checks listed without --load, run-clang-tidy-19 driving it),
// and firecrash-clangd in an LSP session over stdio on the bundled example,
// as an editor speaks to it.
//
//===----------------------------------------------------------------------===//

#include "Support.h"
#include <filesystem>
#include <gtest/gtest.h>

namespace firecrash::test {
namespace {

namespace fs = std::filesystem;

/// A copy of the bundled example with its compile database, and the
/// `.clangd` that enables firecrash the clangd way.
struct Example {
  std::string Dir = makeTempDir();
  Example() {
    fs::copy(sourceDir() + "/examples/shop", Dir + "/shop",
             fs::copy_options::recursive);
    CommandResult Configured = runCommand(
        {"cmake", "-S", Dir + "/shop", "-B", Dir + "/shop/build", "-G", "Ninja",
         "-DFIRECRASH_INCLUDE=" + includeDir()},
        300);
    EXPECT_EQ(Configured.ExitCode, 0) << Configured.Stderr;
    writeFile(Dir + "/shop/.clangd",
              "Diagnostics:\n  ClangTidy:\n    Add: firecrash-*\n");
  }
  ~Example() {
    std::error_code EC;
    fs::remove_all(Dir, EC);
  }
};

bool contains(const std::string &Text, const std::string &Needle) {
  return Text.find(Needle) != std::string::npos;
}

TEST(Editors, FirecrashTidyListsTheChecksWithoutLoad) {
  CommandResult Listed = runCommand(
      {FIRECRASH_TIDY_PATH, "--list-checks", "-checks=-*,firecrash-*"}, 60);
  EXPECT_EQ(Listed.ExitCode, 0) << Listed.Stderr;
  for (const char *Check :
       {"firecrash-detached-borrow", "firecrash-detached-coroutine",
        "firecrash-detached-this", "firecrash-detaching-spawn",
        "firecrash-unawaited-task"})
    EXPECT_TRUE(contains(Listed.Stdout, std::string("    ") + Check + "\n"))
        << Check << "\n"
        << Listed.Stdout;
}

TEST(Editors, FirecrashTidyPrintsWhatClangTidyWithTheModulePrints) {
  Example E;
  std::vector<std::string> Flags = {"-checks=-*,firecrash-*", "-p",
                                    E.Dir + "/shop/build",
                                    E.Dir + "/shop/orders.cpp"};
  std::vector<std::string> Tidy = {FIRECRASH_TIDY_PATH};
  Tidy.insert(Tidy.end(), Flags.begin(), Flags.end());
  std::vector<std::string> Loaded = {clangTidyBinary(),
                                     "--load=" + modulePath()};
  Loaded.insert(Loaded.end(), Flags.begin(), Flags.end());
  CommandResult Ours = runCommand(Tidy, 300);
  CommandResult Theirs = runCommand(Loaded, 300);
  EXPECT_EQ(Ours.ExitCode, Theirs.ExitCode);
  EXPECT_EQ(Ours.Stdout, Theirs.Stdout);
  EXPECT_TRUE(contains(Ours.Stdout, "[firecrash-detached-coroutine]"))
      << Ours.Stdout;
}

TEST(Editors, RunClangTidyDrivesFirecrashTidy) {
  Example E;
  CommandResult Ran = runCommand(
      {"run-clang-tidy-19", "-clang-tidy-binary", FIRECRASH_TIDY_PATH,
       "-checks=-*,firecrash-*", "-p", E.Dir + "/shop/build", "-quiet"},
      600);
  EXPECT_EQ(Ran.ExitCode, 0) << Ran.Stderr;
  size_t Warnings = 0;
  for (size_t At = Ran.Stdout.find("warning: "); At != std::string::npos;
       At = Ran.Stdout.find("warning: ", At + 1))
    ++Warnings;
  EXPECT_EQ(Warnings, 3u) << Ran.Stdout;
}

TEST(Editors, FirecrashClangdPublishesFindingsAndFixesAsTheCodeIsTyped) {
  Example E;
  CommandResult Ran = runCommand(
      {"python3", sourceDir() + "/tests/integration/lsp-session.py",
       FIRECRASH_CLANGD_PATH, E.Dir + "/shop/build",
       E.Dir + "/shop/orders.cpp"},
      600);
  EXPECT_EQ(Ran.ExitCode, 0) << Ran.Stdout << Ran.Stderr;
  EXPECT_TRUE(contains(Ran.Stdout, "step 4:")) << Ran.Stdout;
}

} // namespace
} // namespace firecrash::test
