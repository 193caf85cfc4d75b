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
// clangd also builds each file's preamble (its headers, parsed once) without
// function bodies, to make it smaller and faster. firecrash's evidence is in
// bodies: what a promise's unhandled_exception() does, whether a coroutine
// defined in a header suspends, what a helper in a header does with a
// reference. Without them the editor would report less, or differently,
// than every other front door. So this binary also wraps clangd's call to
// clang's PrecompiledPreamble::Build and keeps the bodies; the cost is paid
// when a header changes, not on each edit (docs/editors.md).
//
//===----------------------------------------------------------------------===//

#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Frontend/PrecompiledPreamble.h"
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

// clang::PrecompiledPreamble::Build(...), as the linker names it.
#define FIRECRASH_BUILD_PREAMBLE                                              \
  _ZN5clang19PrecompiledPreamble5BuildERKNS_18CompilerInvocationEPKN4llvm12MemoryBufferENS_14PreambleBoundsERNS_17DiagnosticsEngineENS4_18IntrusiveRefCntPtrINS4_3vfs10FileSystemEEESt10shared_ptrINS_22PCHContainerOperationsEEbNS4_9StringRefERNS_17PreambleCallbacksE

// PrecompiledPreamble::Build's parameters.
#define FIRECRASH_PREAMBLE_PARAMETERS                                         \
  const clang::CompilerInvocation &Invocation,                                \
      const llvm::MemoryBuffer *MainFileBuffer, clang::PreambleBounds Bounds, \
      clang::DiagnosticsEngine &Diagnostics,                                  \
      llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> VFS,                    \
      std::shared_ptr<clang::PCHContainerOperations> PCHContainerOps,         \
      bool StoreInMemory, llvm::StringRef StoragePath,                        \
      clang::PreambleCallbacks &Callbacks

extern "C" llvm::ErrorOr<clang::PrecompiledPreamble>
    FIRECRASH_CONCAT(__real_, FIRECRASH_BUILD_PREAMBLE)(
        FIRECRASH_PREAMBLE_PARAMETERS);

/// clangd's preamble, with the function bodies its headers define.
extern "C" llvm::ErrorOr<clang::PrecompiledPreamble>
    FIRECRASH_CONCAT(__wrap_, FIRECRASH_BUILD_PREAMBLE)(
        FIRECRASH_PREAMBLE_PARAMETERS) {
  clang::CompilerInvocation WithBodies(Invocation);
  WithBodies.getFrontendOpts().SkipFunctionBodies = false;
  return FIRECRASH_CONCAT(__real_, FIRECRASH_BUILD_PREAMBLE)(
      WithBodies, MainFileBuffer, Bounds, Diagnostics, std::move(VFS),
      std::move(PCHContainerOps), StoreInMemory, StoragePath, Callbacks);
}
#pragma clang diagnostic pop

int main(int argc, char *argv[]) {
  return clang::clangd::clangdMain(argc, argv);
}
