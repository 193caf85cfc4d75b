// RUN: %check_clang_tidy -check-suffix=DECLARED %s firecrash-detached-coroutine %t -- \
// RUN:   -config="{CheckOptions: {firecrash-detached-coroutine.TaskType: 'lib::task<>'}}"
// RUN: %check_clang_tidy -check-suffix=UNDECLARED %s firecrash-detached-coroutine %t -- \
// RUN:   -config="{CheckOptions: {firecrash-detached-coroutine.TaskType: 'app::task<>'}}"

// Option TaskType names the task the fix-it returns; no fix is offered when
// this translation unit does not declare it.
#include "Inputs/coro.h"

static lib::bg notify(int id) { co_await lib::pause{}; }
HANDLER lib::task<> handle(lib::request req) {
  notify(req.id);
  // CHECK-NOTES-UNDECLARED: :[[@LINE-1]]:3: warning: coroutine 'notify' returns detached type 'lib::bg' and is started from request handler 'handle'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES-UNDECLARED: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES-UNDECLARED: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES-UNDECLARED: :[[@LINE-5]]:21: note: 'handle' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES-UNDECLARED: :[[@LINE-7]]:16: note: return a task such as 'app::task<>' from 'notify' and co_await it, so the handler waits for the operation and sees its exceptions
  // CHECK-NOTES-DECLARED: :[[@LINE-6]]:3: warning: coroutine 'notify' returns detached type 'lib::bg' and is started from request handler 'handle'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES-DECLARED: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES-DECLARED: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES-DECLARED: :[[@LINE-10]]:21: note: 'handle' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES-DECLARED: :[[@LINE-12]]:16: note: return a task such as 'lib::task<>' from 'notify' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}
// CHECK-FIXES-DECLARED: static lib::task<> notify(int id) { co_await lib::pause{}; }
// CHECK-FIXES-DECLARED: co_await notify(req.id);
