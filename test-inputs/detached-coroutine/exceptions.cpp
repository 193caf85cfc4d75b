// RUN: %check_clang_tidy %s firecrash-detached-coroutine %t
// RUN: %check_clang_tidy -check-suffix=ALL %s firecrash-detached-coroutine %t -- \
// RUN:   -config="{CheckOptions: {firecrash-detached-coroutine.ReportOwnedWork: true}}"

// Exception evidence from the body: a detached coroutine whose body keeps
// every exception (each statement inside a try with a 'catch (...)' that
// does not throw again) cannot end the process. Started from a request
// handler, it is reported when it borrows request state or can let an
// exception escape; work that owns its state and catches everything is the
// safe fire-and-forget idiom, quiet unless ReportOwnedWork is set.
#include "Inputs/frameworks.h"

using drogon::AsyncTask;
using drogon::HttpRequestPtr;
using drogon::ResponseCallback;

// The safe idiom: the request and the callback are parameters taken by
// value (they live in the coroutine's frame), and the whole body is guarded.
void dispatch(const HttpRequestPtr &req, ResponseCallback &&callback) {
  [](HttpRequestPtr req, ResponseCallback callback) -> AsyncTask {
    try {
      co_await drogon::sleepCoro(0.1);
      callback(drogon::makeResponse(*req));
    } catch (...) {
      callback(drogon::errorResponse());
    }
  }(req, std::move(callback));
  // CHECK-NOTES-ALL: :[[@LINE-8]]:3: warning: lambda coroutine returns detached type 'AsyncTask' and is started from request handler 'dispatch'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES-ALL: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES-ALL: :[[@LINE-6]]:7: note: no exception can escape the lambda in 'dispatch': its body catches everything here
  // CHECK-NOTES-ALL: :[[@LINE-12]]:37: note: 'dispatch' is a request handler: parameter 'req' has type 'const HttpRequestPtr &', listed as '::drogon::HttpRequest' in option 'HandlerParameterTypes'
  // CHECK-NOTES-ALL: :[[@LINE-12]]:3: note: return a task such as 'firecrash::task<>' from the lambda in 'dispatch' and make 'dispatch' a coroutine that co_awaits it, or spawn it on a 'firecrash::request_scope' and join the scope before 'dispatch' returns
}

// A statement after the try can still throw.
void answer_outside_try(const HttpRequestPtr &req, ResponseCallback &&callback) {
  [](HttpRequestPtr req, ResponseCallback callback) -> AsyncTask {
    drogon::HttpResponsePtr resp;
    try {
      co_await drogon::sleepCoro(0.1);
      resp = drogon::makeResponse(*req);
    } catch (...) {
      resp = drogon::errorResponse();
    }
    callback(resp);
  }(req, std::move(callback));
  // CHECK-NOTES: :[[@LINE-10]]:3: warning: lambda coroutine returns detached type 'AsyncTask' and is started from request handler 'answer_outside_try'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-14]]:47: note: 'answer_outside_try' is a request handler: parameter 'req' has type 'const HttpRequestPtr &', listed as '::drogon::HttpRequest' in option 'HandlerParameterTypes'
  // CHECK-NOTES: :[[@LINE-14]]:3: note: return a task such as 'firecrash::task<>' from the lambda in 'answer_outside_try' and make 'answer_outside_try' a coroutine that co_awaits it, or spawn it on a 'firecrash::request_scope' and join the scope before 'answer_outside_try' returns
  // CHECK-NOTES-ALL: :[[@LINE-15]]:3: warning: lambda coroutine returns detached type 'AsyncTask' and is started from request handler 'answer_outside_try'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES-ALL: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES-ALL: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES-ALL: :[[@LINE-19]]:47: note: 'answer_outside_try' is a request handler: parameter 'req' has type 'const HttpRequestPtr &', listed as '::drogon::HttpRequest' in option 'HandlerParameterTypes'
  // CHECK-NOTES-ALL: :[[@LINE-19]]:3: note: return a task such as 'firecrash::task<>' from the lambda in 'answer_outside_try' and make 'answer_outside_try' a coroutine that co_awaits it, or spawn it on a 'firecrash::request_scope' and join the scope before 'answer_outside_try' returns
}

// A handler that throws again lets the exception escape.
void rethrows(const HttpRequestPtr &req, ResponseCallback &&callback) {
  [](HttpRequestPtr req, ResponseCallback callback) -> AsyncTask {
    try {
      co_await drogon::sleepCoro(0.1);
      callback(drogon::makeResponse(*req));
    } catch (...) {
      callback(drogon::errorResponse());
      throw;
    }
  }(req, std::move(callback));
  // CHECK-NOTES: :[[@LINE-9]]:3: warning: lambda coroutine returns detached type 'AsyncTask' and is started from request handler 'rethrows'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-13]]:37: note: 'rethrows' is a request handler: parameter 'req' has type 'const HttpRequestPtr &', listed as '::drogon::HttpRequest' in option 'HandlerParameterTypes'
  // CHECK-NOTES: :[[@LINE-13]]:3: note: return a task such as 'firecrash::task<>' from the lambda in 'rethrows' and make 'rethrows' a coroutine that co_awaits it, or spawn it on a 'firecrash::request_scope' and join the scope before 'rethrows' returns
  // CHECK-NOTES-ALL: :[[@LINE-14]]:3: warning: lambda coroutine returns detached type 'AsyncTask' and is started from request handler 'rethrows'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES-ALL: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES-ALL: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES-ALL: :[[@LINE-18]]:37: note: 'rethrows' is a request handler: parameter 'req' has type 'const HttpRequestPtr &', listed as '::drogon::HttpRequest' in option 'HandlerParameterTypes'
  // CHECK-NOTES-ALL: :[[@LINE-18]]:3: note: return a task such as 'firecrash::task<>' from the lambda in 'rethrows' and make 'rethrows' a coroutine that co_awaits it, or spawn it on a 'firecrash::request_scope' and join the scope before 'rethrows' returns
}

// Only typed handlers: anything else escapes.
void typed_handler_only(const HttpRequestPtr &req, ResponseCallback &&callback) {
  [](HttpRequestPtr req, ResponseCallback callback) -> AsyncTask {
    try {
      co_await drogon::sleepCoro(0.1);
      callback(drogon::makeResponse(*req));
    } catch (const std::exception &) {
      callback(drogon::errorResponse());
    }
  }(req, std::move(callback));
  // CHECK-NOTES: :[[@LINE-8]]:3: warning: lambda coroutine returns detached type 'AsyncTask' and is started from request handler 'typed_handler_only'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-12]]:47: note: 'typed_handler_only' is a request handler: parameter 'req' has type 'const HttpRequestPtr &', listed as '::drogon::HttpRequest' in option 'HandlerParameterTypes'
  // CHECK-NOTES: :[[@LINE-12]]:3: note: return a task such as 'firecrash::task<>' from the lambda in 'typed_handler_only' and make 'typed_handler_only' a coroutine that co_awaits it, or spawn it on a 'firecrash::request_scope' and join the scope before 'typed_handler_only' returns
  // CHECK-NOTES-ALL: :[[@LINE-13]]:3: warning: lambda coroutine returns detached type 'AsyncTask' and is started from request handler 'typed_handler_only'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES-ALL: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES-ALL: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES-ALL: :[[@LINE-17]]:47: note: 'typed_handler_only' is a request handler: parameter 'req' has type 'const HttpRequestPtr &', listed as '::drogon::HttpRequest' in option 'HandlerParameterTypes'
  // CHECK-NOTES-ALL: :[[@LINE-17]]:3: note: return a task such as 'firecrash::task<>' from the lambda in 'typed_handler_only' and make 'typed_handler_only' a coroutine that co_awaits it, or spawn it on a 'firecrash::request_scope' and join the scope before 'typed_handler_only' returns
}

// A function-try-block guards the whole body too.
AsyncTask guarded_whole(HttpRequestPtr req, ResponseCallback callback) try {
  co_await drogon::sleepCoro(0.1);
  callback(drogon::makeResponse(*req));
} catch (...) {
  callback(drogon::errorResponse());
}
void function_try_block(const HttpRequestPtr &req, ResponseCallback &&callback) {
  guarded_whole(req, std::move(callback));
  // CHECK-NOTES-ALL: :[[@LINE-1]]:3: warning: coroutine 'guarded_whole' returns detached type 'AsyncTask' and is started from request handler 'function_try_block'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES-ALL: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES-ALL: :[[@LINE-7]]:3: note: no exception can escape 'guarded_whole': its body catches everything here
  // CHECK-NOTES-ALL: :[[@LINE-5]]:47: note: 'function_try_block' is a request handler: parameter 'req' has type 'const HttpRequestPtr &', listed as '::drogon::HttpRequest' in option 'HandlerParameterTypes'
  // CHECK-NOTES-ALL: :[[@LINE-12]]:11: note: return a task such as 'firecrash::task<>' from 'guarded_whole' and make 'function_try_block' a coroutine that co_awaits it, or spawn it on a 'firecrash::request_scope' and join the scope before 'function_try_block' returns
}

// Catching everything does not make a borrow safe: the callback is taken by
// reference and used after the coroutine suspends.
AsyncTask answers_later(HttpRequestPtr req, const ResponseCallback &callback) {
  try {
    co_await drogon::sleepCoro(0.1);
    callback(drogon::makeResponse(*req));
  } catch (...) {
  }
}
void borrows_callback(const HttpRequestPtr &req, ResponseCallback &&callback) {
  answers_later(req, callback);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'answers_later' returns detached type 'AsyncTask' and is started from request handler 'borrows_callback'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES: :[[@LINE-7]]:5: note: no exception can escape 'answers_later': its body catches everything here
  // CHECK-NOTES: :[[@LINE-5]]:45: note: 'borrows_callback' is a request handler: parameter 'req' has type 'const HttpRequestPtr &', listed as '::drogon::HttpRequest' in option 'HandlerParameterTypes'
  // CHECK-NOTES: :[[@LINE-5]]:22: note: the detached operation borrows from the handler: reference parameter 'callback' refers to handler parameter 'callback'
  // CHECK-NOTES: :[[@LINE-11]]:5: note: 'answers_later' uses 'callback' here, after it first suspends
  // CHECK-NOTES: :[[@LINE-15]]:11: note: return a task such as 'firecrash::task<>' from 'answers_later' and make 'borrows_callback' a coroutine that co_awaits it, or spawn it on a 'firecrash::request_scope' and join the scope before 'borrows_callback' returns
  // CHECK-NOTES-ALL: :[[@LINE-8]]:3: warning: coroutine 'answers_later' returns detached type 'AsyncTask' and is started from request handler 'borrows_callback'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES-ALL: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES-ALL: :[[@LINE-14]]:5: note: no exception can escape 'answers_later': its body catches everything here
  // CHECK-NOTES-ALL: :[[@LINE-12]]:45: note: 'borrows_callback' is a request handler: parameter 'req' has type 'const HttpRequestPtr &', listed as '::drogon::HttpRequest' in option 'HandlerParameterTypes'
  // CHECK-NOTES-ALL: :[[@LINE-12]]:22: note: the detached operation borrows from the handler: reference parameter 'callback' refers to handler parameter 'callback'
  // CHECK-NOTES-ALL: :[[@LINE-18]]:5: note: 'answers_later' uses 'callback' here, after it first suspends
  // CHECK-NOTES-ALL: :[[@LINE-22]]:11: note: return a task such as 'firecrash::task<>' from 'answers_later' and make 'borrows_callback' a coroutine that co_awaits it, or spawn it on a 'firecrash::request_scope' and join the scope before 'borrows_callback' returns
}
