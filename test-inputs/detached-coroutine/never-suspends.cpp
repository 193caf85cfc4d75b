// RUN: %check_clang_tidy %s firecrash-detached-coroutine %t

// No suspension, no outstanding work: a detached coroutine that starts
// eagerly and has no suspension point in its body runs to completion inside
// the call, so the handler cannot complete before it; what it borrows is
// safe. A lazily started one is not covered.
#include "Inputs/coro.h"

// Negative: eager, and nothing in the body suspends.
HANDLER lib::task<> sets_a_local(lib::request req) {
  int m = 0;
  [&m]() -> lib::bg {
    m = 1;
    co_return;
  }();
  co_return;
}

// Negative: a nested lambda's co_await is not this coroutine's.
HANDLER lib::task<> nested_lambda_awaits(lib::request req) {
  int m = 0;
  [&m]() -> lib::bg {
    auto later = []() -> lib::task<> { co_await lib::pause{}; };
    (void)later;
    m = 1;
    co_return;
  }();
  co_return;
}

// It suspends, so it is outstanding when the handler goes on.
HANDLER lib::task<> suspends(lib::request req) {
  int m = 0;
  [&m]() -> lib::bg {
    co_await lib::pause{};
    m = 1;
  }();
  // CHECK-NOTES: :[[@LINE-4]]:3: warning: lambda coroutine returns detached type 'lib::bg' and is started from request handler 'suspends'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-9]]:21: note: 'suspends' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-8]]:3: note: the detached operation borrows from the handler: the lambda's closure is a temporary destroyed at the end of this statement; after its first suspension the coroutine reads captures that no longer exist
  // CHECK-NOTES: :[[@LINE-7]]:5: note: the lambda in 'suspends' uses 'm' here, after it first suspends
  // CHECK-NOTES: :[[@LINE-10]]:5: note: the detached operation borrows from the handler: the lambda captures handler local 'm' by reference
  // CHECK-NOTES: :[[@LINE-11]]:3: note: return a task such as 'firecrash::task<>' from the lambda in 'suspends' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// A detached type that starts lazily: something resumes it later.
struct deferred {
  struct promise_type {
    deferred get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
using deferred_job [[clang::annotate("firecrash::detached")]] = deferred;
deferred_job count(int &m) {
  m = 1;
  co_return;
}
HANDLER lib::task<> lazily_started(lib::request req) {
  int m = 0;
  count(m);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'count' returns detached type 'deferred_job' and is started from request handler 'lazily_started'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: :[[@LINE-9]]:7: note: 'deferred_job' is detached: it is annotated 'firecrash::detached'
  // CHECK-NOTES: :[[@LINE-13]]:10: note: an exception escaping the coroutine is swallowed: unhandled_exception() neither rethrows nor terminates, so nobody sees the error
  // CHECK-NOTES: :[[@LINE-6]]:21: note: 'lazily_started' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-5]]:9: note: the detached operation borrows from the handler: reference parameter 'm' refers to handler local 'm'
  // CHECK-NOTES: :[[@LINE-11]]:3: note: 'count' uses 'm' here, after it first suspends
  // CHECK-NOTES: :[[@LINE-13]]:14: note: return a task such as 'firecrash::task<>' from 'count' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}
