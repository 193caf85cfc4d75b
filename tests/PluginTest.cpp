//===--- PluginTest.cpp - the compiler plugin in real compiles ------------===//
//
// What only the plugin has to get right: the object file is still written,
// warnings-as-errors fails the compile, .clang-tidy files and arguments are
// honoured, fixes are exported, and bad arguments are compile errors. (That
// its diagnostics equal the module's and the tool's is the parity part of
// TestInputsTest.)
//
//===----------------------------------------------------------------------===//

#include "Support.h"
#include "gtest/gtest.h"
#include <filesystem>

namespace firecrash::test {
namespace {

/// A temporary directory holding one source with one finding of
/// firecrash-detached-borrow.
struct Sandbox {
  std::string Dir = makeTempDir();
  std::string Source = Dir + "/timers.cpp";
  std::string Object = Dir + "/timers.o";
  Sandbox() {
    writeFile(Source, "#include <firecrash/runtime.hpp>\n"
                      "#include <string>\n"
                      "firecrash::fire_and_forget log_later(const std::string &);\n"
                      "void arm() {\n"
                      "  std::string line = \"armed\";\n"
                      "  log_later(line);\n"
                      "}\n");
  }
  ~Sandbox() {
    std::error_code EC;
    std::filesystem::remove_all(Dir, EC);
  }
  CommandResult compile(const std::vector<std::string> &PluginArgs) const {
    std::vector<std::string> Argv{clangBinary(), "-std=c++20",
                                  "-I" + includeDir(), "-fno-color-diagnostics",
                                  "-fplugin=" + pluginPath()};
    for (const std::string &Arg : PluginArgs)
      Argv.push_back("-fplugin-arg-firecrash-" + Arg);
    Argv.insert(Argv.end(), {"-c", Source, "-o", Object});
    return runCommand(Argv, 300);
  }
};

const char *const Warning =
    "timers.cpp:6:3: warning: detached coroutine 'log_later' borrows local "
    "'line' of 'arm', which can be destroyed while the operation still runs "
    "[firecrash-detached-borrow]";

TEST(Plugin, ReportsAsClangAndStillWritesTheObjectFile) {
  Sandbox S;
  CommandResult Ran = S.compile({});
  EXPECT_EQ(Ran.ExitCode, 0) << Ran.Stderr;
  EXPECT_NE(Ran.Stderr.find(Warning), std::string::npos) << Ran.Stderr;
  EXPECT_NE(Ran.Stderr.find("    6 |   log_later(line);\n      |   ^"),
            std::string::npos)
      << "clang's caret";
  EXPECT_NE(Ran.Stderr.find("timers.cpp:7:1: note: 'line' is destroyed here"),
            std::string::npos)
      << Ran.Stderr;
  EXPECT_TRUE(std::filesystem::exists(S.Object));
}

TEST(Plugin, WarningsAsErrorsFailTheCompile) {
  Sandbox S;
  CommandResult Ran = S.compile({"warnings-as-errors=firecrash-detached-*"});
  EXPECT_NE(Ran.ExitCode, 0);
  EXPECT_NE(Ran.Stderr.find(
                "error: detached coroutine 'log_later' borrows local 'line' of "
                "'arm', which can be destroyed while the operation still runs "
                "[firecrash-detached-borrow,-warnings-as-errors]"),
            std::string::npos)
      << Ran.Stderr;
  EXPECT_FALSE(std::filesystem::exists(S.Object));
  // Another check's glob leaves the finding a warning.
  Ran = S.compile({"warnings-as-errors=firecrash-unawaited-task"});
  EXPECT_EQ(Ran.ExitCode, 0) << Ran.Stderr;
  // -Werror does not reach plugin diagnostics; warnings-as-errors does.
  std::vector<std::string> Argv{clangBinary(), "-std=c++20", "-Werror",
                                "-I" + includeDir(), "-fplugin=" + pluginPath(),
                                "-c", S.Source, "-o", S.Object};
  EXPECT_EQ(runCommand(Argv, 300).ExitCode, 0);
}

TEST(Plugin, ChecksConfigAndClangTidyFiles) {
  Sandbox S;
  EXPECT_EQ(S.compile({"checks=-*,firecrash-detached-coroutine"})
                .Stderr.find("[firecrash-"),
            std::string::npos);
  writeFile(S.Dir + "/.clang-tidy", "Checks: '-*,firecrash-unawaited-task'\n");
  EXPECT_EQ(S.compile({}).Stderr.find("[firecrash-"), std::string::npos)
      << ".clang-tidy next to the source is honoured";
  CommandResult Configured =
      S.compile({"config={Checks: '-*,firecrash-detached-borrow'}"});
  EXPECT_NE(Configured.Stderr.find(Warning), std::string::npos)
      << "config= replaces .clang-tidy files\n" << Configured.Stderr;
}

TEST(Plugin, AProjectsClangTidyOfOtherChecksLeavesFirecrashOn) {
  Sandbox S;
  // The project's own list, which never names firecrash: as in the
  // firecrash tool, it neither turns firecrash off nor runs those checks.
  writeFile(S.Dir + "/.clang-tidy",
            "Checks: '-*,clang-analyzer-core.DivideZero'\n");
  CommandResult Ran = S.compile({});
  EXPECT_NE(Ran.Stderr.find(Warning), std::string::npos) << Ran.Stderr;
  writeFile(S.Dir + "/.clang-tidy", "Checks: '-firecrash-detached-borrow'\n");
  EXPECT_EQ(S.compile({}).Stderr.find("[firecrash-"), std::string::npos);
}

TEST(Plugin, AFailedCompileShowsItsErrorsAndNoFinding) {
  Sandbox S;
  writeFile(S.Source, readFile(S.Source) + "#include \"timers.moc\"\n");
  CommandResult Ran = S.compile({});
  EXPECT_NE(Ran.ExitCode, 0);
  EXPECT_NE(Ran.Stderr.find("'timers.moc' file not found"), std::string::npos)
      << Ran.Stderr;
  EXPECT_EQ(Ran.Stderr.find("[firecrash-"), std::string::npos) << Ran.Stderr;
}

TEST(Plugin, ExportsFixesAndRejectsBadArguments) {
  Sandbox S;
  std::string Yaml = S.Dir + "/fixes.yaml";
  CommandResult Ran = S.compile({"export-fixes=" + Yaml});
  EXPECT_EQ(Ran.ExitCode, 0) << Ran.Stderr;
  std::string Text = readFile(Yaml);
  EXPECT_NE(Text.find("DiagnosticName:  firecrash-detached-borrow"),
            std::string::npos)
      << Text;

  Ran = S.compile({"bogus=1"});
  EXPECT_NE(Ran.ExitCode, 0);
  EXPECT_NE(Ran.Stderr.find("error: firecrash plugin: unknown argument "
                            "'bogus=1'"),
            std::string::npos)
      << Ran.Stderr;
  Ran = S.compile({"config={Checks: ["});
  EXPECT_NE(Ran.ExitCode, 0);
  EXPECT_NE(Ran.Stderr.find("error: firecrash plugin: invalid configuration"),
            std::string::npos)
      << Ran.Stderr;
  Ran = S.compile({"export-fixes=" + S.Dir + "/missing/dir/fixes.yaml"});
  EXPECT_NE(Ran.ExitCode, 0);
  EXPECT_NE(Ran.Stderr.find("error: firecrash plugin: cannot write fixes"),
            std::string::npos)
      << Ran.Stderr;
}

// The plugin must not keep the AST alive through the backend: clang clears
// it before code generation unless a plugin runs after the main action. A
// generated unit whose instantiations make both a large AST and much code
// peaks about 30% higher when the AST is kept; with the plugin it must peak
// like the plain compile. Armed: keeping the AST by hand does show.
TEST(Plugin, LeavesClangFreeingTheAstBeforeTheBackend) {
  std::string Dir = makeTempDir();
  std::string Source = Dir + "/instantiations.cpp";
  std::string Text = "#include <algorithm>\n#include <map>\n#include <string>\n"
                     "#include <vector>\n";
  for (int I = 0; I < 60; ++I) {
    std::string N = std::to_string(I);
    Text += "struct T" + N + " { int a = " + N +
            "; std::string s; bool operator<(const T" + N +
            " &o) const { return a < o.a; } };\n"
            "int f" + N + "() { std::vector<T" + N +
            "> v(3); std::sort(v.begin(), v.end()); std::map<int, T" + N +
            "> m; m[1] = v[0]; return (int)m.size() + v[1].a; }\n";
  }
  writeFile(Source, Text);
  auto Peak = [&](std::vector<std::string> Extra) {
    std::vector<std::string> Argv{clangBinary(), "-std=c++20", "-O0"};
    Argv.insert(Argv.end(), Extra.begin(), Extra.end());
    Argv.insert(Argv.end(), {"-c", Source, "-o", Dir + "/out.o"});
    CommandResult Ran = runCommand(Argv, 300);
    EXPECT_EQ(Ran.ExitCode, 0) << Ran.Stderr;
    EXPECT_GT(Ran.PeakKiB, 0);
    return static_cast<double>(Ran.PeakKiB);
  };
  double Plain = Peak({});
  double Kept = Peak({"-Xclang", "-no-clear-ast-before-backend"});
  double Plugged = Peak({"-fplugin=" + pluginPath()});
  std::printf("peak memory: plain %.0f KiB, AST kept %.0f KiB (%.2fx), with "
              "the plugin %.0f KiB (%.2fx)\n",
              Plain, Kept, Kept / Plain, Plugged, Plugged / Plain);
  ASSERT_GT(Kept, Plain * 1.15) << "the generated unit no longer shows the "
                                   "cost of keeping the AST";
  EXPECT_LT(Plugged, Plain * 1.08);
  std::error_code EC;
  std::filesystem::remove_all(Dir, EC);
}

} // namespace
} // namespace firecrash::test
