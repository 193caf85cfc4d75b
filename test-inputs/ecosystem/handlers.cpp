// RUN: %check_clang_tidy %s firecrash-* %t

// In request handlers, with default options: the libraries' detaching calls
// are firecrash-detaching-spawn's (when the work borrows the request), their
// fire-and-forget types firecrash-detached-coroutine's.
#include "Inputs/async_simple.h"
#include "Inputs/concurrencpp.h"
#include "Inputs/libcoro.h"

#define HANDLER [[clang::annotate("firecrash::request_handler")]]

struct request {
  std::string body;
};

coro::task<void> store(const request &req);
async_simple::coro::Lazy<void> index(const request &req);
concurrencpp::null_result audit(const request &req);

HANDLER void on_store(const request &req, coro::thread_pool &pool) {
  pool.spawn_detached(store(req));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'coro::thread_pool::spawn_detached' detaches work from request handler 'on_store'; the handler can complete while this operation is still outstanding [firecrash-detaching-spawn]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'coro::thread_pool::spawn_detached' is listed as '::coro::thread_pool::spawn_detached' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-4]]:14: note: 'on_store' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-4]]:29: note: the detached operation borrows from the handler: reference parameter 'req' refers to handler parameter 'req'
}

HANDLER void on_index(const request &req, async_simple::Executor *ex) {
  index(req).via(ex).detach();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'async_simple::coro::RescheduleLazy::detach' detaches work from request handler 'on_index'; the handler can complete while this operation is still outstanding [firecrash-detaching-spawn]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'async_simple::coro::RescheduleLazy::detach' is listed as '::async_simple::coro::RescheduleLazy::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: {{.*}}async_simple.h:66:9: note: 'detach' starts lambda coroutine here
  // CHECK-NOTES: :[[@LINE-5]]:14: note: 'on_index' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-5]]:9: note: the detached operation borrows from the handler: reference parameter 'req' refers to handler parameter 'req'
}

HANDLER void on_audit(const request &req) { audit(req); }
// CHECK-NOTES: :[[@LINE-1]]:45: warning: coroutine 'audit' returns detached type 'concurrencpp::null_result' and is started from request handler 'on_audit'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
// CHECK-NOTES: {{.*}}concurrencpp.h:10:8: note: 'null_result' is detached: it is listed as '::concurrencpp::null_result' in option 'DetachedTypes'
// CHECK-NOTES: {{.*}}concurrencpp.h:17:8: note: an exception escaping the coroutine is swallowed: unhandled_exception() neither rethrows nor terminates, so nobody sees the error
// CHECK-NOTES: :[[@LINE-4]]:14: note: 'on_audit' is a request handler: it is annotated 'firecrash::request_handler'
// CHECK-NOTES: :[[@LINE-5]]:51: note: the detached operation borrows from the handler: reference parameter 'req' refers to handler parameter 'req'
// CHECK-NOTES: :[[@LINE-25]]:27: note: return a task such as 'firecrash::task<>' from 'audit' and make 'on_audit' a coroutine that co_awaits it, or spawn it on a 'firecrash::request_scope' and join the scope before 'on_audit' returns
