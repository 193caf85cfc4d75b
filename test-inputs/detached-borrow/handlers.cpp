// RUN: %check_clang_tidy %s firecrash-detached-borrow %t
// RUN: %check_clang_tidy -check-suffix=BOTH %s firecrash-detached-borrow,firecrash-detached-coroutine %t

// One warning per call site across the checks: in a request handler,
// firecrash-detached-coroutine reports (with its borrow notes) when it is
// enabled, and firecrash-detached-borrow only when it is not.
#include "Inputs/types.h"

lib::bg by_ref(const std::string &text);

HANDLER lib::eager handler_borrows(lib::request req) {
  std::string text = req.body;
  by_ref(text);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached coroutine 'by_ref' borrows local 'text' of 'handler_borrows', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:10: note: the detached operation borrows from 'handler_borrows': reference parameter 'text' refers to handler local 'text'
  // CHECK-NOTES: :[[@LINE+12]]:1: note: 'text' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-8]]:20: note: 'handler_borrows' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-7]]:3: note: pass local 'text' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  // CHECK-NOTES-BOTH: :[[@LINE-8]]:3: warning: coroutine 'by_ref' returns detached type 'lib::bg' and is started from request handler 'handler_borrows'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES-BOTH: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES-BOTH: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES-BOTH: :[[@LINE-13]]:20: note: 'handler_borrows' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES-BOTH: :[[@LINE-12]]:10: note: the detached operation borrows from the handler: reference parameter 'text' refers to handler local 'text'
  // CHECK-NOTES-BOTH: :[[@LINE-17]]:9: note: return a task such as 'firecrash::task<>' from 'by_ref' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// A request handler's reference parameter is the request's state.
HANDLER void synchronous_handler(const lib::request &req) { by_ref(req.body); }
// CHECK-NOTES: :[[@LINE-1]]:61: warning: detached coroutine 'by_ref' borrows parameter 'req' of 'synchronous_handler', which can be destroyed while the operation still runs [firecrash-detached-borrow]
// CHECK-NOTES: :[[@LINE-2]]:68: note: the detached operation borrows from 'synchronous_handler': reference parameter 'text' refers to handler parameter 'req'
// CHECK-NOTES: :[[@LINE-3]]:79: note: parameter 'req' refers to the request's state, which can end as soon as 'synchronous_handler' returns, and nothing waits for the detached operation
// CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
// CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
// CHECK-NOTES: :[[@LINE-6]]:14: note: 'synchronous_handler' is a request handler: it is annotated 'firecrash::request_handler'
// CHECK-NOTES: :[[@LINE-7]]:61: note: pass parameter 'req' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
// CHECK-NOTES-BOTH: :[[@LINE-8]]:61: warning: coroutine 'by_ref' returns detached type 'lib::bg' and is started from request handler 'synchronous_handler'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
// CHECK-NOTES-BOTH: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
// CHECK-NOTES-BOTH: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
// CHECK-NOTES-BOTH: :[[@LINE-11]]:14: note: 'synchronous_handler' is a request handler: it is annotated 'firecrash::request_handler'
// CHECK-NOTES-BOTH: :[[@LINE-12]]:68: note: the detached operation borrows from the handler: reference parameter 'text' refers to handler parameter 'req'
// CHECK-NOTES-BOTH: :[[@LINE-35]]:9: note: return a task such as 'firecrash::task<>' from 'by_ref' and make 'synchronous_handler' a coroutine that co_awaits it, or spawn it on a 'firecrash::request_scope' and join the scope before 'synchronous_handler' returns

// Outside handlers, firecrash-detached-borrow alone reports.
void helper_borrows() {
  std::string text = "x";
  by_ref(text);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached coroutine 'by_ref' borrows local 'text' of 'helper_borrows', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:10: note: the detached operation borrows from 'helper_borrows': reference parameter 'text' refers to local 'text'
  // CHECK-NOTES: :[[@LINE+10]]:1: note: 'text' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-6]]:3: note: pass local 'text' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  // CHECK-NOTES-BOTH: :[[@LINE-7]]:3: warning: detached coroutine 'by_ref' borrows local 'text' of 'helper_borrows', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES-BOTH: :[[@LINE-8]]:10: note: the detached operation borrows from 'helper_borrows': reference parameter 'text' refers to local 'text'
  // CHECK-NOTES-BOTH: :[[@LINE+4]]:1: note: 'text' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES-BOTH: {{.*}}types.h:14:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES-BOTH: {{.*}}types.h:20:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES-BOTH: :[[@LINE-12]]:3: note: pass local 'text' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}
