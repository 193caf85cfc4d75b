// RUN: %check_clang_tidy %s firecrash-unawaited-task %t -- \
// RUN:   -config="{CheckOptions: {TaskTypes: '::firecrash::task;::lib::listed_task'}}" \
// RUN:   -- -I%firecrash_include

// Tasks a request handler creates and never awaits, one construct per line;
// awaited, moved, returned and spawned tasks are fine.
#include <firecrash/runtime.hpp>
#include <coroutine>

namespace lib {
// Eager and awaitable, not listed: a task by inference.
struct eager_task {
  struct promise_type {
    eager_task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
// Listed in TaskTypes; its promise is not visible.
struct listed_task {
  struct promise_type;
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) const noexcept;
  void await_resume() const noexcept;
};
} // namespace lib

firecrash::task<> save(int id);
lib::eager_task notify(const int &id);
lib::listed_task listed(int id);
void consume(firecrash::task<> t);

FIRECRASH_REQUEST_HANDLER firecrash::task<> discarded(int id) {
  save(id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'save' is discarded in request handler 'discarded'; a lazy task never runs unless it is co_awaited [firecrash-unawaited-task]
  // CHECK-NOTES: {{.*}}task.hpp:{{[0-9]+}}:{{[0-9]+}}: note: 'task<>' is a task: it is annotated 'firecrash::task'
  // CHECK-NOTES: {{.*}}task.hpp:{{[0-9]+}}:{{[0-9]+}}: note: the task starts lazily: initial_suspend() suspends
  // CHECK-NOTES: :[[@LINE-5]]:45: note: 'discarded' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-5]]:3: note: co_await the task, or spawn it on the request's scope and join it
  co_return;
}
// CHECK-FIXES: co_await save(id);

FIRECRASH_REQUEST_HANDLER firecrash::task<> discarded_eager(int id) {
  int local = id;
  notify(local);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'notify' is discarded in request handler 'discarded_eager'; an eager task runs detached, and the handler can complete while it is still outstanding [firecrash-unawaited-task]
  // CHECK-NOTES: :[[@LINE-41]]:8: note: 'eager_task' is a task: it has a promise type and can be co_awaited
  // CHECK-NOTES: :[[@LINE-39]]:24: note: the task starts eagerly: initial_suspend() never suspends
  // CHECK-NOTES: :[[@LINE-6]]:45: note: 'discarded_eager' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-5]]:10: note: the detached operation borrows from the handler: reference parameter 'id' refers to handler local 'local'
  // CHECK-NOTES: :[[@LINE-6]]:3: note: co_await the task, or spawn it on the request's scope and join it
  co_return;
}

FIRECRASH_REQUEST_HANDLER firecrash::task<> discarded_listed(int id) {
  listed(id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'listed' is discarded in request handler 'discarded_listed'; it may never run, or run detached [firecrash-unawaited-task]
  // CHECK-NOTES: :[[@LINE-39]]:8: note: 'listed_task' is a task: it is listed as '::lib::listed_task' in option 'TaskTypes'
  // CHECK-NOTES: :[[@LINE-4]]:45: note: 'discarded_listed' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-4]]:3: note: co_await the task, or spawn it on the request's scope and join it
  co_return;
}

FIRECRASH_REQUEST_HANDLER firecrash::task<> stored_never_awaited(int id) {
  firecrash::task<> pending = save(id);
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: task returned by 'save' is stored in 'pending' and never awaited in request handler 'stored_never_awaited'; a lazy task never runs unless it is co_awaited [firecrash-unawaited-task]
  // CHECK-NOTES: {{.*}}task.hpp:{{[0-9]+}}:{{[0-9]+}}: note: 'task<>' is a task: it is annotated 'firecrash::task'
  // CHECK-NOTES: {{.*}}task.hpp:{{[0-9]+}}:{{[0-9]+}}: note: the task starts lazily: initial_suspend() suspends
  // CHECK-NOTES: :[[@LINE-5]]:45: note: 'stored_never_awaited' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-5]]:31: note: co_await the task, or spawn it on the request's scope and join it
  co_return;
}

FIRECRASH_REQUEST_HANDLER firecrash::task<> only_inspected(int id) {
  auto pending = save(id);
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: task returned by 'save' is stored in 'pending' and never awaited in request handler 'only_inspected'; a lazy task never runs unless it is co_awaited [firecrash-unawaited-task]
  // CHECK-NOTES: {{.*}}task.hpp:{{[0-9]+}}:{{[0-9]+}}: note: 'task<>' is a task: it is annotated 'firecrash::task'
  // CHECK-NOTES: {{.*}}task.hpp:{{[0-9]+}}:{{[0-9]+}}: note: the task starts lazily: initial_suspend() suspends
  // CHECK-NOTES: :[[@LINE-5]]:45: note: 'only_inspected' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-5]]:18: note: co_await the task, or spawn it on the request's scope and join it
  if (!pending.valid())
    co_return;
}

// A cast to void does not make a lazy task run.
FIRECRASH_REQUEST_HANDLER firecrash::task<> lazy_cast_to_void(int id) {
  (void)save(id);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: task returned by 'save' is discarded in request handler 'lazy_cast_to_void'; a lazy task never runs unless it is co_awaited [firecrash-unawaited-task]
  // CHECK-NOTES: {{.*}}task.hpp:{{[0-9]+}}:{{[0-9]+}}: note: 'task<>' is a task: it is annotated 'firecrash::task'
  // CHECK-NOTES: {{.*}}task.hpp:{{[0-9]+}}:{{[0-9]+}}: note: the task starts lazily: initial_suspend() suspends
  // CHECK-NOTES: :[[@LINE-5]]:45: note: 'lazy_cast_to_void' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-5]]:9: note: co_await the task, or spawn it on the request's scope and join it
  co_return;
}

FIRECRASH_REQUEST_HANDLER firecrash::task<> in_catch(int id) {
  try {
    co_await save(id);
  } catch (...) {
    save(-id);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: task returned by 'save' is discarded in request handler 'in_catch'; a lazy task never runs unless it is co_awaited [firecrash-unawaited-task]
    // CHECK-NOTES: {{.*}}task.hpp:{{[0-9]+}}:{{[0-9]+}}: note: 'task<>' is a task: it is annotated 'firecrash::task'
    // CHECK-NOTES: {{.*}}task.hpp:{{[0-9]+}}:{{[0-9]+}}: note: the task starts lazily: initial_suspend() suspends
    // CHECK-NOTES: :[[@LINE-8]]:45: note: 'in_catch' is a request handler: it is annotated 'firecrash::request_handler'
    // CHECK-NOTES: :[[@LINE-5]]:5: note: co_await the task, or spawn it on the request's scope and join it
  }
}

// Negative: awaited, moved, passed on, returned, spawned.
FIRECRASH_REQUEST_HANDLER firecrash::task<> awaited(int id) {
  co_await save(id);
  auto later = save(id + 1);
  co_await std::move(later);
  co_await notify(id);
}
FIRECRASH_REQUEST_HANDLER firecrash::task<> passed_on(firecrash::request_scope &scope,
                                                      int id) {
  auto pending = save(id);
  consume(std::move(pending));
  scope.spawn(save(id));
  co_await scope.join();
}
FIRECRASH_REQUEST_HANDLER firecrash::task<firecrash::task<>> returned(int id) {
  auto pending = save(id);
  co_return pending;
}

// Negative: a cast to void says an eager task is detached on purpose.
FIRECRASH_REQUEST_HANDLER firecrash::task<> eager_cast_to_void(int id) {
  (void)notify(id);
  co_return;
}

// Negative: not a request handler.
firecrash::task<> background(int id) {
  save(id);
  co_return;
}

// Negative: an eager task whose body never suspends has finished when the
// call returns; nothing of it is outstanding.
namespace lib {
static eager_task mark(int &flag) {
  flag = 1;
  co_return;
}
} // namespace lib
FIRECRASH_REQUEST_HANDLER firecrash::task<> eager_never_suspends(int id) {
  int flag = id;
  lib::mark(flag);
  co_return;
}
