//===--- FirecrashTidy.cpp - clang-tidy 19 with firecrash built in --------===//
//
// Part of firecrash. A drop-in for clang-tidy-19 for editors and runners
// that take a clang-tidy executable but cannot pass --load: clang-tidy's
// own main (every module Debian's clang-tidy-19 has) with the firecrash
// module linked in, so the same flags give the same output and
// `--list-checks` includes firecrash-*.
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/tool/ClangTidyMain.h"

int main(int argc, const char **argv) {
  return clang::tidy::clangTidyMain(argc, argv);
}
