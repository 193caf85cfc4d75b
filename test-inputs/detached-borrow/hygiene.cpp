// RUN: %check_clang_tidy %s firecrash-detached-borrow %t

// Evidence hygiene: a capture the work never uses lends nothing, and an
// await that never suspends (its await_ready() is a constant true) is no
// suspension point. One construct per function, the positive beside each.
#include "Inputs/types.h"
#include <thread>
#include <vector>

void work(int &counter);

// Negative: captured by reference, never used by the work.
void unused_capture() {
  int counter = 0;
  std::thread worker([&counter] {});
  worker.detach();
}

// Only what the work uses is borrowed, and only that is named.
void used_and_unused_captures() {
  int counter = 0, unused = 0;
  std::thread worker([&counter, &unused] { work(counter); });
  worker.detach();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'std::thread::detach' borrows local 'counter' of 'used_and_unused_captures', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-3]]:24: note: the detached operation borrows from 'used_and_unused_captures': the lambda captures local 'counter' by reference
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'counter' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'std::thread::detach' is listed as '::std::thread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'counter' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

lib::bg after_suspend_never(const std::string &text) {
  co_await std::suspend_never{};
  (void)text.size();
}

lib::bg after_suspend_always(const std::string &text) {
  co_await std::suspend_always{};
  (void)text.size();
}

// Negative: 'co_await std::suspend_never{}' goes on at once, so the use of
// 'text' is before any suspension.
void never_suspends() {
  std::string text = "x";
  after_suspend_never(text);
}

void suspends() {
  std::string text = "x";
  after_suspend_always(text);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached coroutine 'after_suspend_always' borrows local 'text' of 'suspends', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:24: note: the detached operation borrows from 'suspends': reference parameter 'text' refers to local 'text'
  // CHECK-NOTES: :[[@LINE-15]]:9: note: 'after_suspend_always' uses 'text' here, after it first suspends
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'text' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-7]]:3: note: pass local 'text' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// 'co_await t' keeps 't' borrowed across the suspension only when the
// awaiter its operator co_await returns can refer to it.
struct handle_task {
  std::coroutine_handle<> h;
  struct awaiter {
    std::coroutine_handle<> h; // a copy of the handle, nothing of the task
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) const noexcept {}
    void await_resume() const noexcept {}
  };
  awaiter operator co_await() const noexcept { return {h}; }
};

struct ref_task {
  std::coroutine_handle<> h;
  struct awaiter {
    const ref_task *task; // points back into the task
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) const noexcept {}
    void await_resume() const noexcept { (void)task->h; }
  };
  awaiter operator co_await() const noexcept { return {this}; }
};

lib::bg awaits_handle(const handle_task &task) { co_await task; }
lib::bg awaits_ref(const ref_task &task) { co_await task; }

// Negative: the awaiter copied the handle; nothing reads 'task' once the
// coroutine suspends.
void handle_awaited() {
  handle_task task;
  awaits_handle(task);
}

void ref_awaited() {
  ref_task task;
  awaits_ref(task);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached coroutine 'awaits_ref' borrows local 'task' of 'ref_awaited', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:14: note: the detached operation borrows from 'ref_awaited': reference parameter 'task' refers to local 'task'
  // CHECK-NOTES: :[[@LINE-14]]:53: note: 'awaits_ref' co_awaits 'task' here, so it must outlive the suspension
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'task' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-7]]:3: note: pass local 'task' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// Threads kept in a container and detached in a loop: each was built with
// the work when it was added.
void pool_detached() {
  int counter = 0;
  std::vector<std::thread> pool;
  pool.emplace_back([&counter] { work(counter); });
  for (auto &t : pool)
    t.detach();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: detached work passed to 'std::thread::detach' borrows local 'counter' of 'pool_detached', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-4]]:23: note: the detached operation borrows from 'pool_detached': the lambda captures local 'counter' by reference
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'counter' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:5: note: 'std::thread::detach' is listed as '::std::thread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:5: note: pass local 'counter' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// Negative: joined in a loop.
void pool_joined() {
  int counter = 0;
  std::vector<std::thread> pool;
  pool.emplace_back([&counter] { work(counter); });
  for (auto &t : pool)
    t.join();
}
