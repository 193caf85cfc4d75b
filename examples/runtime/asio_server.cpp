// A Boost.Asio line server whose handlers start background work that borrows
// request state, counted by the request's firecrash::request_scope and joined
// before the answer: the fix the firecrash checks suggest for Asio code.
//
//   build/examples/firecrash_example_asio_server
//
// It serves 100 requests from an in-process client on 127.0.0.1 with a
// 4-thread io_context, then shows a handler that forgets to join.
#include <firecrash/asio.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace net = boost::asio;
using net::awaitable;
using net::use_awaitable;
using net::ip::tcp;
using namespace std::chrono_literals;

std::atomic<long> audited{0};

// Borrows the request's text: fine only while the handler waits for it.
awaitable<void> audit(const std::string &text) {
  net::steady_timer timer(co_await net::this_coro::executor);
  timer.expires_after(1ms);
  co_await timer.async_wait(use_awaitable);
  audited += static_cast<long>(text.size());
}

awaitable<void> handle(tcp::socket socket) {
  firecrash::request_scope scope;
  std::string request;
  co_await net::async_read_until(socket, net::dynamic_buffer(request), '\n',
                                 use_awaitable);
  auto executor = co_await net::this_coro::executor;
  // Not co_spawn(executor, audit(request), net::detached): that is the
  // fire-and-crash firecrash-detaching-spawn reports.
  co_spawn(executor, audit(request), scope.token());
  co_await firecrash::asio::async_join(scope, use_awaitable);
  std::string reply = "done " + std::to_string(request.size()) + "\n";
  co_await net::async_write(socket, net::buffer(reply), use_awaitable);
}

awaitable<void> listen(tcp::acceptor &acceptor, int connections) {
  for (int i = 0; i < connections; ++i)
    co_spawn(acceptor.get_executor(),
             handle(co_await acceptor.async_accept(use_awaitable)),
             net::detached);
}

awaitable<void> client(tcp::endpoint server, int requests, int &answered) {
  for (int i = 0; i < requests; ++i) {
    tcp::socket socket(co_await net::this_coro::executor);
    co_await socket.async_connect(server, use_awaitable);
    std::string line = "order " + std::to_string(i) + "\n", reply;
    co_await net::async_write(socket, net::buffer(line), use_awaitable);
    co_await net::async_read_until(socket, net::dynamic_buffer(reply), '\n',
                                   use_awaitable);
    ++answered;
  }
}

// Forgets the join: run() reports it the way ASP.NET would.
awaitable<void> forgetful(const firecrash::request_scope &scope,
                          const std::string &text) {
  co_spawn(co_await net::this_coro::executor, audit(text), scope.token());
}

int main() {
  constexpr int Requests = 100;
  net::io_context server;
  tcp::acceptor acceptor(server, {net::ip::make_address("127.0.0.1"), 0});
  co_spawn(server, listen(acceptor, Requests), net::detached);
  std::vector<std::thread> pool;
  for (int i = 0; i < 4; ++i)
    pool.emplace_back([&] { server.run(); });
  net::io_context clients;
  int answered = 0;
  co_spawn(clients, client(acceptor.local_endpoint(), Requests, answered),
           net::detached);
  clients.run();
  for (std::thread &t : pool)
    t.join();
  std::printf("served %d requests, audited %ld bytes, joined every audit\n",
              answered, audited.load());

  net::io_context context;
  firecrash::request_scope scope;
  static const std::string text = "kept alive by the example";
  co_spawn(context, firecrash::asio::run(scope, forgetful(scope, text)),
           [](std::exception_ptr error) {
             try {
               if (error)
                 std::rethrow_exception(error);
             } catch (const firecrash::pending_operation_error &e) {
               std::printf("forgetful handler: %s\n", e.what());
             }
           });
  context.run();
  return answered == Requests ? 0 : 1;
}
