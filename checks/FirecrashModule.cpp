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
     "docs/checks/detached-borrow.md", &registerCheck<DetachedBorrowCheck>,
     "DetachedBorrow",
     "Detached work (a detached coroutine, a detaching call such as "
     "co_spawn with detached, an eager task nobody awaits) holds a "
     "reference to state owned by the frame that starts it: a local, a "
     "by-value parameter, a temporary, a lambda's closure. The frame does "
     "not wait for the work, so it can end first and the work then uses a "
     "destroyed object (use-after-free).",
     "Pass the state to the work by value (move it, or share it through a "
     "std::shared_ptr), or wait for the work before the state dies: "
     "co_await it, join it, or spawn it on a request scope that is joined."},
    {"firecrash-detached-coroutine",
     "a request handler starts a detached coroutine that can outlive the "
     "request",
     "docs/checks/detached-coroutine.md", &registerCheck<DetachedCoroutineCheck>,
     "DetachedCoroutine",
     "C++'s async void: a request handler starts a coroutine that begins at "
     "once, destroys its own frame and cannot be co_awaited. The handler can "
     "complete while the operation is still outstanding: references into the "
     "request dangle, and an exception escaping the coroutine ends the "
     "process or is lost.",
     "Return a task from the coroutine and co_await it in the handler, or "
     "spawn it on the request's firecrash::request_scope and join the scope "
     "before the handler completes."},
    {"firecrash-detached-this",
     "a detached member coroutine, or a detached lambda coroutine capturing "
     "'this', uses 'this' after it suspends while nothing keeps the object "
     "alive",
     "docs/checks/detached-this.md", &registerCheck<DetachedThisCheck>,
     "DetachedThis",
     "An event handler that is itself a detached coroutine (a "
     "winrt::fire_and_forget member, a Qt slot coroutine) suspends at a "
     "co_await; the object can be closed and destroyed meanwhile, and the "
     "coroutine resumes into a dead 'this' (use-after-free).",
     "Take a strong reference before the first suspension (get_strong(), "
     "shared_from_this()), or a weak one (get_weak(), weak_from_this(), "
     "QPointer) and check it after resuming."},
    {"firecrash-detaching-spawn",
     "a request handler calls an API that detaches work (co_spawn with "
     "detached, std::thread::detach, start_detached)",
     "docs/checks/detaching-spawn.md", &registerCheck<DetachingSpawnCheck>,
     "DetachingSpawn",
     "A request handler hands work that borrows request state to an API "
     "that detaches it (co_spawn with the detached token, "
     "std::thread::detach, start_detached, drogon::async_run). Nobody waits "
     "for the work: it outlives the request, what it borrowed dangles, and "
     "its exception goes nowhere useful.",
     "co_await the work instead (co_spawn with use_awaitable), or spawn it "
     "on the request's scope and join it."},
    {"firecrash-unawaited-task",
     "a request handler creates a task and never awaits it: a lazy task "
     "never runs, an eager one runs detached",
     "docs/checks/unawaited-task.md", &registerCheck<UnawaitedTaskCheck>,
     "UnawaitedTask",
     "A request handler creates a task and drops it or stores it without "
     "ever awaiting it. A lazy task then never runs, so the work silently "
     "does not happen; an eager task runs detached, and the handler can "
     "complete while it is still outstanding.",
     "co_await the task, or spawn it on the request's scope and join it."},
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
