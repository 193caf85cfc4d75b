//===--- GccCoroutineSuiteTest.cpp - robustness on GCC's coroutine tests --===//
//
// Runs the module through clang-tidy-19 over every file of GCC's coroutine
// test suite (g++.dg/coroutines in Debian's gcc-12-source tarball). Many of
// those files are deliberately ill-formed; none may crash or hang the check,
// even with every coroutine taken for a request handler.
//
//===----------------------------------------------------------------------===//

#include "Support.h"
#include "gtest/gtest.h"
#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>

namespace firecrash::test {
namespace {

std::string findTarball() {
  if (const char *Env = std::getenv("FIRECRASH_GCC_SOURCE_TARBALL"))
    return Env;
  std::error_code EC;
  for (const auto &Entry :
       std::filesystem::directory_iterator("/usr/src/gcc-12", EC)) {
    std::string Name = Entry.path().filename().string();
    if (Name.rfind("gcc-", 0) == 0 && Name.find(".tar.") != std::string::npos)
      return Entry.path().string();
  }
  return {};
}

TEST(GccCoroutineSuite, NoCrashNoHang) {
  std::string Tarball = findTarball();
  ASSERT_FALSE(Tarball.empty())
      << "GCC's source tarball is missing: install Debian's gcc-12-source "
         "(scripts/dev.sh does) or set FIRECRASH_GCC_SOURCE_TARBALL";
  std::string Dir = std::string(FIRECRASH_BINARY_DIR) + "/gcc-coroutines";
  if (!std::filesystem::exists(Dir + "/.extracted")) {
    std::filesystem::remove_all(Dir);
    std::filesystem::create_directories(Dir);
    CommandResult Tar = runCommand({"tar", "-xf", Tarball, "-C", Dir,
                                    "--wildcards", "*/g++.dg/coroutines/*"},
                                   600);
    ASSERT_EQ(Tar.ExitCode, 0) << Tar.Stderr;
    writeFile(Dir + "/.extracted", Tarball);
  }
  std::vector<std::string> Files = listFiles(Dir, {".C", ".cc", ".cpp"});
  ASSERT_GT(Files.size(), 150u) << "the suite looks incomplete in " << Dir;

  std::atomic<size_t> Next{0};
  std::atomic<size_t> WithWarnings{0};
  std::mutex Lock;
  std::vector<std::string> Failures;
  auto Worker = [&] {
    for (size_t I; (I = Next++) < Files.size();) {
      CommandResult Ran = runCommand(
          {clangTidyBinary(), "--load=" + modulePath(),
           "-checks=-*,firecrash-*", "--quiet",
           // Every coroutine is a handler, so every part of the analysis
           // runs on every coroutine of the suite.
           "-config={CheckOptions: {HandlerFunctions: '.*'}}", Files[I], "--",
           "-std=c++20"},
          120);
      if (Ran.Stdout.find("[firecrash-") != std::string::npos)
        ++WithWarnings;
      if (Ran.Signal || Ran.TimedOut || Ran.ExitCode < 0 ||
          Ran.ExitCode > 1) {
        std::lock_guard<std::mutex> Guard(Lock);
        Failures.push_back(Files[I] + (Ran.TimedOut ? ": hung" : ": crashed") +
                           " (exit " + std::to_string(Ran.ExitCode) +
                           ", signal " + std::to_string(Ran.Signal) + ")\n" +
                           Ran.Stderr.substr(0, 2000));
      }
    }
  };
  unsigned Threads = std::max(2u, std::thread::hardware_concurrency());
  std::vector<std::thread> Pool;
  for (unsigned T = 0; T < Threads; ++T)
    Pool.emplace_back(Worker);
  for (std::thread &T : Pool)
    T.join();
  std::string Report;
  for (const std::string &F : Failures)
    Report += F + "\n";
  EXPECT_TRUE(Failures.empty()) << Report;
  std::printf("ran the module over %zu files of GCC's coroutine suite; %zu "
              "gave firecrash warnings\n",
              Files.size(), WithWarnings.load());
}

} // namespace
} // namespace firecrash::test
