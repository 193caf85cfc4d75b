// RUN: %check_clang_tidy %s firecrash-detached-coroutine %t

// The fix-it on the last note: the callee returns a task and the handler
// co_awaits the call. It is offered only where that rewrite is complete and
// safe; every other case keeps the warning without a fix.
#include "Inputs/coro.h"

// Fixed: internal linkage, one use, a whole statement.
namespace {
lib::bg notify(int id) { co_await lib::pause{}; }
} // namespace
HANDLER lib::task<> fixable(lib::request req) {
  notify(req.id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'notify' returns detached type 'lib::bg' and is started from request handler 'fixable'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:21: note: 'fixable' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-8]]:9: note: return a task such as 'firecrash::task<>' from 'notify' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}
// CHECK-FIXES: firecrash::task<> notify(int id) { co_await lib::pause{}; }
// CHECK-FIXES: co_await notify(req.id);

// Fixed: every declaration changes.
static lib::bg refresh(int id);
HANDLER lib::task<> fixable_redeclared(lib::request req) {
  refresh(req.id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'refresh' returns detached type 'lib::bg' and is started from request handler 'fixable_redeclared'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:21: note: 'fixable_redeclared' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-7]]:16: note: return a task such as 'firecrash::task<>' from 'refresh' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}
static lib::bg refresh(int id) { co_await lib::pause{}; }
// CHECK-FIXES: static firecrash::task<> refresh(int id);
// CHECK-FIXES: co_await refresh(req.id);
// CHECK-FIXES: static firecrash::task<> refresh(int id) { co_await lib::pause{}; }

// Not fixed: other translation units may call it.
lib::bg publish(int id) { co_await lib::pause{}; }
HANDLER lib::task<> external(lib::request req) {
  publish(req.id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'publish' returns detached type 'lib::bg' and is started from request handler 'external'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:21: note: 'external' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-7]]:9: note: return a task such as 'firecrash::task<>' from 'publish' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// Not fixed: a second caller would break.
static lib::bg shared_step(int id) { co_await lib::pause{}; }
HANDLER lib::task<> first_caller(lib::request req) {
  shared_step(req.id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'shared_step' returns detached type 'lib::bg' and is started from request handler 'first_caller'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:21: note: 'first_caller' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-7]]:16: note: return a task such as 'firecrash::task<>' from 'shared_step' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}
HANDLER lib::task<> second_caller(lib::request req) {
  shared_step(req.id + 1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'shared_step' returns detached type 'lib::bg' and is started from request handler 'second_caller'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:21: note: 'second_caller' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-16]]:16: note: return a task such as 'firecrash::task<>' from 'shared_step' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// Not fixed: the result is used.
static lib::bg kept(int id) { co_await lib::pause{}; }
HANDLER lib::task<> result_used(lib::request req) {
  auto handle = kept(req.id);
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: coroutine 'kept' returns detached type 'lib::bg' and is started from request handler 'result_used'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:21: note: 'result_used' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-7]]:16: note: return a task such as 'firecrash::task<>' from 'kept' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// Not fixed: co_await is not allowed in a catch handler.
static lib::bg on_error(int id) { co_await lib::pause{}; }
HANDLER lib::task<> in_catch(lib::request req) {
  try {
    throw req.id;
  } catch (int code) {
    on_error(code);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: coroutine 'on_error' returns detached type 'lib::bg' and is started from request handler 'in_catch'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
    // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
    // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
    // CHECK-NOTES: :[[@LINE-8]]:21: note: 'in_catch' is a request handler: it is annotated 'firecrash::request_handler'
    // CHECK-NOTES: :[[@LINE-10]]:16: note: return a task such as 'firecrash::task<>' from 'on_error' and co_await it, so the handler waits for the operation and sees its exceptions
  }
  co_return;
}

// Not fixed: the call is written by a macro.
static lib::bg from_macro(int id) { co_await lib::pause{}; }
#define START(id) from_macro(id)
HANDLER lib::task<> macro_call(lib::request req) {
  START(req.id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'from_macro' returns detached type 'lib::bg' and is started from request handler 'macro_call'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:21: note: 'macro_call' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-8]]:16: note: return a task such as 'firecrash::task<>' from 'from_macro' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// Not fixed: a template.
template <typename T> static lib::bg generic(T id) { co_await lib::pause{}; }
HANDLER lib::task<> template_callee(lib::request req) {
  generic(req.id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'generic' returns detached type 'lib::bg' and is started from request handler 'template_callee'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:21: note: 'template_callee' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-7]]:38: note: return a task such as 'firecrash::task<>' from 'generic' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// Not fixed: reached through a helper.
static lib::bg deep(int id) { co_await lib::pause{}; }
static void helper(int id) { deep(id); }
HANDLER lib::task<> through_helper(lib::request req) {
  helper(req.id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'deep' returns detached type 'lib::bg' and is started from request handler 'through_helper' through 'helper'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: :[[@LINE-4]]:30: note: 'helper' starts coroutine 'deep' here
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-6]]:21: note: 'through_helper' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-9]]:16: note: return a task such as 'firecrash::task<>' from 'deep' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// Suppressed: NOLINT drops the warning and its fix.
static lib::bg silenced(int id) { co_await lib::pause{}; }
HANDLER lib::task<> suppressed(lib::request req) {
  silenced(req.id); // NOLINT(firecrash-detached-coroutine): fire and forget by design
  co_return;
}
