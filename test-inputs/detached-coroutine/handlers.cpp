// RUN: %check_clang_tidy %s firecrash-detached-coroutine %t

// What makes a coroutine a request handler with the default options, one
// reason per handler.
#include "Inputs/frameworks.h"

drogon::AsyncTask audit(int id);

namespace http = boost::beast::http;

// Annotated.
[[clang::annotate("firecrash::request_handler")]] drogon::Task<> annotated() {
  audit(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit' returns detached type 'drogon::AsyncTask' and is started from request handler 'annotated'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:66: note: 'annotated' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-11]]:19: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// A parameter listed in HandlerParameterTypes, through a smart pointer.
drogon::Task<> by_shared_pointer(drogon::HttpRequestPtr req) {
  audit(2);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit' returns detached type 'drogon::AsyncTask' and is started from request handler 'by_shared_pointer'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:57: note: 'by_shared_pointer' is a request handler: parameter 'req' has type 'drogon::HttpRequestPtr', listed as '::drogon::HttpRequest' in option 'HandlerParameterTypes'
  // CHECK-NOTES: :[[@LINE-22]]:19: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// ... through a reference to an alias template specialization.
drogon::Task<> by_reference(const http::request<http::string_body> &req) {
  audit(3);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit' returns detached type 'drogon::AsyncTask' and is started from request handler 'by_reference'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:69: note: 'by_reference' is a request handler: parameter 'req' has type 'const http::request<http::string_body> &', listed as '::boost::beast::http::request' in option 'HandlerParameterTypes'
  // CHECK-NOTES: :[[@LINE-33]]:19: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// ... through a raw pointer.
drogon::Task<> by_pointer(firecrash::request_scope *scope) {
  audit(4);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit' returns detached type 'drogon::AsyncTask' and is started from request handler 'by_pointer'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:53: note: 'by_pointer' is a request handler: parameter 'scope' has type 'firecrash::request_scope *', listed as '::firecrash::request_scope' in option 'HandlerParameterTypes'
  // CHECK-NOTES: :[[@LINE-44]]:19: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// A result listed in HandlerResultTypes, through a smart pointer.
drogon::Task<drogon::HttpResponsePtr> by_result() {
  audit(5);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit' returns detached type 'drogon::AsyncTask' and is started from request handler 'by_result'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:1: note: 'by_result' is a request handler: it produces 'drogon::Task<drogon::HttpResponsePtr>', listed as '::drogon::HttpResponse' in option 'HandlerResultTypes'
  // CHECK-NOTES: :[[@LINE-55]]:19: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return nullptr;
}

// ... through an alias template.
drogon::Task<http::response<http::string_body>> by_beast_result() {
  audit(6);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit' returns detached type 'drogon::AsyncTask' and is started from request handler 'by_beast_result'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
  // CHECK-NOTES: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:1: note: 'by_beast_result' is a request handler: it produces 'drogon::Task<http::response<http::string_body>>', listed as '::boost::beast::http::response' in option 'HandlerResultTypes'
  // CHECK-NOTES: :[[@LINE-66]]:19: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return {};
}

// A member of a class derived from one of HandlerBaseClasses.
class Orders : public drogon::HttpController<Orders> {
public:
  drogon::Task<> list(int page) {
    audit(7);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: coroutine 'audit' returns detached type 'drogon::AsyncTask' and is started from request handler 'list'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
    // CHECK-NOTES: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
    // CHECK-NOTES: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
    // CHECK-NOTES: :[[@LINE-5]]:18: note: 'list' is a request handler: its class derives from 'drogon::HttpController<Orders>', listed as '::drogon::HttpController' in option 'HandlerBaseClasses'
    // CHECK-NOTES: :[[@LINE-79]]:19: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
    co_return;
  }
};

struct Base : drogon::HttpSimpleController<Base> {};
struct Derived : Base {
  drogon::Task<> indirectly() {
    audit(8);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: coroutine 'audit' returns detached type 'drogon::AsyncTask' and is started from request handler 'indirectly'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
    // CHECK-NOTES: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
    // CHECK-NOTES: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
    // CHECK-NOTES: :[[@LINE-5]]:18: note: 'indirectly' is a request handler: its class derives from 'drogon::HttpSimpleController<Base>', listed as '::drogon::HttpSimpleController' in option 'HandlerBaseClasses'
    // CHECK-NOTES: :[[@LINE-92]]:19: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
    co_return;
  }
};

// Negative: not a handler with the default options.
drogon::Task<> unlisted_parameter(shop::http_request req) {
  audit(9);
  co_return;
}
namespace shop::api {
drogon::Task<> name_only() {
  audit(10);
  co_return;
}
} // namespace shop::api

// Negative: a handler type that is not a parameter, a result or a base.
drogon::Task<> local_only() {
  drogon::HttpRequest req;
  audit(11);
  co_return;
}

// Negative: a helper class that is not a controller.
struct Helper {
  drogon::Task<> run(int id) {
    audit(id);
    co_return;
  }
};
