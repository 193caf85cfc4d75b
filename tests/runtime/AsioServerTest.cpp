// <firecrash/asio.hpp> against the real Boost.Asio 1.81 (or, with
// FIRECRASH_STANDALONE_ASIO, the real standalone Asio): an HTTP-like server on
// 127.0.0.1 with a 4-thread io_context serves 2,000 requests from a client in
// the same process. Each handler spawns work that borrows its request's state
// with scope.token() and joins it before answering: no use-after-free (ASan),
// no race (TSan), nothing left outstanding. A handler that forgets to join
// gets the pending-operation error. test-inputs/detaching-spawn/
// asio-scope.cpp is the same handler with plain 'detached', which the checks
// report.
#include <firecrash/asio.hpp>
#include <gtest/gtest.h>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace net = firecrash::detail::net;
using net::awaitable;
using net::use_awaitable;
using net::ip::tcp;
using namespace std::chrono_literals;

const std::string borrowed = "state owned by the test";

#define FIRECRASH_SPAWN_TOKEN(scope) (scope).token()
#include "asio_handler.hpp"

awaitable<void> serve(tcp::acceptor &acceptor, int count) {
  for (int i = 0; i < count; ++i) {
    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
    co_spawn(acceptor.get_executor(), handle(std::move(socket)), net::detached);
  }
}

awaitable<void> client(tcp::endpoint server, int requests,
                       std::atomic<int> &ok) {
  auto executor = co_await net::this_coro::executor;
  for (int i = 0; i < requests; ++i) {
    tcp::socket socket(executor);
    co_await socket.async_connect(server, use_awaitable);
    std::string request = "GET /item/" + std::to_string(i) + "\n";
    co_await net::async_write(socket, net::buffer(request), use_awaitable);
    std::string reply;
    co_await net::async_read_until(socket, net::dynamic_buffer(reply), '\n',
                                   use_awaitable);
    if (reply == "OK " + std::to_string(request.size()) + "\n")
      ++ok;
  }
}

TEST(AsioScope, TwoThousandRequestsOnFourThreadsJoinTheirWork) {
  constexpr int Clients = 8, PerClient = 250;
  net::io_context server_context;
  tcp::acceptor acceptor(server_context,
                         tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
  tcp::endpoint endpoint = acceptor.local_endpoint();
  co_spawn(server_context, serve(acceptor, Clients * PerClient), net::detached);
  std::vector<std::thread> pool;
  for (int t = 0; t < 4; ++t)
    pool.emplace_back([&] { server_context.run(); });

  net::io_context client_context;
  std::atomic<int> ok{0};
  for (int c = 0; c < Clients; ++c)
    co_spawn(client_context, client(endpoint, PerClient, ok), net::detached);
  client_context.run();
  for (std::thread &t : pool)
    t.join();

  EXPECT_EQ(ok, Clients * PerClient);
  EXPECT_EQ(handlers_done, Clients * PerClient);
  EXPECT_GT(bytes_audited.load(), 0);
}

/// Forgets to join: its scoped work is still outstanding when it completes.
awaitable<void> forgetful(const firecrash::request_scope &scope) {
  auto executor = co_await net::this_coro::executor;
  co_spawn(executor, audit(borrowed), scope.token());
  co_return;
}

TEST(AsioScope, AHandlerThatForgetsToJoinGetsThePendingError) {
  net::io_context context;
  firecrash::request_scope scope;
  std::exception_ptr error;
  co_spawn(context, firecrash::asio::run(scope, forgetful(scope)),
           [&](std::exception_ptr e) { error = e; });
  context.run();
  ASSERT_TRUE(error);
  try {
    std::rethrow_exception(error);
  } catch (const firecrash::pending_operation_error &e) {
    EXPECT_EQ(e.outstanding(), 1u);
    EXPECT_NE(std::string(e.what()).find("completed while an asynchronous "
                                         "operation was still pending"),
              std::string::npos);
  }
  EXPECT_EQ(scope.outstanding(), 0u) << "the work still finished";
}

awaitable<void> failing_work() {
  co_await net::this_coro::executor;
  throw std::runtime_error("audit failed");
}

awaitable<void> joins_failing_work(const firecrash::request_scope &scope) {
  auto executor = co_await net::this_coro::executor;
  co_spawn(executor, failing_work(), scope.token());
  co_await firecrash::asio::async_join(scope, use_awaitable);
}

TEST(AsioScope, JoinRethrowsTheWorksException) {
  net::io_context context;
  firecrash::request_scope scope;
  std::exception_ptr error;
  co_spawn(context, joins_failing_work(scope),
           [&](std::exception_ptr e) { error = e; });
  context.run();
  ASSERT_TRUE(error);
  try {
    std::rethrow_exception(error);
  } catch (const std::runtime_error &e) {
    EXPECT_STREQ(e.what(), "audit failed");
  }
}

TEST(AsioScope, AbandonedWorkEndsItsCount) {
  firecrash::request_scope scope;
  {
    net::io_context context;
    co_spawn(context, audit(borrowed), scope.token());
    EXPECT_EQ(scope.outstanding(), 1u);
  } // the context dies with the work queued: its handler is destroyed
  EXPECT_EQ(scope.outstanding(), 0u);
}

} // namespace
