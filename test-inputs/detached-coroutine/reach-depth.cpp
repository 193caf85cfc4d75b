// RUN: %check_clang_tidy -check-suffixes=,ONE %s firecrash-detached-coroutine %t -- \
// RUN:   -config="{CheckOptions: {firecrash-detached-coroutine.MaxCallDepth: 1}}"
// RUN: %check_clang_tidy %s firecrash-detached-coroutine %t -- \
// RUN:   -config="{CheckOptions: {firecrash-detached-coroutine.MaxCallDepth: 0}}"

// Option MaxCallDepth bounds how many functions may stand between the
// handler and the detached start: 0 reports direct calls only.
#include "Inputs/coro.h"

lib::bg audit(int id);
void one(int id) { audit(id); }
void two(int id) { one(id); }

HANDLER lib::task<> depths(lib::request req) {
  audit(req.id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit' returns detached type 'lib::bg' and is started from request handler 'depths'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:21: note: 'depths' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-10]]:9: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
  one(req.id);
  // CHECK-NOTES-ONE: :[[@LINE-1]]:3: warning: coroutine 'audit' returns detached type 'lib::bg' and is started from request handler 'depths' through 'one'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES-ONE: :11:20: note: 'one' starts coroutine 'audit' here
  // CHECK-NOTES-ONE: {{.*}}coro.h:47:8: note: 'bg' is detached
  // CHECK-NOTES-ONE: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process
  // CHECK-NOTES-ONE: :14:21: note: 'depths' is a request handler
  // CHECK-NOTES-ONE: :10:9: note: return a task such as 'firecrash::task<>' from 'audit'
  two(req.id);
  co_return;
}
