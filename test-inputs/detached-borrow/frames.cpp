// RUN: %check_clang_tidy %s firecrash-detached-borrow %t

// What a detached start borrows from the frame that starts it, in functions
// that are not request handlers: one construct per function, the owning
// variant beside each.
#include "Inputs/types.h"

lib::bg by_ref(const std::string &text);
lib::bg by_value(std::string text);
lib::bg by_view(std::string_view text);
lib::bg by_span(std::span<const int> values);
lib::bg by_pointer(int *counter);
lib::bg by_shared(std::shared_ptr<std::string> text);
lib::bg by_shared_ref(const std::shared_ptr<std::string> &text);

void local_by_reference() {
  std::string text = "x";
  by_ref(text);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached coroutine 'by_ref' borrows local 'text' of 'local_by_reference', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:10: note: the detached operation borrows from 'local_by_reference': reference parameter 'text' refers to local 'text'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'text' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-6]]:3: note: pass local 'text' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

void local_by_value() {
  std::string text = "x";
  by_value(text);
  by_value(std::move(text));
}

void parameter_by_value(std::string text) { by_ref(text); }
// CHECK-NOTES: :[[@LINE-1]]:45: warning: detached coroutine 'by_ref' borrows parameter 'text' of 'parameter_by_value', which can be destroyed while the operation still runs [firecrash-detached-borrow]
// CHECK-NOTES: :[[@LINE-2]]:52: note: the detached operation borrows from 'parameter_by_value': reference parameter 'text' refers to parameter 'text'
// CHECK-NOTES: :[[@LINE-3]]:59: note: parameter 'text' is destroyed when 'parameter_by_value' returns, and nothing waits for the detached operation
// CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
// CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
// CHECK-NOTES: :[[@LINE-6]]:45: note: pass parameter 'text' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)

// The caller owns a reference parameter: its lifetime is unknown here.
void parameter_by_reference(const std::string &text) { by_ref(text); }

void temporary() { by_ref(std::string("x")); }
// CHECK-NOTES: :[[@LINE-1]]:20: warning: detached coroutine 'by_ref' borrows a temporary of 'temporary', which can be destroyed while the operation still runs [firecrash-detached-borrow]
// CHECK-NOTES: :[[@LINE-2]]:27: note: the detached operation borrows from 'temporary': a temporary is bound to reference parameter 'text'; it is destroyed at the end of the statement while the coroutine still refers to it
// CHECK-NOTES: :[[@LINE-3]]:43: note: the temporary is destroyed at the end of the full-expression, while the detached operation may still use it
// CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
// CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
// CHECK-NOTES: :[[@LINE-6]]:20: note: take the value by value in the detached operation, or keep it alive until the operation finishes

void view_into_local() {
  std::string text = "x";
  by_view(text);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached coroutine 'by_view' borrows local 'text' of 'view_into_local', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:11: note: the detached operation borrows from 'view_into_local': view parameter 'text' looks into local 'text'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'text' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-6]]:3: note: pass local 'text' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

void span_over_local() {
  int values[3] = {1, 2, 3};
  by_span(values);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached coroutine 'by_span' borrows local 'values' of 'span_over_local', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:11: note: the detached operation borrows from 'span_over_local': view parameter 'values' looks into local 'values'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'values' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-6]]:3: note: pass local 'values' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

void pointer_to_local() {
  int counter = 0;
  by_pointer(&counter);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached coroutine 'by_pointer' borrows local 'counter' of 'pointer_to_local', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:14: note: the detached operation borrows from 'pointer_to_local': pointer parameter 'counter' points to local 'counter'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'counter' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-6]]:3: note: pass local 'counter' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

void shared_state() {
  auto text = std::make_shared<std::string>("x");
  by_shared(text);
  by_shared_ref(text);
}

void static_state() {
  static std::string text = "x";
  by_ref(text);
}

struct Worker {
  lib::bg flush();
  // Raw 'this' belongs to whoever called poke(): not this frame's.
  void poke() { flush(); }
};

void member_on_local() {
  Worker worker;
  worker.flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached coroutine 'flush' borrows local 'worker' of 'member_on_local', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the detached operation borrows from 'member_on_local': the member coroutine is called on local 'worker'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'worker' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-6]]:3: note: pass local 'worker' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

void member_on_pointer(Worker *worker) { worker->flush(); }
