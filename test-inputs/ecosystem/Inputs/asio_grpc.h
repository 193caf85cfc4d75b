// A stand-in for asio-grpc (github.com/Tradias/asio-grpc) on Boost.Asio,
// following its real headers: agrpc::GrpcContext is an execution context
// with get_executor() and run(); agrpc::ServerRPC<RequestRPC> is the
// per-request object an rpc handler takes by reference, with the request's
// grpc::ServerContext; register_awaitable_rpc_handler<ServerRPC>(executor,
// service, rpc_handler, token) is an Asio initiating function
// (asio::async_initiate with signature void(std::exception_ptr)) that
// invokes rpc_handler, an awaitable coroutine, once per request until the
// server shuts down. Notes point at lines of this file: append, do not
// insert.
#pragma once
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <exception>
#include <type_traits>

namespace grpc {
class ServerContext {};
} // namespace grpc

namespace agrpc {
class GrpcContext {
public:
  using executor_type = boost::asio::any_io_executor;
  executor_type get_executor() noexcept;
  bool run();
};
template <auto RequestRPC> class ServerRPC {
public:
  using executor_type = boost::asio::any_io_executor;
  grpc::ServerContext &context();
};
namespace detail {
// Waits for each request and runs the rpc handler's awaitable for it; the
// completion handler is invoked when the server shuts down.
template <class ServerRPC, class Service> struct RegisterRPCHandlerInitiator {
  Service &service;
  template <class CompletionHandler, class RPCHandler>
  void operator()(CompletionHandler &&, const typename ServerRPC::executor_type &,
                  RPCHandler &&) const {}
};
} // namespace detail
template <class ServerRPC, class Service, class RPCHandler,
          class CompletionToken>
auto register_awaitable_rpc_handler(
    const typename ServerRPC::executor_type &executor, Service &service,
    RPCHandler rpc_handler, CompletionToken &&token) {
  return boost::asio::async_initiate<CompletionToken, void(std::exception_ptr)>(
      detail::RegisterRPCHandlerInitiator<ServerRPC, Service>{service}, token,
      executor, std::move(rpc_handler));
}
} // namespace agrpc
