// RUN: %check_clang_tidy %s firecrash-detached-borrow %t

// Lambda coroutines: the coroutine reads its captures from the closure, so a
// closure that dies first is borrowed state, whatever the captures hold.
#include "Inputs/types.h"

void capturing_in_place(int id) {
  [id]() -> lib::bg { co_return; }();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached lambda coroutine borrows the lambda's closure, a temporary of 'capturing_in_place', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the detached operation borrows from 'capturing_in_place': the lambda's closure is a temporary destroyed at the end of this statement; after its first suspension the coroutine reads captures that no longer exist
  // CHECK-NOTES: :[[@LINE-3]]:36: note: the temporary is destroyed at the end of the full-expression, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-6]]:3: note: pass what the lambda captures as parameters taken by value, which live in the coroutine's frame, or keep the closure alive until the coroutine finishes
}

// Without captures the closure holds nothing the coroutine reads.
void capture_free_in_place() {
  []() -> lib::bg { co_return; }();
}

void closure_in_local(int id) {
  auto job = [id]() -> lib::bg { co_return; };
  job();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached lambda coroutine borrows local 'job' of 'closure_in_local', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the detached operation borrows from 'closure_in_local': the coroutine reads its captures from closure 'job', a local of 'closure_in_local'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'job' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-6]]:3: note: pass what the lambda captures as parameters taken by value, which live in the coroutine's frame, or keep the closure alive until the coroutine finishes
}

void capture_by_reference() {
  int hits = 0;
  auto job = [&hits]() -> lib::bg { co_return; };
  job();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached lambda coroutine borrows local 'job' of 'capture_by_reference', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the detached operation borrows from 'capture_by_reference': the coroutine reads its captures from closure 'job', a local of 'capture_by_reference'
  // CHECK-NOTES: :[[@LINE-4]]:16: note: the detached operation borrows from 'capture_by_reference': the lambda captures local 'hits' by reference
  // CHECK-NOTES: :[[@LINE+5]]:1: note: 'job' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'hits' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-8]]:3: note: pass what the lambda captures as parameters taken by value, which live in the coroutine's frame, or keep the closure alive until the coroutine finishes
}

// A closure with static storage outlives every call.
void static_closure() {
  static auto job = [id = 1]() -> lib::bg { co_return; };
  job();
}
