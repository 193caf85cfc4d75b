// RUN: %check_clang_tidy %s firecrash-* %t -- --header-filter=.*mini.h \
// RUN:   -config="{CheckOptions: {DetachedTypes: '::mini::Detached', HandlerParameterTypes: '::mini::Request', DetachingCallees: '::mini::run_detached;::std::thread::detach', LongLivedTypes: '::mini::Controller;::mini::FilterBase;::mini::MiddlewareBase', TaskTypes: '::mini::Task'}}"

// An application on the miniature framework of Inputs/mini.h, configured the
// way a user configures firecrash for a framework it does not know: quiet on
// the framework's idioms and the application's correct code, and reporting
// each planted bug once.
#include "Inputs/mini.h"
#include <future>
#include <string>

namespace app {

mini::Task<std::string> load_user(std::string id);
mini::Task<> save_audit(std::string line);
void record(const mini::Request &req);

// Writes the line after it first suspends.
mini::Detached log_access(const std::string &line) {
  co_await mini::sleep_for{1};
  record(mini::Request{"/log", line});
}

class Users : public mini::Controller {
public:
  // A coroutine handler: the dispatcher awaits it.
  mini::Task<mini::Response> get(mini::RequestPtr req) {
    std::string name = co_await load_user(req->body);
    co_return mini::Response{200, name};
  }

  // Safe fire-and-forget: the work owns the request (a shared_ptr copy) and
  // the controller is kept by the framework.
  void touch(const mini::RequestPtr &req, mini::Callback &&callback) {
    mini::run_detached([this, req]() -> mini::Task<> {
      co_await mini::sleep_for{1};
      record(*req);
      ++touched;
    });
    callback(mini::Response{202, "accepted"});
  }

  // Planted bug: the detached coroutine keeps a reference to a local.
  void audit(const mini::RequestPtr &req, mini::Callback &&callback) {
    std::string line = req->path + " " + req->body;
    log_access(line);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: coroutine 'log_access' returns detached type 'mini::Detached' and is started from request handler 'audit'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
    // CHECK-NOTES: {{.*}}mini.h:122:8: note: 'Detached' is detached: it is listed as '::mini::Detached' in option 'DetachedTypes'
    // CHECK-NOTES: {{.*}}mini.h:128:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
    // CHECK-NOTES: :[[@LINE-6]]:38: note: 'audit' is a request handler: parameter 'req' has type 'const mini::RequestPtr &', listed as '::mini::Request' in option 'HandlerParameterTypes'
    // CHECK-NOTES: :[[@LINE-5]]:16: note: the detached operation borrows from the handler: reference parameter 'line' refers to handler local 'line'
    // CHECK-NOTES: :[[@LINE-31]]:32: note: 'log_access' uses 'line' here, after it first suspends
    // CHECK-NOTES: :[[@LINE-34]]:16: note: return a task such as 'firecrash::task<>' from 'log_access' and make 'audit' a coroutine that co_awaits it, or spawn it on a 'firecrash::request_scope' and join the scope before 'audit' returns
    callback(mini::Response{202, "accepted"});
  }

  // Planted bug: the work captures the request by reference.
  void notify(const mini::RequestPtr &req, mini::Callback &&callback) {
    mini::run_detached([&req]() -> mini::Task<> {
      co_await mini::sleep_for{1};
      record(*req);
    });
    // CHECK-NOTES: :[[@LINE-4]]:5: warning: call to 'mini::run_detached' detaches work from request handler 'notify'; the handler can complete while this operation is still outstanding [firecrash-detaching-spawn]
    // CHECK-NOTES: :[[@LINE-5]]:5: note: 'mini::run_detached' is listed as '::mini::run_detached' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
    // CHECK-NOTES: {{.*}}mini.h:136:3: note: 'run_detached' starts lambda coroutine here
    // CHECK-NOTES: :[[@LINE-8]]:39: note: 'notify' is a request handler: parameter 'req' has type 'const mini::RequestPtr &', listed as '::mini::Request' in option 'HandlerParameterTypes'
    // CHECK-NOTES: :[[@LINE-8]]:26: note: the detached operation borrows from the handler: the lambda captures handler parameter 'req' by reference
    callback(mini::Response{202, "accepted"});
  }

  // A rendezvous: the handler waits for the work, which signals last.
  void checked(const mini::RequestPtr &req, mini::Callback &&callback) {
    std::string line = req->body;
    std::promise<int> status;
    mini::run_detached([&]() -> mini::Task<> {
      co_await save_audit(line);
      status.set_value(200);
    });
    callback(mini::Response{status.get_future().get(), line});
  }

  // Work that never suspends has finished when run_detached returns.
  void counted(const mini::RequestPtr &req, mini::Callback &&callback) {
    int hits = 0;
    mini::run_detached([&hits]() -> mini::Task<> {
      ++hits;
      co_return;
    });
    callback(mini::Response{200, std::to_string(hits)});
  }

  int touched = 0;
};

class AuthFilter : public mini::CoroFilter<AuthFilter> {
public:
  mini::Task<std::optional<mini::Response>> check(mini::RequestPtr req);
};

void install(mini::Router &router, Users &users, mini::WebSocketClient &ws) {
  router.add("/user", [&users](mini::RequestPtr req) { return users.get(req); });
  ws.setAsyncMessageHandler(
      [](std::string message) { return save_audit(std::move(message)); });
}

} // namespace app
// CHECK-NOTES: {{.*}}mini.h:268:7: warning: detached lambda coroutine borrows the lambda's closure, a temporary of the lambda in 'setAsyncCloseHandler', which can be destroyed while the operation still runs [firecrash-detached-borrow]
// CHECK-NOTES: {{.*}}mini.h:268:7: note: the detached operation borrows from the lambda in 'setAsyncCloseHandler': the lambda's closure is a temporary destroyed at the end of this statement; after its first suspension the coroutine reads captures that no longer exist
// CHECK-NOTES: {{.*}}mini.h:270:20: note: the lambda in the lambda in 'setAsyncCloseHandler' gets a task from 'callback' here; the task's coroutine can point into 'callback' (a callable's target, an object's members), which can be destroyed before the task finishes
// CHECK-NOTES: {{.*}}mini.h:273:9: note: the temporary is destroyed at the end of the full-expression, while the detached operation may still use it
// CHECK-NOTES: {{.*}}mini.h:122:8: note: 'Detached' is detached: it is listed as '::mini::Detached' in option 'DetachedTypes'
// CHECK-NOTES: {{.*}}mini.h:271:11: note: no exception can escape the lambda in the lambda in 'setAsyncCloseHandler': its body catches everything here
// CHECK-NOTES: {{.*}}mini.h:268:7: note: pass what the lambda captures as parameters taken by value, which live in the coroutine's frame, or keep the closure alive until the coroutine finishes
