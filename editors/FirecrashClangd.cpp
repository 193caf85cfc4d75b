//===--- FirecrashClangd.cpp - clangd 19 with firecrash built in ----------===//
//
// Part of firecrash. clangd cannot load clang-tidy plugins; this is clangd
// 19's own main with the firecrash module linked in, so an editor shows
// firecrash findings as the code is typed, enabled the clangd way
// (`.clangd`: Diagnostics: ClangTidy: Add: firecrash-*, or `.clang-tidy`).
//
// clangd runs only the clang-tidy checks it has measured to be fast unless
// the user relaxes its FastCheckFilter for every check. firecrash's checks
// are measured here instead (docs/editors.md), so this binary answers "fast"
// for them and asks clangd's own table for every other check: the link
// wraps clangd's isFastTidyCheck (-Wl,--wrap) with the function below.
//
//===----------------------------------------------------------------------===//

#include "llvm/ADT/StringRef.h"
#include <optional>

namespace clang::clangd {
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

// clang::clangd::isFastTidyCheck(llvm::StringRef), as the linker names it.
#define FIRECRASH_FAST_CHECK _ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE
#define FIRECRASH_CONCAT2(A, B) A##B
#define FIRECRASH_CONCAT(A, B) FIRECRASH_CONCAT2(A, B)

#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wreturn-type-c-linkage"
extern "C" std::optional<bool>
    FIRECRASH_CONCAT(__real_, FIRECRASH_FAST_CHECK)(llvm::StringRef Check);

/// clangd's table for every check but firecrash's, which are fast.
extern "C" std::optional<bool>
    FIRECRASH_CONCAT(__wrap_, FIRECRASH_FAST_CHECK)(llvm::StringRef Check) {
  if (Check.starts_with("firecrash-"))
    return true;
  return FIRECRASH_CONCAT(__real_, FIRECRASH_FAST_CHECK)(Check);
}
#pragma clang diagnostic pop

int main(int argc, char *argv[]) {
  return clang::clangd::clangdMain(argc, argv);
}
