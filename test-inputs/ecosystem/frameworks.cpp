// RUN: %check_clang_tidy %s firecrash-* %t

// Request handlers of the server frameworks built on the libraries firecrash
// knows, with zero configuration: cinatra's (and yalantinglibs') HTTP
// handlers take a coro_http_request, coro_rpc's take a context, asio-grpc's
// take the ServerRPC of the request; asio-grpc's registration starts the
// registered coroutine once per request.
#include "Inputs/asio_grpc.h"
#include "Inputs/cinatra.h"
#include "Inputs/coro_rpc.h"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <string>
#include <string_view>

using async_simple::coro::Lazy;

Lazy<void> log_body(std::string_view body);

// cinatra: the registered lambda is a request handler, and the detached log
// borrows the request's body.
void routes(cinatra::coro_http_server &server) {
  server.set_http_handler<cinatra::GET>(
      "/", [&server](cinatra::coro_http_request &req,
                     cinatra::coro_http_response &resp) -> Lazy<void> {
        log_body(req.get_body()).via(server.get_executor()).detach();
        // CHECK-NOTES: :[[@LINE-1]]:9: warning: call to 'async_simple::coro::RescheduleLazy::detach' detaches work from the request-handler lambda in 'routes'; the handler can complete while this operation is still outstanding [firecrash-detaching-spawn]
        // CHECK-NOTES: :[[@LINE-2]]:9: note: 'async_simple::coro::RescheduleLazy::detach' is listed as '::async_simple::coro::RescheduleLazy::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
        // CHECK-NOTES: {{.*}}async_simple.h:66:9: note: 'detach' starts lambda coroutine here
        // CHECK-NOTES: :[[@LINE-6]]:50: note: the lambda in 'routes' is a request handler: parameter 'req' has type 'cinatra::coro_http_request &', listed as '::cinatra::coro_http_request' in option 'HandlerParameterTypes'
        // CHECK-NOTES: :[[@LINE-5]]:18: note: the detached operation borrows from the handler: view parameter 'body' looks into handler parameter 'req' through 'get_body()'
        resp.set_status_and_content(cinatra::status_type::ok, "ok");
        co_return;
      });
}

// Negative: the handler awaits the log.
void awaited_routes(cinatra::coro_http_server &server) {
  server.set_http_handler<cinatra::POST>(
      "/", [](cinatra::coro_http_request &req,
              cinatra::coro_http_response &resp) -> Lazy<void> {
        co_await log_body(req.get_body());
        resp.set_status_and_content(cinatra::status_type::ok, "ok");
      });
}

// coro_rpc: a handler takes the request's context.
void echo(coro_rpc::context<void> ctx, std::string_view message,
          async_simple::Executor *ex) {
  log_body(message).via(ex).detach();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'async_simple::coro::RescheduleLazy::detach' detaches work from request handler 'echo'; the handler can complete while this operation is still outstanding [firecrash-detaching-spawn]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'async_simple::coro::RescheduleLazy::detach' is listed as '::async_simple::coro::RescheduleLazy::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: {{.*}}async_simple.h:66:9: note: 'detach' starts lambda coroutine here
  // CHECK-NOTES: :[[@LINE-6]]:35: note: 'echo' is a request handler: parameter 'ctx' has type 'coro_rpc::context<void>', listed as '::coro_rpc::context_base' in option 'HandlerParameterTypes'
  // CHECK-NOTES: :[[@LINE-5]]:12: note: the detached operation borrows from the handler: view parameter 'body' looks into handler parameter 'message'
  ctx.response_msg();
}

// asio-grpc: each request runs the registered coroutine; the lambda borrows
// the registering frame's 'greeting' for every request, and nothing here
// waits for them.
struct greeter_service {};
void request_say_hello();
using rpc_t = agrpc::ServerRPC<&request_say_hello>;

boost::asio::awaitable<void> reply(const std::string &text);

void registers_and_returns(agrpc::GrpcContext &grpc_context,
                           greeter_service &service) {
  std::string greeting = "hello";
  agrpc::register_awaitable_rpc_handler<rpc_t>(
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'agrpc::register_awaitable_rpc_handler' borrows local 'greeting' of 'registers_and_returns', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE+5]]:7: note: the detached operation borrows from 'registers_and_returns': the lambda captures local 'greeting' by reference
  // CHECK-NOTES: :[[@LINE+8]]:1: note: 'greeting' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE+6]]:7: note: 'agrpc::register_awaitable_rpc_handler' completes through 'boost::asio::detached', which gives nothing to await: the work runs detached ('::agrpc::register_awaitable_rpc_handler[handler]' in option 'DetachingCallees'); co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'greeting' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
      grpc_context.get_executor(), service,
      [&](rpc_t &rpc) -> boost::asio::awaitable<void> {
        co_await reply(greeting);
      },
      boost::asio::detached);
}

// The registered coroutine is a request handler: a detached audit that
// borrows the request's rpc outlives it.
boost::asio::awaitable<void> audit(rpc_t &rpc);

void registers_an_auditing_handler(agrpc::GrpcContext &grpc_context,
                                   greeter_service &service) {
  agrpc::register_awaitable_rpc_handler<rpc_t>(
      grpc_context.get_executor(), service,
      [&grpc_context](rpc_t &rpc) -> boost::asio::awaitable<void> {
        boost::asio::co_spawn(grpc_context.get_executor(), audit(rpc),
        // CHECK-NOTES: :[[@LINE-1]]:9: warning: call to 'boost::asio::co_spawn' detaches work from the request-handler lambda in 'registers_an_auditing_handler'; the handler can complete while this operation is still outstanding [firecrash-detaching-spawn]
        // CHECK-NOTES: :[[@LINE+3]]:31: note: 'boost::asio::co_spawn' completes through 'boost::asio::detached', which gives nothing to await: the work runs detached ('::boost::asio::co_spawn[handler]' in option 'DetachingCallees'); co_await the work instead (co_spawn with use_awaitable), or pass the request's 'firecrash::request_scope' token() and co_await 'firecrash::asio::async_join'
        // CHECK-NOTES: :[[@LINE-4]]:30: note: the lambda in 'registers_an_auditing_handler' is a request handler: parameter 'rpc' has type 'rpc_t &', listed as '::agrpc::ServerRPC' in option 'HandlerParameterTypes'
        // CHECK-NOTES: :[[@LINE-4]]:66: note: the detached operation borrows from the handler: reference parameter 'rpc' refers to handler parameter 'rpc'
                              boost::asio::detached);
        co_return;
      },
      boost::asio::detached);
}

// Negative: the frame runs the context the handlers run on until the
// server shuts down, before 'greeting' dies (asio-grpc's examples' main).
void registers_and_runs(greeter_service &service) {
  agrpc::GrpcContext grpc_context;
  std::string greeting = "hello";
  agrpc::register_awaitable_rpc_handler<rpc_t>(
      grpc_context.get_executor(), service,
      [&](rpc_t &rpc) -> boost::asio::awaitable<void> {
        co_await reply(greeting);
      },
      boost::asio::detached);
  grpc_context.run();
}

// Negative: awaited registration.
boost::asio::awaitable<void> registers_and_awaits(agrpc::GrpcContext &ctx,
                                                  greeter_service &service) {
  std::string greeting = "hello";
  co_await agrpc::register_awaitable_rpc_handler<rpc_t>(
      ctx.get_executor(), service,
      [&](rpc_t &rpc) -> boost::asio::awaitable<void> {
        co_await reply(greeting);
      },
      boost::asio::use_awaitable);
}
