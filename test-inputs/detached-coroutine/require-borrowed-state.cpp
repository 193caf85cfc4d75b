// RUN: %check_clang_tidy %s firecrash-detached-coroutine %t -- \
// RUN:   -config="{CheckOptions: {RequireBorrowedState: true}}"

// With RequireBorrowedState, only detached starts that borrow handler state
// are reported.
#include "Inputs/coro.h"

lib::bg audit_by_reference(const lib::request &req);
lib::bg audit_by_value(lib::request req);

HANDLER lib::task<> borrows(lib::request req) {
  audit_by_reference(req);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit_by_reference' returns detached type 'lib::bg' and is started from request handler 'borrows'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:21: note: 'borrows' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-5]]:22: note: the detached operation borrows from the handler: reference parameter 'req' refers to handler parameter 'req'
  // CHECK-NOTES: :[[@LINE-10]]:9: note: return a task such as 'firecrash::task<>' from 'audit_by_reference' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// Negative: the request is copied into the coroutine.
HANDLER lib::task<> owns(lib::request req) {
  audit_by_value(req);
  co_return;
}
