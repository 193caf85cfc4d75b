//===--- FirecrashModule.cpp - the firecrash clang-tidy module ------------===//

#include "CheckRegistry.h"
#include "DetachedBorrowCheck.h"
#include "DetachedCoroutineCheck.h"
#include "DetachedThisCheck.h"
#include "DetachingSpawnCheck.h"
#include "UnawaitedTaskCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace firecrash {

template <typename CheckT>
static void registerCheck(clang::tidy::ClangTidyCheckFactories &Factories,
                          llvm::StringRef Name) {
  Factories.registerCheck<CheckT>(Name);
}

static const CheckInfo Checks[] = {
    {"firecrash-detached-borrow",
     "detached work, started in any function, borrows a local, a by-value "
     "parameter or a temporary of a frame that does not wait for it",
     "docs/checks/detached-borrow.md", &registerCheck<DetachedBorrowCheck>},
    {"firecrash-detached-coroutine",
     "a request-handler coroutine starts a detached coroutine that can "
     "outlive the request",
     "docs/checks/detached-coroutine.md",
     &registerCheck<DetachedCoroutineCheck>},
    {"firecrash-detached-this",
     "a detached member coroutine, or a detached lambda coroutine capturing "
     "'this', uses 'this' after it suspends while nothing keeps the object "
     "alive",
     "docs/checks/detached-this.md", &registerCheck<DetachedThisCheck>},
    {"firecrash-detaching-spawn",
     "a request-handler coroutine calls an API that detaches work "
     "(co_spawn with detached, std::thread::detach, start_detached)",
     "docs/checks/detaching-spawn.md", &registerCheck<DetachingSpawnCheck>},
    {"firecrash-unawaited-task",
     "a request-handler coroutine creates a task and never awaits it: a "
     "lazy task never runs, an eager one runs detached",
     "docs/checks/unawaited-task.md", &registerCheck<UnawaitedTaskCheck>},
};

llvm::ArrayRef<CheckInfo> allChecks() { return Checks; }

namespace {
class FirecrashModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(
      clang::tidy::ClangTidyCheckFactories &Factories) override {
    for (const CheckInfo &Check : allChecks())
      Check.Register(Factories, Check.Name);
  }
};
} // namespace

} // namespace firecrash

static clang::tidy::ClangTidyModuleRegistry::Add<firecrash::FirecrashModule>
    X("firecrash-module", "Finds fire-and-crash coroutines in request handlers.");

/// Referenced by front doors that link the checks statically, so the linker
/// keeps the registration above.
volatile int FirecrashModuleAnchorSource = 0;
