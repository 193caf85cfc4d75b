// RUN: %check_clang_tidy %s firecrash-detached-coroutine %t -- \
// RUN:   -config="{CheckOptions: {HandlerParameterTypes: '::lib::request'}}"

// Route and middleware lambdas are request handlers by their parameter types,
// like functions, and are named by where they are written.
#include "Inputs/coro.h"
#include <functional>

lib::bg audit(int id);

struct router {
  void get(std::function<lib::task<>(lib::request)> handler);
  void use(std::function<void(const lib::request &)> middleware);
};

void install(router &r) {
  r.get([](lib::request req) -> lib::task<> {
    audit(req.id);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: coroutine 'audit' returns detached type 'lib::bg' and is started from the request-handler lambda in 'install'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
    // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
    // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
    // CHECK-NOTES: :[[@LINE-5]]:25: note: the lambda in 'install' is a request handler: parameter 'req' has type 'lib::request', listed as '::lib::request' in option 'HandlerParameterTypes'
    // CHECK-NOTES: :[[@LINE-14]]:9: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
    co_return;
  });
  // A synchronous middleware lambda.
  r.use([](const lib::request &req) { audit(req.id); });
  // CHECK-NOTES: :[[@LINE-1]]:39: warning: coroutine 'audit' returns detached type 'lib::bg' and is started from the request-handler lambda in 'install'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-4]]:32: note: the lambda in 'install' is a request handler: parameter 'req' has type 'const lib::request &', listed as '::lib::request' in option 'HandlerParameterTypes'
  // CHECK-NOTES: :[[@LINE-23]]:9: note: return a task such as 'firecrash::task<>' from 'audit' and make the lambda in 'install' a coroutine that co_awaits it, or spawn it on a 'firecrash::request_scope' and join the scope before the lambda in 'install' returns
  // Not a handler: no request parameter.
  r.use([](const lib::request &) {});
}

// A lambda written in a variable's initializer.
auto on_order = [](lib::request req) -> lib::task<> {
  audit(req.id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit' returns detached type 'lib::bg' and is started from the request-handler lambda at line {{[0-9]+}}; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:33: note: the lambda at line {{[0-9]+}} is a request handler: parameter 'req' has type 'lib::request', listed as '::lib::request' in option 'HandlerParameterTypes'
  // CHECK-NOTES: :[[@LINE-35]]:9: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
};
