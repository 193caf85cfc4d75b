// RUN: %check_clang_tidy %s firecrash-detached-coroutine %t -- -- -I%firecrash_include

// With the companion runtime: its fire_and_forget is detached, its
// request_scope marks a handler, and the fix-it's task compiles.
#include <firecrash/runtime.hpp>

namespace {
firecrash::fire_and_forget audit_login(int user) { co_await std::suspend_always{}; }
} // namespace

firecrash::task<> login(firecrash::request_scope &scope, int user) {
  audit_login(user);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit_login' returns detached type 'firecrash::fire_and_forget' and is started from request handler 'login'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}fire_and_forget.hpp:{{[0-9]+}}:{{[0-9]+}}: note: 'fire_and_forget' is detached: it is annotated 'firecrash::detached'
  // CHECK-NOTES: {{.*}}fire_and_forget.hpp:{{[0-9]+}}:{{[0-9]+}}: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:51: note: 'login' is a request handler: parameter 'scope' has type 'firecrash::request_scope &', listed as '::firecrash::request_scope' in option 'HandlerParameterTypes'
  // CHECK-NOTES: :[[@LINE-9]]:28: note: return a task such as 'firecrash::task<>' from 'audit_login' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}
// CHECK-FIXES: firecrash::task<> audit_login(int user) { co_await std::suspend_always{}; }
// CHECK-FIXES: co_await audit_login(user);

// Negative: spawned on the request's scope and joined.
firecrash::task<> audit_task(int user);
firecrash::task<> structured(firecrash::request_scope &scope, int user) {
  scope.spawn(audit_task(user));
  co_await scope.join();
}
