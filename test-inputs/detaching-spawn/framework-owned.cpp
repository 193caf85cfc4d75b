// RUN: %check_clang_tidy %s firecrash-detaching-spawn %t

// Framework-owned objects: filters, middlewares and plugins are created once
// by the framework and kept for the life of the process (option
// LongLivedTypes), like the controllers of HandlerBaseClasses. Detached work
// that captures their 'this' borrows nothing from the request. Per-request
// and per-connection objects keep today's rules.
#include "../detached-coroutine/Inputs/frameworks.h"

using drogon::HttpRequestPtr;
using drogon::ResponseCallback;

// Negative: a filter's 'this' outlives every request.
class AuthFilter : public drogon::HttpFilterBase {
public:
  void doFilter(const HttpRequestPtr &req, ResponseCallback &&callback) {
    drogon::async_run([this, req, callback = std::move(callback)]() -> drogon::Task<> {
      co_await drogon::sleepCoro(0.1);
      callback(check(*req));
    });
  }
  drogon::HttpResponsePtr check(const drogon::HttpRequest &req);
};

// Negative: so does a controller's (HandlerBaseClasses).
class ItemsController : public drogon::HttpController<ItemsController> {
public:
  void list(const HttpRequestPtr &req, ResponseCallback &&callback) {
    drogon::async_run([this, req, callback = std::move(callback)]() -> drogon::Task<> {
      co_await drogon::sleepCoro(0.1);
      callback(render(*req));
    });
  }
  drogon::HttpResponsePtr render(const drogon::HttpRequest &req);
};

// A per-request object: nothing keeps it alive while the work runs.
class Upload {
public:
  void receive(const HttpRequestPtr &req, ResponseCallback &&callback) {
    drogon::async_run([this, req, callback = std::move(callback)]() -> drogon::Task<> {
      co_await drogon::sleepCoro(0.1);
      callback(store(*req));
    });
    // CHECK-NOTES: :[[@LINE-4]]:5: warning: call to 'drogon::async_run' detaches work from request handler 'receive'; the handler can complete while this operation is still outstanding [firecrash-detaching-spawn]
    // CHECK-NOTES: :[[@LINE-5]]:5: note: 'drogon::async_run' is listed as '::drogon::async_run' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
    // CHECK-NOTES: {{.*}}frameworks.h:108:3: note: 'async_run' starts lambda coroutine here
    // CHECK-NOTES: :[[@LINE-8]]:38: note: 'receive' is a request handler: parameter 'req' has type 'const HttpRequestPtr &', listed as '::drogon::HttpRequest' in option 'HandlerParameterTypes'
    // CHECK-NOTES: :[[@LINE-8]]:24: note: the detached operation borrows from the handler: the lambda captures raw 'this'; nothing keeps the object alive while the work runs
  }
  drogon::HttpResponsePtr store(const drogon::HttpRequest &req);
};
