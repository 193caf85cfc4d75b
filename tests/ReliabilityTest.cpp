//===--- ReliabilityTest.cpp - no input loses a run ------------------------===//
//
// The firecrash tool end to end on inputs that crash clang, never finish or
// eat memory, and on runs that are interrupted or cannot write their
// report: each costs the unit or the write, never the report of the others,
// and exits with the documented code.
//
//===----------------------------------------------------------------------===//

#include "Support.h"
#include <filesystem>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace firecrash::test {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

enum { Clean = 0, Findings = 1, Usage = 2, Failed = 3 };

/// A [[noreturn]] coroutine that awaits: clang-19's own -fsyntax-only dies
/// with SIGSEGV on it (while issuing -Winvalid-noreturn).
const char *const Crashing = R"(#include <coroutine>
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
[[noreturn]] task f() { co_await std::suspend_always{}; }
)";

/// Constant evaluation that runs for minutes under a raised step limit.
const char *const Endless = R"(constexpr long spin() {
  long x = 0;
  for (long i = 0; i < (1L << 40); ++i)
    x += i;
  return x;
}
constexpr long v = spin();
)";

/// A handler that detaches a thread: one finding.
const char *const Handler = R"(#include <firecrash/runtime.hpp>
#include <thread>
void work(int &);
FIRECRASH_REQUEST_HANDLER firecrash::task<> handler(int id) {
  std::thread t([&id] { work(id); });
  t.detach();
  co_return;
}
)";

/// A directory of sources with a compile database listing each.
struct Sources {
  std::string Dir = makeTempDir();
  Json Database = Json::array();

  void add(const std::string &Name, const std::string &Text,
           std::vector<std::string> Extra = {}) {
    writeFile(Dir + "/" + Name, Text);
    std::vector<std::string> Args = {"clang++", "-std=c++20",
                                     "-I" + includeDir()};
    Args.insert(Args.end(), Extra.begin(), Extra.end());
    Args.insert(Args.end(), {"-c", Name});
    Database.push_back({{"directory", Dir}, {"file", Name}, {"arguments", Args}});
    writeFile(Dir + "/compile_commands.json", Database.dump(1));
  }
  ~Sources() {
    std::error_code EC;
    fs::remove_all(Dir, EC);
  }
};

CommandResult firecrash(const Sources &S, std::vector<std::string> Args,
                        unsigned Timeout = 600) {
  std::vector<std::string> Argv = {"env", "-C", S.Dir, toolPath(), "-p", "."};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  return runCommand(Argv, Timeout);
}

Json parseReport(const std::string &Text) {
  EXPECT_EQ(reportSchemaErrors(Text), "");
  Json Parsed = Json::parse(Text, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(Parsed.is_discarded()) << Text;
  return Parsed;
}

bool contains(const std::string &Text, const std::string &Needle) {
  return Text.find(Needle) != std::string::npos;
}

/// The report names one unit that could not be analysed, for \p Kind.
void expectOneFailure(const Json &Report, const std::string &Kind) {
  ASSERT_EQ(Report["failures"].size(), 1u) << Report.dump(1);
  EXPECT_EQ(Report["failures"][0]["kind"], Kind);
}

TEST(Reliability, TheCrashingInputCrashesClangInProcess) {
  // Fail first: the input really kills a process that parses it.
  Sources S;
  S.add("crash.cpp", Crashing);
  CommandResult Ran = firecrash(S, {"--in-process"});
  EXPECT_EQ(Ran.Signal, SIGSEGV) << Ran.ExitCode << Ran.Stderr;
}

TEST(Reliability, ACrashingUnitCostsThatUnitNotTheReport) {
  Sources S;
  S.add("crash.cpp", Crashing);
  S.add("handler.cpp", Handler);
  CommandResult Ran = firecrash(S, {"--format", "json"});
  EXPECT_EQ(Ran.ExitCode, Failed) << Ran.Stderr;
  EXPECT_TRUE(contains(Ran.Stderr,
                       "firecrash: error: crash.cpp: crashed (SIGSEGV) while "
                       "parsing function body 'f' at crash.cpp:11:23\n"))
      << Ran.Stderr;
  Json Report = parseReport(Ran.Stdout);
  EXPECT_GE(Report["findings"].size(), 1u) << "the other unit still reports";
  expectOneFailure(Report, "crash");
  EXPECT_EQ(Report["failures"][0]["file"], "crash.cpp");
  EXPECT_EQ(Report["summary"]["files_failed"], 1);
  EXPECT_EQ(Report["summary"]["files_analyzed"], 2);

  // The same in SARIF, as a tool execution notification.
  CommandResult Sarif = firecrash(S, {"--format", "sarif"});
  EXPECT_EQ(Sarif.ExitCode, Failed);
  Json Log = Json::parse(Sarif.Stdout);
  const Json &Invocation = Log["runs"][0]["invocations"][0];
  EXPECT_EQ(Invocation["executionSuccessful"], false);
  ASSERT_EQ(Invocation["toolExecutionNotifications"].size(), 1u);
  EXPECT_TRUE(contains(Invocation["toolExecutionNotifications"][0]["message"]
                                 ["text"],
                       "crashed (SIGSEGV)"));

  // The same bytes for any number of workers.
  CommandResult One = firecrash(S, {"--format", "json", "-j1"});
  EXPECT_EQ(One.Stdout, Ran.Stdout);

  // A summary records the crash; the merge reports it and fails.
  CommandResult Summarized =
      runCommand({"env", "-C", S.Dir, toolPath(), "summarize", "-p", ".", "-o",
                  "all.firecrash.json"});
  EXPECT_EQ(Summarized.ExitCode, Clean) << Summarized.Stderr;
  CommandResult Merged = runCommand({"env", "-C", S.Dir, toolPath(), "merge",
                                     "--format", "json", "all.firecrash.json"});
  EXPECT_EQ(Merged.ExitCode, Failed) << Merged.Stderr;
  Json FromMerge = parseReport(Merged.Stdout);
  expectOneFailure(FromMerge, "crash");
}

TEST(Reliability, WorkersReportWhatTheProcessReports) {
  Sources S;
  S.add("handler.cpp", Handler);
  S.add("second.cpp", Handler);
  for (const char *Format : {"text", "json", "sarif", "html"}) {
    CommandResult Workers = firecrash(S, {"--format", Format, "-j2"});
    CommandResult InProcess =
        firecrash(S, {"--format", Format, "-j2", "--in-process"});
    EXPECT_EQ(Workers.ExitCode, Findings) << Workers.Stderr;
    EXPECT_EQ(Workers.Stdout, InProcess.Stdout) << Format;
    EXPECT_EQ(Workers.Stderr, InProcess.Stderr) << Format;
  }
}

TEST(Reliability, AUnitOverTheTimeLimitFailsAndTheRunGoesOn) {
  Sources S;
  S.add("endless.cpp", Endless, {"-fconstexpr-steps=4294967295"});
  S.add("handler.cpp", Handler);
  // A limit no healthy unit reaches on a loaded machine (the handler takes
  // about a second alone), against a unit that never ends: the outcome
  // does not depend on the machine's speed.
  CommandResult Ran = firecrash(S, {"--format", "json", "--timeout", "30"});
  EXPECT_EQ(Ran.ExitCode, Failed) << Ran.Stderr;
  EXPECT_TRUE(contains(Ran.Stderr, "firecrash: error: endless.cpp: exceeded "
                                   "the time limit (30 s, --timeout)"))
      << Ran.Stderr;
  Json Report = parseReport(Ran.Stdout);
  EXPECT_GE(Report["findings"].size(), 1u);
  expectOneFailure(Report, "timeout");
}

TEST(Reliability, AWorkerOverTheMemoryLimitFailsItsUnit) {
  Sources S;
  S.add("endless.cpp", Endless, {"-fconstexpr-steps=4294967295"});
  CommandResult Ran = firecrash(S, {"--format", "json", "--max-memory", "1"});
  EXPECT_EQ(Ran.ExitCode, Failed) << Ran.Stderr;
  EXPECT_TRUE(contains(Ran.Stderr, "exceeded the memory limit (1 MiB, "
                                   "--max-memory)"))
      << Ran.Stderr;
  Json Report = parseReport(Ran.Stdout);
  expectOneFailure(Report, "memory");
}

TEST(Reliability, LimitsNeedWorkers) {
  Sources S;
  S.add("handler.cpp", Handler);
  CommandResult Ran = firecrash(S, {"--in-process", "--timeout", "5"});
  EXPECT_EQ(Ran.ExitCode, Usage);
  EXPECT_TRUE(contains(Ran.Stderr, "-timeout needs worker processes"))
      << Ran.Stderr;
}

/// Runs the tool on \p S and sends it \p Signal once it has forked its
/// first worker (so it is at work, with its handlers in place): an event,
/// waited for within a generous deadline, not a guess of the machine's
/// speed. Stdout is the tool's exit code; stderr is the tool's.
CommandResult interrupted(const Sources &S, const std::string &Signal,
                          std::vector<std::string> Args) {
  std::string Script = "\"$0\" -p .";
  for (const std::string &Arg : Args)
    Script += " '" + Arg + "'";
  Script += " & run=$!; "
            "for i in $(seq 1 1800); do "
            "  [ -n \"$(cat /proc/$run/task/*/children 2>/dev/null)\" ] && break; "
            "  sleep 0.1; "
            "done; "
            "kill -" + Signal + " $run; wait $run; echo $?";
  return runCommand({"env", "-C", S.Dir, "bash", "-c", Script, toolPath()},
                    600);
}

TEST(Reliability, AnInterruptedRunWritesNothingAndSaysSo) {
  Sources S;
  S.add("endless.cpp", Endless, {"-fconstexpr-steps=4294967295"});
  S.add("handler.cpp", Handler);
  writeFile(S.Dir + "/report.json", "the previous report\n");
  for (auto [Signal, Code] :
       {std::pair<std::string, int>{"INT", 130}, {"TERM", 143}}) {
    CommandResult Ran = interrupted(S, Signal, {"-o", "report.json"});
    EXPECT_EQ(Ran.Stdout, std::to_string(Code) + "\n") << Signal << Ran.Stderr;
    EXPECT_EQ(Ran.Stderr, "firecrash: interrupted by SIG" + Signal +
                              "; no report written\n");
    EXPECT_EQ(readFile(S.Dir + "/report.json"), "the previous report\n");
    for (const auto &Entry : fs::directory_iterator(S.Dir))
      EXPECT_FALSE(contains(Entry.path().filename().string(), ".tmp"))
          << Entry.path();
  }
  // No worker outlives the run: no firecrash process is left working in
  // the sources' directory (workers are forks: they keep the tool's command
  // line and directory).
  int Left = 0;
  for (const auto &Entry : fs::directory_iterator("/proc")) {
    std::string Name = Entry.path().filename().string();
    if (Name.find_first_not_of("0123456789") != std::string::npos)
      continue;
    std::error_code EC;
    fs::path Cwd = fs::read_symlink(Entry.path() / "cwd", EC);
    std::string Command = readFile(Entry.path().string() + "/cmdline");
    Left += !EC && Cwd == fs::path(S.Dir) && contains(Command, toolPath());
  }
  EXPECT_EQ(Left, 0);
}

TEST(Reliability, AnInterruptedCachedRunLeavesTheCacheUsable) {
  Sources S;
  S.add("handler.cpp", Handler);
  S.add("endless.cpp", Endless, {"-fconstexpr-steps=4294967295"});
  // Interrupted once the handler's entry is stored (an entry is renamed
  // into place whole, so its name is the event), while the endless unit
  // still runs; the wait is bounded by a generous deadline, not a guess of
  // the machine's speed.
  std::string Script =
      "\"$0\" -p . --cache-dir cache -j2 2>err & run=$!; "
      "for i in $(seq 1 1800); do "
      "  find cache -name '*.json' 2>/dev/null | grep -q . && break; "
      "  sleep 0.1; "
      "done; "
      "kill -INT $run; wait $run; echo $?";
  CommandResult Ran =
      runCommand({"env", "-C", S.Dir, "bash", "-c", Script, toolPath()}, 600);
  EXPECT_EQ(Ran.Stdout, "130\n") << readFile(S.Dir + "/err");
  // The next run reuses the unit the interrupted one finished.
  CommandResult Next =
      firecrash(S, {"--cache-dir", "cache", "handler.cpp"});
  EXPECT_EQ(Next.ExitCode, Findings) << Next.Stderr;
  EXPECT_TRUE(contains(Next.Stderr, "(cache: 1 reused, 0 analysed)"))
      << Next.Stderr;
}

TEST(Reliability, ACacheSharedByRunsOneOfWhichIsKilledStaysCorrect) {
  Sources S;
  for (int I = 0; I < 8; ++I)
    S.add("handler" + std::to_string(I) + ".cpp", Handler);
  CommandResult Reference = firecrash(S, {"--format", "json", "-j1"});
  ASSERT_EQ(Reference.ExitCode, Findings) << Reference.Stderr;
  // Two runs on one cache directory at once; one of them is killed
  // (SIGKILL: no chance to clean up) at a different moment each round,
  // usually while its workers are writing entries.
  for (const char *Delay : {"0.5", "1.5", "3"}) {
    std::string Script =
        "rm -rf cache; "
        "\"$0\" -p . --cache-dir cache --format json -j1 -o killed.json & "
        "victim=$!; "
        "\"$0\" -p . --cache-dir cache --format json -j1 -o other.json & "
        "other=$!; sleep " +
        std::string(Delay) +
        "; kill -KILL $victim; wait $other; echo $?";
    CommandResult Ran = runCommand(
        {"env", "-C", S.Dir, "bash", "-c", Script, toolPath()}, 600);
    EXPECT_EQ(Ran.Stdout, "1\n") << Delay << Ran.Stderr;
    EXPECT_EQ(readFile(S.Dir + "/other.json"), Reference.Stdout) << Delay;
    // The next run reads what both left.
    CommandResult Next =
        firecrash(S, {"--cache-dir", "cache", "--format", "json", "-j1"});
    EXPECT_EQ(Next.ExitCode, Findings) << Next.Stderr;
    EXPECT_EQ(Next.Stdout, Reference.Stdout) << Delay;
  }
  CommandResult Warm = firecrash(S, {"--cache-dir", "cache"});
  EXPECT_TRUE(contains(Warm.Stderr, "(cache: 8 reused, 0 analysed)"))
      << Warm.Stderr;
}

TEST(Reliability, AReportThatCannotBeWrittenLeavesThePreviousOne) {
  Sources S;
  S.add("handler.cpp", Handler);
  // A missing directory: said before any work.
  CommandResult Missing = firecrash(S, {"-o", "missing/report.json"});
  EXPECT_EQ(Missing.ExitCode, Usage);
  EXPECT_TRUE(contains(Missing.Stderr, "firecrash: error: cannot write "
                                       "'missing/report.json'"))
      << Missing.Stderr;
  // A full disk, as a file size limit: the write fails, nothing is torn.
  std::string Previous(4096, 'x');
  writeFile(S.Dir + "/report.json", Previous);
  CommandResult Full = runCommand(
      {"env", "-C", S.Dir, "bash", "-c",
       "ulimit -f 1; exec \"$0\" -p . --format json -o report.json",
       toolPath()},
      300);
  EXPECT_EQ(Full.ExitCode, Usage) << Full.Stderr;
  EXPECT_TRUE(contains(Full.Stderr, "firecrash: error: cannot write "
                                    "'report.json': File too large"))
      << Full.Stderr;
  EXPECT_EQ(readFile(S.Dir + "/report.json"), Previous);
  for (const auto &Entry : fs::directory_iterator(S.Dir))
    EXPECT_FALSE(contains(Entry.path().filename().string(), ".tmp"))
        << Entry.path();
}

} // namespace
} // namespace firecrash::test
