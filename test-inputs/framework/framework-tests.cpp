// RUN: %check_clang_tidy %s firecrash-* %t -- --header-filter=.*mini.h \
// RUN:   -config="{CheckOptions: {DetachedTypes: '::mini::Detached', HandlerParameterTypes: '::mini::Request', DetachingCallees: '::mini::run_detached;::std::thread::detach', LongLivedTypes: '::mini::Controller;::mini::FilterBase;::mini::MiddlewareBase', TaskTypes: '::mini::Task'}}"

// The miniature framework's own unit tests: they start work and wait for it
// on a promise, a latch or the test's event loop, the way framework test
// suites do. Quiet, but for the planted bug.
#include "Inputs/mini.h"
#include <future>
#include <latch>
#include <string>

namespace tests {

void expect(bool condition);
mini::Task<int> compute(int input);

// The work sets the promise as its last act on 'value'.
void test_run_detached_resumes() {
  int value = 0;
  std::promise<void> done;
  mini::run_detached([&]() -> mini::Task<> {
    co_await mini::sleep_for{1};
    value = co_await compute(41);
    done.set_value();
  });
  done.get_future().wait();
  expect(value == 42);
}

// A latch counted down last.
void test_two_workers() {
  int first = 0, second = 0;
  std::latch finished(2);
  mini::run_detached([&]() -> mini::Task<> {
    first = co_await compute(1);
    finished.count_down();
  });
  mini::run_detached([&]() -> mini::Task<> {
    second = co_await compute(2);
    finished.count_down();
  });
  finished.wait();
  expect(first + second == 5);
}

// Work that never suspends has finished when run_detached returns.
void test_inline_work() {
  int calls = 0;
  mini::run_detached([&calls]() -> mini::Task<> {
    ++calls;
    co_return;
  });
  expect(calls == 1);
}

// The dispatcher answers through the callback; the test waits for it.
void test_dispatch() {
  mini::Router router;
  router.add("/echo", [](mini::RequestPtr req) -> mini::Task<mini::Response> {
    co_await mini::sleep_for{1};
    co_return mini::Response{200, req->body};
  });
  std::promise<mini::Response> answer;
  router.dispatch(std::make_shared<mini::Request>(mini::Request{"/echo", "hi"}),
                  [&answer](mini::Response resp) { answer.set_value(resp); });
  expect(answer.get_future().get().body == "hi");
}

// Planted bug: the promise is set before the work's last use of 'log'; the
// test can return while the work still appends to it.
void test_signal_too_early() {
  std::string log;
  std::promise<void> done;
  mini::run_detached([&]() -> mini::Task<> {
    co_await mini::sleep_for{1};
    done.set_value();
    log += "finished";
  });
  // CHECK-NOTES: :[[@LINE-5]]:3: warning: detached work passed to 'mini::run_detached' borrows local 'log' of 'test_signal_too_early', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-6]]:22: note: the detached operation borrows from 'test_signal_too_early': the lambda captures local 'log' by reference
  // CHECK-NOTES: :[[@LINE-5]]:5: note: the frame resumes here ('std::future::wait' returns) while the work still uses 'log'
  // CHECK-NOTES: :[[@LINE-5]]:5: note: the work uses 'log' here, after it has let the frame resume
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'log' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-10]]:3: note: 'mini::run_detached' is listed as '::mini::run_detached' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-11]]:3: note: pass local 'log' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  done.get_future().wait();
}

} // namespace tests
// CHECK-NOTES: {{.*}}mini.h:268:7: warning: detached lambda coroutine borrows the lambda's closure, a temporary of the lambda in 'setAsyncCloseHandler', which can be destroyed while the operation still runs [firecrash-detached-borrow]
// CHECK-NOTES: {{.*}}mini.h:268:7: note: the detached operation borrows from the lambda in 'setAsyncCloseHandler': the lambda's closure is a temporary destroyed at the end of this statement; after its first suspension the coroutine reads captures that no longer exist
// CHECK-NOTES: {{.*}}mini.h:270:20: note: the lambda in the lambda in 'setAsyncCloseHandler' gets a task from 'callback' here; the task's coroutine can point into 'callback' (a callable's target, an object's members), which can be destroyed before the task finishes
// CHECK-NOTES: {{.*}}mini.h:273:9: note: the temporary is destroyed at the end of the full-expression, while the detached operation may still use it
// CHECK-NOTES: {{.*}}mini.h:122:8: note: 'Detached' is detached: it is listed as '::mini::Detached' in option 'DetachedTypes'
// CHECK-NOTES: {{.*}}mini.h:271:11: note: no exception can escape the lambda in the lambda in 'setAsyncCloseHandler': its body catches everything here
// CHECK-NOTES: {{.*}}mini.h:268:7: note: pass what the lambda captures as parameters taken by value, which live in the coroutine's frame, or keep the closure alive until the coroutine finishes
