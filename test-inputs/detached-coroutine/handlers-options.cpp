// RUN: %check_clang_tidy %s firecrash-detached-coroutine %t -- \
// RUN:   -config="{CheckOptions: {HandlerParameterTypes: '::shop::http_request;-::drogon::HttpRequest', HandlerFunctions: '^::shop::api::;^shop::v2::.*_handler$'}}"

// One global CheckOptions entry (no check prefix) serves every firecrash
// check. A list's entries add to its defaults; a leading '-' removes one
// ('-*' would remove them all).
#include "Inputs/frameworks.h"

drogon::AsyncTask audit(int id);

// Now a handler: its parameter type is listed globally.
drogon::Task<> listed_parameter(shop::http_request req) {
  audit(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit' returns detached type 'drogon::AsyncTask' and is started from request handler 'listed_parameter'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:52: note: 'listed_parameter' is a request handler: parameter 'req' has type 'shop::http_request', listed as '::shop::http_request' in option 'HandlerParameterTypes'
  // CHECK-NOTES: :[[@LINE-9]]:19: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// Now a handler: its name matches a pattern.
namespace shop::api {
drogon::Task<> orders() {
  audit(2);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit' returns detached type 'drogon::AsyncTask' and is started from request handler 'orders'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:16: note: 'orders' is a request handler: its name matches '^::shop::api::' in option 'HandlerFunctions'
  // CHECK-NOTES: :[[@LINE-21]]:19: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}
} // namespace shop::api
namespace shop::v2 {
drogon::Task<> refund_handler() {
  audit(3);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit' returns detached type 'drogon::AsyncTask' and is started from request handler 'refund_handler'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:16: note: 'refund_handler' is a request handler: its name matches '^shop::v2::.*_handler$' in option 'HandlerFunctions'
  // CHECK-NOTES: :[[@LINE-32]]:19: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}
// Negative: the pattern is anchored at the end.
drogon::Task<> refund_handler_impl() {
  audit(4);
  co_return;
}
} // namespace shop::v2

// Negative: the default entry removed with '-' no longer applies.
drogon::Task<> drogon_parameter(drogon::HttpRequestPtr req) {
  audit(5);
  co_return;
}

// Still a handler: the result and base class options keep their defaults.
drogon::Task<drogon::HttpResponsePtr> by_result() {
  audit(6);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit' returns detached type 'drogon::AsyncTask' and is started from request handler 'by_result'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:1: note: 'by_result' is a request handler: it produces 'drogon::Task<drogon::HttpResponsePtr>', listed as '::drogon::HttpResponse' in option 'HandlerResultTypes'
  // CHECK-NOTES: :[[@LINE-55]]:19: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return nullptr;
}

// Still a handler: the other default parameter types stay.
drogon::Task<> beast_parameter(
    boost::beast::http::request<boost::beast::http::string_body> req) {
  audit(7);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit' returns detached type 'drogon::AsyncTask' and is started from request handler 'beast_parameter'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:66: note: 'beast_parameter' is a request handler: parameter 'req' has type 'boost::beast::http::request<boost::beast::http::string_body>', listed as '::boost::beast::http::request' in option 'HandlerParameterTypes'
  // CHECK-NOTES: :[[@LINE-67]]:19: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}
