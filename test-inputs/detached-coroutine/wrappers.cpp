// RUN: %check_clang_tidy %s firecrash-detached-coroutine %t -- \
// RUN:   -config="{CheckOptions: {DetachedTypes: '::lib::bg;::lib::awaitable_bg'}}"

// Precision: a function that returns a detached type without being a
// coroutine is a wrapper (a framework dispatcher); the coroutine it starts is
// reported, never the wrapper. A detached-typed result that is co_awaited is
// waited for.
#include "Inputs/coro.h"

lib::bg audit(int id);

// A dispatcher forwarding to the coroutine it wraps.
lib::bg dispatch(int id) { return audit(id); }

// A dispatcher whose target is unknown here (a pointer): nothing to report.
lib::bg dispatch_through(lib::bg (*target)(int), int id) { return target(id); }

HANDLER lib::task<> through_wrapper(lib::request req) {
  dispatch(req.id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit' returns detached type 'lib::bg' and is started from request handler 'through_wrapper' through 'dispatch'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: :[[@LINE-8]]:35: note: 'dispatch' starts coroutine 'audit' here
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: it is listed as '::lib::bg' in option 'DetachedTypes'
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-6]]:21: note: 'through_wrapper' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-15]]:9: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

HANDLER lib::task<> through_pointer(lib::request req) {
  dispatch_through(&audit, req.id);
  co_return;
}

// A dispatcher's reference parameter is its caller's: never described as
// state of a coroutine frame.
lib::bg forward_ref(const lib::request &req) { return audit(req.id); }

HANDLER lib::task<> through_reference(lib::request req) {
  forward_ref(req);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit' returns detached type 'lib::bg' and is started from request handler 'through_reference' through 'forward_ref'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: :[[@LINE-5]]:55: note: 'forward_ref' starts coroutine 'audit' here
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: it is listed as '::lib::bg' in option 'DetachedTypes'
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-6]]:21: note: 'through_reference' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-35]]:9: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

namespace lib {
// Listed as detached, yet awaitable.
struct awaitable_bg : eager_task {
  struct promise_type : eager_task::promise_type {
    awaitable_bg get_return_object() { return {}; }
  };
};
} // namespace lib

lib::awaitable_bg notify(int id);

HANDLER lib::task<> awaited(lib::request req) {
  co_await notify(req.id);
  notify(req.id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'notify' returns detached type 'lib::awaitable_bg' and is started from request handler 'awaited'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: :[[@LINE-13]]:8: note: 'awaitable_bg' is detached: it is listed as '::lib::awaitable_bg' in option 'DetachedTypes'
  // CHECK-NOTES: {{.*}}coro.h:39:10: note: an exception escaping the coroutine is swallowed: unhandled_exception() neither rethrows nor terminates, so nobody sees the error
  // CHECK-NOTES: :[[@LINE-6]]:21: note: 'awaited' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-9]]:19: note: return a task such as 'firecrash::task<>' from 'notify' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}
