// RUN: %check_clang_tidy %s firecrash-detached-borrow %t
// RUN: %check_clang_tidy -check-suffix=DEPTH1 %s firecrash-detached-borrow %t -- \
// RUN:   -config="{CheckOptions: {MaxCallDepth: 1}}"

// A helper that hands its reference parameter to detached work lends
// whatever its caller passes: the caller's local is reported at the call.
#include "Inputs/types.h"

lib::bg by_ref(const std::string &text);

// The helpers themselves: the caller owns their parameters.
void arm(const std::string &text) { by_ref(text); }
void arm_twice(const std::string &text) { arm(text); }
void arm_copy(std::string text) { arm(text); }
// CHECK-NOTES: :[[@LINE-1]]:35: warning: detached coroutine 'by_ref', started through 'arm', borrows parameter 'text' of 'arm_copy', which can be destroyed while the operation still runs [firecrash-detached-borrow]
// CHECK-NOTES: :[[@LINE-4]]:37: note: 'arm' starts coroutine 'by_ref' here
// CHECK-NOTES: :[[@LINE-3]]:39: note: the detached operation borrows from 'arm_copy': reference parameter 'text' of 'arm' refers to parameter 'text', and the detached operation keeps it
// CHECK-NOTES: :[[@LINE-4]]:46: note: parameter 'text' is destroyed when 'arm_copy' returns, and nothing waits for the detached operation
// CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
// CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
// CHECK-NOTES: :[[@LINE-7]]:35: note: pass parameter 'text' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
// CHECK-NOTES-DEPTH1: :[[@LINE-8]]:35: warning: detached coroutine 'by_ref', started through 'arm', borrows parameter 'text' of 'arm_copy', which can be destroyed while the operation still runs [firecrash-detached-borrow]
// CHECK-NOTES-DEPTH1: :[[@LINE-11]]:37: note: 'arm' starts coroutine 'by_ref' here
// CHECK-NOTES-DEPTH1: :[[@LINE-10]]:39: note: the detached operation borrows from 'arm_copy': reference parameter 'text' of 'arm' refers to parameter 'text', and the detached operation keeps it
// CHECK-NOTES-DEPTH1: :[[@LINE-11]]:46: note: parameter 'text' is destroyed when 'arm_copy' returns, and nothing waits for the detached operation
// CHECK-NOTES-DEPTH1: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
// CHECK-NOTES-DEPTH1: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
// CHECK-NOTES-DEPTH1: :[[@LINE-14]]:35: note: pass parameter 'text' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)

void one_helper() {
  std::string text = "x";
  arm(text);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached coroutine 'by_ref', started through 'arm', borrows local 'text' of 'one_helper', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-22]]:37: note: 'arm' starts coroutine 'by_ref' here
  // CHECK-NOTES: :[[@LINE-3]]:7: note: the detached operation borrows from 'one_helper': reference parameter 'text' of 'arm' refers to local 'text', and the detached operation keeps it
  // CHECK-NOTES: :[[@LINE+11]]:1: note: 'text' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-7]]:3: note: pass local 'text' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  // CHECK-NOTES-DEPTH1: :[[@LINE-8]]:3: warning: detached coroutine 'by_ref', started through 'arm', borrows local 'text' of 'one_helper', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES-DEPTH1: :[[@LINE-29]]:37: note: 'arm' starts coroutine 'by_ref' here
  // CHECK-NOTES-DEPTH1: :[[@LINE-10]]:7: note: the detached operation borrows from 'one_helper': reference parameter 'text' of 'arm' refers to local 'text', and the detached operation keeps it
  // CHECK-NOTES-DEPTH1: :[[@LINE+4]]:1: note: 'text' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES-DEPTH1: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES-DEPTH1: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES-DEPTH1: :[[@LINE-14]]:3: note: pass local 'text' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

void two_helpers() {
  std::string text = "x";
  arm_twice(text);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached coroutine 'by_ref', started through 'arm_twice', borrows local 'text' of 'two_helpers', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-40]]:43: note: 'arm_twice' calls 'arm' here
  // CHECK-NOTES: :[[@LINE-42]]:37: note: 'arm' starts coroutine 'by_ref' here
  // CHECK-NOTES: :[[@LINE-4]]:13: note: the detached operation borrows from 'two_helpers': reference parameter 'text' of 'arm_twice' refers to local 'text', and the detached operation keeps it
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'text' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-8]]:3: note: pass local 'text' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// arm_copy copies: the caller's string is not borrowed, the copy is.
void copying_helper() {
  std::string text = "x";
  arm_copy(text);
}

// Recursion ends.
void ping(const std::string &text, int n);
void pong(const std::string &text, int n) { ping(text, n - 1); }
void ping(const std::string &text, int n) {
  if (n > 0)
    pong(text, n);
}

void cycle() {
  std::string text = "x";
  ping(text, 3);
}
