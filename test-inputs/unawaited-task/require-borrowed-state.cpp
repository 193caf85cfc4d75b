// RUN: %check_clang_tidy %s firecrash-unawaited-task %t -- \
// RUN:   -config="{CheckOptions: {RequireBorrowedState: true}}" -- -I%firecrash_include

// With RequireBorrowedState, only dropped eager tasks that borrow handler
// state are reported; a dropped lazy task is reported whatever it borrows,
// since it never runs at all.
#include <firecrash/runtime.hpp>
#include <coroutine>

struct eager {
  struct promise_type {
    eager get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

eager log_by_reference(const int &id);
eager log_by_value(int id);
firecrash::task<> save(int id);

FIRECRASH_REQUEST_HANDLER firecrash::task<> borrows(int id) {
  log_by_reference(id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'log_by_reference' is discarded in request handler 'borrows'; an eager task runs detached, and the handler can complete while it is still outstanding [firecrash-unawaited-task]
  // CHECK-NOTES: :[[@LINE-20]]:8: note: 'eager' is a task: it has a promise type and can be co_awaited
  // CHECK-NOTES: :[[@LINE-18]]:24: note: the task starts eagerly: initial_suspend() never suspends
  // CHECK-NOTES: :[[@LINE-5]]:45: note: 'borrows' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-5]]:20: note: the detached operation borrows from the handler: reference parameter 'id' refers to handler parameter 'id'
  // CHECK-NOTES: :[[@LINE-6]]:3: note: co_await the task, or spawn it on the request's scope and join it
  co_return;
}

// Negative under this option: an eager task that owns its state.
FIRECRASH_REQUEST_HANDLER firecrash::task<> owns(int id) {
  log_by_value(id);
  co_return;
}

// A lazy task that is never awaited never runs: the option does not hide it.
FIRECRASH_REQUEST_HANDLER firecrash::task<> lazy(int id) {
  save(id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'save' is discarded in request handler 'lazy'; a lazy task never runs unless it is co_awaited [firecrash-unawaited-task]
  // CHECK-NOTES: {{.*}}task.hpp:{{[0-9]+}}:{{[0-9]+}}: note: 'task<>' is a task: it is annotated 'firecrash::task'
  // CHECK-NOTES: {{.*}}task.hpp:{{[0-9]+}}:{{[0-9]+}}: note: the task starts lazily: initial_suspend() suspends
  // CHECK-NOTES: :[[@LINE-5]]:45: note: 'lazy' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-5]]:3: note: co_await the task, or spawn it on the request's scope and join it
  // CHECK-FIXES: {{^}}  co_await save(id);{{$}}
  co_return;
}
