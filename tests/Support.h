//===--- Support.h - Helpers shared by the test suites --------*- C++ -*-===//

#ifndef FIRECRASH_TESTS_SUPPORT_H
#define FIRECRASH_TESTS_SUPPORT_H

#include <string>
#include <vector>

namespace firecrash::test {

/// Paths baked in at configure time.
std::string sourceDir();
std::string modulePath();
std::string clangTidyBinary();
std::string clangBinary();
/// The compiler plugin and the firecrash tool built with the tests.
std::string pluginPath();
/// Validates a firecrash JSON report against docs/report.schema.json;
/// returns the validator's complaints, empty when it is valid.
std::string reportSchemaErrors(const std::string &JsonText);
std::string toolPath();
std::string includeDir();

/// The result of running a command.
struct CommandResult {
  int ExitCode = -1;      // exit status when it exited normally
  int Signal = 0;         // the signal that ended it, if any
  bool TimedOut = false;  // killed after the time limit
  std::string Stdout;
  std::string Stderr;
  long PeakKiB = 0;       // the largest resident set it reached, in KiB
};

/// Runs \p Argv (no shell) with a time limit in seconds.
CommandResult runCommand(const std::vector<std::string> &Argv,
                         unsigned TimeoutSeconds = 300);

/// Creates a fresh temporary directory and returns its path.
std::string makeTempDir();

std::string readFile(const std::string &Path);
void writeFile(const std::string &Path, const std::string &Text);

/// Returns every file under \p Dir whose name ends in one of \p Suffixes,
/// sorted.
std::vector<std::string> listFiles(const std::string &Dir,
                                   const std::vector<std::string> &Suffixes);

} // namespace firecrash::test

#endif // FIRECRASH_TESTS_SUPPORT_H
