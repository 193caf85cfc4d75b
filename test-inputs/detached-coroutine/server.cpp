// RUN: %check_clang_tidy %s firecrash-detached-coroutine %t

// A small server, written the ways real code is: the legitimate detaches
// (an accept loop spawning sessions that own their sockets, Drogon's own
// AsyncTask handler idiom) stay quiet, and NOLINT works in every form.
#include "Inputs/frameworks.h"
#include <string>
#include <utility>

struct socket {
  socket() = default;
  socket(socket &&) = default;
};
struct acceptor {
  drogon::Task<socket> accept();
};

// Negative: an accept loop is not a request handler; each session owns its
// socket.
drogon::AsyncTask session(socket s) { co_return; }
drogon::Task<> accept_loop(acceptor &listener) {
  for (;;) {
    socket s = co_await listener.accept();
    session(std::move(s));
  }
}

drogon::Task<drogon::HttpResponsePtr> load(drogon::HttpRequestPtr req);
drogon::AsyncTask send_receipt(std::string email);

class Users : public drogon::HttpController<Users> {
public:
  // Negative: Drogon's idiom, a handler that is itself an AsyncTask and
  // answers through the callback it owns.
  drogon::AsyncTask
  get(drogon::HttpRequestPtr req,
      std::function<void(const drogon::HttpResponsePtr &)> callback) {
    auto resp = co_await load(req);
    callback(resp);
  }

  // Negative: everything is awaited.
  drogon::Task<drogon::HttpResponsePtr> profile(drogon::HttpRequestPtr req) {
    co_return co_await load(req);
  }

  // The bug: the receipt outlives the request.
  drogon::Task<drogon::HttpResponsePtr> checkout(drogon::HttpRequestPtr req) {
    auto resp = co_await load(req);
    send_receipt("buyer@example.com");
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: coroutine 'send_receipt' returns detached type 'drogon::AsyncTask' and is started from request handler 'checkout'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
    // CHECK-NOTES: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
    // CHECK-NOTES: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
    // CHECK-NOTES: :[[@LINE-6]]:73: note: 'checkout' is a request handler: parameter 'req' has type 'drogon::HttpRequestPtr', listed as '::drogon::HttpRequest' in option 'HandlerParameterTypes'
    // CHECK-NOTES: :[[@LINE-26]]:19: note: return a task such as 'firecrash::task<>' from 'send_receipt' and co_await it, so the handler waits for the operation and sees its exceptions
    co_return resp;
  }

  // Suppressed, in every form NOLINT takes.
  drogon::Task<> suppressed(drogon::HttpRequestPtr req) {
    send_receipt("a"); // NOLINT
    send_receipt("b"); // NOLINT(firecrash-detached-coroutine)
    // NOLINTNEXTLINE(firecrash-detached-coroutine): the receipt owns its data
    send_receipt("c");
    // NOLINTBEGIN(firecrash-*)
    send_receipt("d");
    // NOLINTEND(firecrash-*)
    co_return;
  }

  // Not suppressed: NOLINT for another check.
  drogon::Task<> wrong_nolint(drogon::HttpRequestPtr req) {
    send_receipt("e"); // NOLINT(bugprone-unused-return-value)
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: coroutine 'send_receipt' returns detached type 'drogon::AsyncTask' and is started from request handler 'wrong_nolint'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
    // CHECK-NOTES: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
    // CHECK-NOTES: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
    // CHECK-NOTES: :[[@LINE-5]]:54: note: 'wrong_nolint' is a request handler: parameter 'req' has type 'drogon::HttpRequestPtr', listed as '::drogon::HttpRequest' in option 'HandlerParameterTypes'
    // CHECK-NOTES: :[[@LINE-49]]:19: note: return a task such as 'firecrash::task<>' from 'send_receipt' and co_await it, so the handler waits for the operation and sees its exceptions
    co_return;
  }
};
