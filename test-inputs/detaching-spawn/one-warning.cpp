// RUN: %check_clang_tidy %s firecrash-detaching-spawn,firecrash-detached-coroutine %t
// RUN: %check_clang_tidy -check-suffix=ALONE %s firecrash-detached-coroutine %t

// One warning per call site: a detaching API that is also a wrapper starting
// a detached coroutine (drogon::async_run) is reported once, by
// firecrash-detaching-spawn, with the wrapper's start as a note;
// firecrash-detached-coroutine reports the chain only when
// firecrash-detaching-spawn is off.
#include "../detached-coroutine/Inputs/frameworks.h"

using drogon::HttpRequestPtr;

void use(const drogon::HttpRequest &req);

// The work borrows the request through a reference capture.
void borrows(const HttpRequestPtr &req) {
  drogon::async_run([&req]() -> drogon::Task<> {
    co_await drogon::sleepCoro(0.1);
    use(*req);
  });
  // CHECK-NOTES: :[[@LINE-4]]:3: warning: call to 'drogon::async_run' detaches work from request handler 'borrows'; the handler can complete while this operation is still outstanding [firecrash-detaching-spawn]
  // CHECK-NOTES: :[[@LINE-5]]:3: note: 'drogon::async_run' is listed as '::drogon::async_run' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: {{.*}}frameworks.h:108:3: note: 'async_run' starts lambda coroutine here
  // CHECK-NOTES: :[[@LINE-8]]:36: note: 'borrows' is a request handler: parameter 'req' has type 'const HttpRequestPtr &', listed as '::drogon::HttpRequest' in option 'HandlerParameterTypes'
  // CHECK-NOTES: :[[@LINE-8]]:23: note: the detached operation borrows from the handler: the lambda captures handler parameter 'req' by reference
  // CHECK-NOTES-ALONE: :[[@LINE-9]]:3: warning: lambda coroutine returns detached type 'AsyncTask' and is started from request handler 'borrows' through 'async_run'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES-ALONE: {{.*}}frameworks.h:108:3: note: 'async_run' starts lambda coroutine here
  // CHECK-NOTES-ALONE: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES-ALONE: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES-ALONE: :[[@LINE-14]]:36: note: 'borrows' is a request handler: parameter 'req' has type 'const HttpRequestPtr &', listed as '::drogon::HttpRequest' in option 'HandlerParameterTypes'
  // CHECK-NOTES-ALONE: {{.*}}frameworks.h:104:18: note: return a task such as 'firecrash::task<>' from the lambda in 'async_run<(lambda)>' and make 'borrows' a coroutine that co_awaits it, or spawn it on a 'firecrash::request_scope' and join the scope before 'borrows' returns
}

// Through a helper: still one warning at the handler's call.
void log(const std::string &line);
static void later(const std::string &line) {
  drogon::async_run([&line]() -> drogon::Task<> {
    co_await drogon::sleepCoro(0.1);
    log(line);
  });
}
void through_helper(const HttpRequestPtr &req) {
  std::string line = "request";
  later(line);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'drogon::async_run' detaches work through 'later' from request handler 'through_helper'; the handler can complete while this operation is still outstanding [firecrash-detaching-spawn]
  // CHECK-NOTES: :[[@LINE-9]]:3: note: 'later' detaches work with 'drogon::async_run' here
  // CHECK-NOTES: :[[@LINE-10]]:3: note: 'drogon::async_run' is listed as '::drogon::async_run' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: {{.*}}frameworks.h:108:3: note: 'async_run' starts lambda coroutine here
  // CHECK-NOTES: :[[@LINE-7]]:43: note: 'through_helper' is a request handler: parameter 'req' has type 'const HttpRequestPtr &', listed as '::drogon::HttpRequest' in option 'HandlerParameterTypes'
  // CHECK-NOTES: :[[@LINE-6]]:9: note: the detached operation borrows from the handler: reference parameter 'line' of 'later' refers to handler local 'line', and the detached operation keeps it
  // CHECK-NOTES-ALONE: :[[@LINE-7]]:3: warning: lambda coroutine returns detached type 'AsyncTask' and is started from request handler 'through_helper' through 'later'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES-ALONE: :[[@LINE-15]]:3: note: 'later' calls 'async_run' here
  // CHECK-NOTES-ALONE: {{.*}}frameworks.h:108:3: note: 'async_run' starts lambda coroutine here
  // CHECK-NOTES-ALONE: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES-ALONE: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES-ALONE: :[[@LINE-14]]:43: note: 'through_helper' is a request handler: parameter 'req' has type 'const HttpRequestPtr &', listed as '::drogon::HttpRequest' in option 'HandlerParameterTypes'
  // CHECK-NOTES-ALONE: {{.*}}frameworks.h:104:18: note: return a task such as 'firecrash::task<>' from the lambda in 'async_run<(lambda)>' and make 'through_helper' a coroutine that co_awaits it, or spawn it on a 'firecrash::request_scope' and join the scope before 'through_helper' returns
}

// The work owns its state (a shared_ptr copy): detaching-spawn's idiom.
void owns(const HttpRequestPtr &req) {
  drogon::async_run([req]() -> drogon::Task<> {
    co_await drogon::sleepCoro(0.1);
    use(*req);
  });
  // CHECK-NOTES-ALONE: :[[@LINE-4]]:3: warning: lambda coroutine returns detached type 'AsyncTask' and is started from request handler 'owns' through 'async_run'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES-ALONE: {{.*}}frameworks.h:108:3: note: 'async_run' starts lambda coroutine here
  // CHECK-NOTES-ALONE: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES-ALONE: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES-ALONE: :[[@LINE-9]]:33: note: 'owns' is a request handler: parameter 'req' has type 'const HttpRequestPtr &', listed as '::drogon::HttpRequest' in option 'HandlerParameterTypes'
  // CHECK-NOTES-ALONE: {{.*}}frameworks.h:104:18: note: return a task such as 'firecrash::task<>' from the lambda in 'async_run<(lambda)>' and make 'owns' a coroutine that co_awaits it, or spawn it on a 'firecrash::request_scope' and join the scope before 'owns' returns
}
