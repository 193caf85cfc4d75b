//===--- InputSpec.h - check_clang_tidy.py annotations ---------*- C++ -*-===//
//
// Reads a test input written in the grammar of LLVM's check_clang_tidy.py:
//
//   // RUN: %check_clang_tidy [-check-suffix=S] %s <checks> %t \
//   //   [-- <clang-tidy args>] [-- <compiler args>]
//   // CHECK-NOTES[-S]: :[[@LINE-1]]:5: warning: message [check]
//   // CHECK-MESSAGES[-S]: ...   (same as CHECK-NOTES)
//   // CHECK-FIXES[-S]: text expected in the fixed file
//
// Patterns are literal text with {{regex}} parts. Every diagnostic line the
// tools print (warnings, errors and notes) must be matched by exactly one
// expectation and every expectation by exactly one line; CHECK-FIXES must
// match lines of the fixed file in order, and without any the file must stay
// unchanged.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_TESTS_INPUTSPEC_H
#define FIRECRASH_TESTS_INPUTSPEC_H

#include <string>
#include <vector>

namespace firecrash::test {

struct Expectation {
  unsigned Line = 0;   // where the directive is written
  std::string Text;    // the pattern after [[@LINE]] substitution
  std::string Regex;   // the pattern as a POSIX extended regex
};

/// One RUN line of an input.
struct RunSpec {
  /// The directive suffixes this run checks; "" is the plain CHECK-NOTES.
  std::vector<std::string> Suffixes;
  std::string Checks;
  std::vector<std::string> TidyArgs;
  std::vector<std::string> CompilerArgs;
  std::vector<Expectation> Diagnostics;
  std::vector<Expectation> Fixes;
};

struct InputSpec {
  std::string Path;
  std::vector<RunSpec> Runs;
  /// The input with every CHECK directive emptied, as the tools see it.
  std::string Cleaned;
  /// Problems in the annotations themselves.
  std::vector<std::string> Errors;
};

InputSpec parseInput(const std::string &Path);

/// Returns one message per unmatched expectation or unexpected line.
std::vector<std::string>
matchDiagnostics(const std::vector<Expectation> &Expected,
                 const std::vector<std::string> &Actual);

/// Returns one message per CHECK-FIXES line not found in order, or a message
/// if \p Fixed differs from \p Original without any CHECK-FIXES.
std::vector<std::string> matchFixes(const std::vector<Expectation> &Expected,
                                    const std::string &Original,
                                    const std::string &Fixed);

} // namespace firecrash::test

#endif // FIRECRASH_TESTS_INPUTSPEC_H
