//===--- RealCodeTest.cpp - no noise on real code nobody here wrote -------===//
//
// With default options, all firecrash checks (detached-borrow included)
// report nothing on the C++20 coroutine examples Boost 1.81 ships (Debian's
// libboost1.81-doc): their sessions own their sockets and keep themselves
// alive with shared_from_this, and their accept loops detach owned sessions,
// which is legitimate. The same files with every function taken for a handler
// and owned work reported too do produce findings, so the silence is the
// checks' judgement, not a file that failed to parse.
//
//===----------------------------------------------------------------------===//

#include "Support.h"
#include "gtest/gtest.h"
#include <atomic>
#include <mutex>
#include <thread>

namespace firecrash::test {
namespace {

const char *const Examples = "/usr/share/doc/libboost1.81-doc/examples/libs";

std::vector<std::string> exampleFiles() {
  std::vector<std::string> Files =
      listFiles(std::string(Examples) + "/asio/example/cpp20", {".cpp"});
  for (const std::string &File :
       listFiles(std::string(Examples) + "/beast/example", {".cpp"}))
    if (File.find("awaitable") != std::string::npos)
      Files.push_back(File);
  return Files;
}

struct Outcome {
  std::string File;
  CommandResult Ran;
};

std::vector<Outcome> runAll(const std::vector<std::string> &Files,
                            const std::string &Config) {
  std::vector<Outcome> Results(Files.size());
  std::atomic<size_t> Next{0};
  auto Work = [&] {
    for (size_t I; (I = Next++) < Files.size();) {
      std::string Dir = Files[I].substr(0, Files[I].rfind('/'));
      std::vector<std::string> Argv{clangTidyBinary(), "--load=" + modulePath(),
                                    "-checks=-*,firecrash-*", "--quiet"};
      if (!Config.empty())
        Argv.push_back("-config=" + Config);
      Argv.insert(Argv.end(), {Files[I], "--", "-std=c++20",
                               "-I" + std::string(Examples) +
                                   "/beast/example/common",
                               "-I" + std::string(Examples) + "/beast",
                               // advanced_server_flex_awaitable.cpp uses
                               // std::list without including <list>.
                               "-include", "list",
                               "-I" + Dir});
      Results[I] = {Files[I], runCommand(Argv, 300)};
    }
  };
  std::vector<std::thread> Pool;
  for (unsigned T = 0; T < std::max(2u, std::thread::hardware_concurrency());
       ++T)
    Pool.emplace_back(Work);
  for (std::thread &T : Pool)
    T.join();
  return Results;
}

TEST(RealCode, BoostCoroutineExamplesGiveNoFindings) {
  std::vector<std::string> Files = exampleFiles();
  ASSERT_GE(Files.size(), 25u)
      << "Boost 1.81's examples are missing: install libboost1.81-doc and "
         "libboost1.81-dev (scripts/dev.sh does)";
  size_t Findings = 0;
  for (const Outcome &O : runAll(Files, "")) {
    SCOPED_TRACE(O.File);
    EXPECT_EQ(O.Ran.Signal, 0);
    EXPECT_EQ(O.Ran.Stdout.find("[clang-diagnostic-error]"), std::string::npos)
        << "does not compile:\n" << O.Ran.Stdout.substr(0, 2000);
    EXPECT_EQ(O.Ran.Stdout.find("[firecrash-"), std::string::npos)
        << O.Ran.Stdout;
  }
  // Armed: with every function a handler and owned work reported too, the
  // accept loops' detached co_spawns are found (in the files that spawn at
  // all: the others cannot show it, and the first pass already showed that
  // every file compiles).
  std::vector<std::string> Spawning;
  for (const std::string &File : Files)
    if (readFile(File).find("co_spawn(") != std::string::npos)
      Spawning.push_back(File);
  for (const Outcome &O :
       runAll(Spawning, "{CheckOptions: {HandlerFunctions: '.*', "
                        "RequireBorrowedState: false}}"))
    if (O.Ran.Stdout.find("[firecrash-detaching-spawn]") != std::string::npos)
      ++Findings;
  EXPECT_GE(Findings, 10u);
  std::printf("%zu example files, all quiet by default; %zu of the %zu that "
              "co_spawn report detaching co_spawns when every function is a "
              "handler and owned work counts\n",
              Files.size(), Findings, Spawning.size());
}

} // namespace
} // namespace firecrash::test
