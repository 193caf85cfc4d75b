// RUN: %check_clang_tidy %s firecrash-detached-borrow %t

// Consumed before suspension: an eagerly started coroutine runs inside the
// call until it first suspends, so what it only uses before that (copies,
// moves into its frame, reads) is not borrowed; a use after it, or a hand-on
// by reference, keeps the borrow. Callees are read where they are defined,
// wrappers and template instantiations included.
#include "Inputs/types.h"
#include <functional>
#include <utility>

namespace lib {
// A continuation API: then() hands the callback to an eager coroutine that
// moves it into its frame before it first suspends.
template <typename F> eager then_impl(F &&f) {
  auto callback = std::forward<F>(f);
  co_await pause{};
  callback();
}
template <typename F> eager then(F &&f) {
  return then_impl(std::forward<F>(f));
}
} // namespace lib

// Negative: the temporary callback is moved into the frame first.
void continuation(int id) {
  lib::then([id] { lib::use(id); });
}

// Negative: copied before the first suspension.
lib::bg copies_first(const std::string &line) {
  std::string mine = line;
  co_await lib::pause{};
  lib::use(mine);
}
void copy_before_suspending() {
  std::string line = "entry";
  copies_first(line);
}

// Read after the first suspension.
lib::bg reads_later(const std::string &line) {
  co_await lib::pause{};
  lib::use(line);
}
void read_after_suspending() {
  std::string line = "entry";
  reads_later(line);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached coroutine 'reads_later' borrows local 'line' of 'read_after_suspending', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:15: note: the detached operation borrows from 'read_after_suspending': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE-7]]:12: note: 'reads_later' uses 'line' here, after it first suspends
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-7]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// Awaited: it must outlive the suspension.
lib::bg awaits_it(lib::lazy &step) { co_await step; }
void awaits_borrowed(lib::lazy step) { awaits_it(step); }
// CHECK-NOTES: :[[@LINE-1]]:40: warning: detached coroutine 'awaits_it' borrows parameter 'step' of 'awaits_borrowed', which can be destroyed while the operation still runs [firecrash-detached-borrow]
// CHECK-NOTES: :[[@LINE-2]]:50: note: the detached operation borrows from 'awaits_borrowed': reference parameter 'step' refers to parameter 'step'
// CHECK-NOTES: :[[@LINE-4]]:47: note: 'awaits_it' co_awaits 'step' here, so it must outlive the suspension
// CHECK-NOTES: :[[@LINE-4]]:57: note: parameter 'step' is destroyed when 'awaits_borrowed' returns, and nothing waits for the detached operation
// CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
// CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
// CHECK-NOTES: :[[@LINE-7]]:40: note: pass parameter 'step' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)

// Read in a loop that suspends: the next round reads it again.
lib::bg polls(const int &limit) {
  for (int i = 0; i < limit; ++i)
    co_await lib::pause{};
}
void loop_reads_again() {
  int limit = 3;
  polls(limit);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached coroutine 'polls' borrows local 'limit' of 'loop_reads_again', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:9: note: the detached operation borrows from 'loop_reads_again': reference parameter 'limit' refers to local 'limit'
  // CHECK-NOTES: :[[@LINE-8]]:23: note: 'polls' uses 'limit' here, after it first suspends
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'limit' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-7]]:3: note: pass local 'limit' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// Handed on by reference: captured by reference in a nested lambda.
lib::bg hands_on(const std::string &line) {
  auto later = [&line] { lib::use(line); };
  co_await lib::pause{};
  later();
}
void captured_by_a_nested_lambda() {
  std::string line = "entry";
  hands_on(line);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached coroutine 'hands_on' borrows local 'line' of 'captured_by_a_nested_lambda', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: the detached operation borrows from 'captured_by_a_nested_lambda': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE-9]]:18: note: 'hands_on' hands 'line' on by reference here, so it can be used after the coroutine suspends
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-7]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// A callable copied into the closure: awaiting the task it returns can
// resume a coroutine whose frame points into that copy, which dies with the
// closure.
void awaits_a_captured_callable(std::function<lib::lazy()> callback) {
  [callback]() -> lib::bg { co_await callback(); }();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached lambda coroutine borrows the lambda's closure, a temporary of 'awaits_a_captured_callable', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the detached operation borrows from 'awaits_a_captured_callable': the lambda's closure is a temporary destroyed at the end of this statement; after its first suspension the coroutine reads captures that no longer exist
  // CHECK-NOTES: :[[@LINE-3]]:38: note: the lambda in 'awaits_a_captured_callable' gets a task from 'callback' here; the task's coroutine can point into 'callback' (a callable's target, an object's members), which can be destroyed before the task finishes
  // CHECK-NOTES: :[[@LINE-4]]:52: note: the temporary is destroyed at the end of the full-expression, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-7]]:3: note: pass what the lambda captures as parameters taken by value, which live in the coroutine's frame, or keep the closure alive until the coroutine finishes
}

// Negative: the callable copied into the coroutine's own frame first.
void copies_the_callable_first(std::function<lib::lazy()> callback) {
  [callback]() -> lib::bg {
    auto mine = callback;
    co_await mine();
  }();
}
