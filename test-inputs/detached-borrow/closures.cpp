// RUN: %check_clang_tidy %s firecrash-detached-borrow %t

// Lambda coroutines: the coroutine reads its captures from the closure, so a
// closure that dies before the coroutine's last read of a capture is
// borrowed state, whatever the captures hold.
#include "Inputs/types.h"

void capturing_in_place(int id) {
  [id]() -> lib::bg { co_await lib::pause{}; lib::use(id); }();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached lambda coroutine borrows the lambda's closure, a temporary of 'capturing_in_place', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the detached operation borrows from 'capturing_in_place': the lambda's closure is a temporary destroyed at the end of this statement; after its first suspension the coroutine reads captures that no longer exist
  // CHECK-NOTES: :[[@LINE-3]]:55: note: the lambda in 'capturing_in_place' uses 'id' here, after it first suspends
  // CHECK-NOTES: :[[@LINE-4]]:62: note: the temporary is destroyed at the end of the full-expression, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-7]]:3: note: pass what the lambda captures as parameters taken by value, which live in the coroutine's frame, or keep the closure alive until the coroutine finishes
}

// Negative: the capture is read before the coroutine first suspends, while
// the closure is still alive.
void read_before_suspending(int id) {
  [id]() -> lib::bg { lib::use(id); co_await lib::pause{}; }();
}

// Negative: the coroutine never suspends, so it has finished when the call
// returns.
void never_suspends(int id) {
  [id]() -> lib::bg { lib::use(id); co_return; }();
}

// Negative: without captures the closure holds nothing the coroutine reads.
void capture_free_in_place() {
  []() -> lib::bg { co_await lib::pause{}; }();
}

void closure_in_local(int id) {
  auto job = [id]() -> lib::bg { co_await lib::pause{}; lib::use(id); };
  job();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached lambda coroutine borrows local 'job' of 'closure_in_local', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the detached operation borrows from 'closure_in_local': the coroutine reads its captures from closure 'job', a local of 'closure_in_local'
  // CHECK-NOTES: :[[@LINE-4]]:66: note: the lambda in 'closure_in_local' uses 'id' here, after it first suspends
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'job' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-7]]:3: note: pass what the lambda captures as parameters taken by value, which live in the coroutine's frame, or keep the closure alive until the coroutine finishes
}

void capture_by_reference() {
  int hits = 0;
  auto job = [&hits]() -> lib::bg { co_await lib::pause{}; ++hits; };
  job();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached lambda coroutine borrows local 'job' of 'capture_by_reference', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the detached operation borrows from 'capture_by_reference': the coroutine reads its captures from closure 'job', a local of 'capture_by_reference'
  // CHECK-NOTES: :[[@LINE-4]]:62: note: the lambda in 'capture_by_reference' uses 'hits' here, after it first suspends
  // CHECK-NOTES: :[[@LINE-5]]:16: note: the detached operation borrows from 'capture_by_reference': the lambda captures local 'hits' by reference
  // CHECK-NOTES: :[[@LINE+5]]:1: note: 'job' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'hits' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-9]]:3: note: pass what the lambda captures as parameters taken by value, which live in the coroutine's frame, or keep the closure alive until the coroutine finishes
}

// Negative: a copy taken before the first suspension lives in the
// coroutine's frame.
void copied_before_suspending(int id) {
  [id]() -> lib::bg {
    int mine = id;
    co_await lib::pause{};
    lib::use(mine);
  }();
}

// A capture read in a loop that suspends is read again after the loop's
// suspension.
void read_in_a_suspending_loop(int id) {
  [id]() -> lib::bg {
    for (int i = 0; i < 3; ++i) {
      lib::use(id);
      co_await lib::pause{};
    }
  }();
  // CHECK-NOTES: :[[@LINE-6]]:3: warning: detached lambda coroutine borrows the lambda's closure, a temporary of 'read_in_a_suspending_loop', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-7]]:3: note: the detached operation borrows from 'read_in_a_suspending_loop': the lambda's closure is a temporary destroyed at the end of this statement; after its first suspension the coroutine reads captures that no longer exist
  // CHECK-NOTES: :[[@LINE-6]]:16: note: the lambda in 'read_in_a_suspending_loop' uses 'id' here, after it first suspends
  // CHECK-NOTES: :[[@LINE-4]]:5: note: the temporary is destroyed at the end of the full-expression, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-12]]:3: note: pass what the lambda captures as parameters taken by value, which live in the coroutine's frame, or keep the closure alive until the coroutine finishes
}

// Negative: a closure with static storage outlives every call.
void static_closure() {
  static auto job = [id = 1]() -> lib::bg { co_await lib::pause{}; lib::use(id); };
  job();
}
