// The request handler of tests/runtime/AsioServerTest.cpp, shared with
// test-inputs/detaching-spawn/asio-scope.cpp: FIRECRASH_SPAWN_TOKEN(scope) is
// the completion token of the work the handler spawns -- scope.token() in the
// server test (counted and joined), net::detached in the test input (the
// fire-and-crash the checks report). Expects `net`, `awaitable`,
// `use_awaitable` and `tcp` in scope.
#include <atomic>
#include <chrono>
#include <string>

inline std::atomic<long> bytes_audited{0};
inline std::atomic<int> handlers_done{0};

/// Borrows the request's body: safe only while the handler waits for it.
inline awaitable<void> audit(const std::string &body) {
  net::steady_timer timer(co_await net::this_coro::executor);
  timer.expires_after(std::chrono::microseconds(200));
  co_await timer.async_wait(use_awaitable);
  bytes_audited += static_cast<long>(body.size());
}

/// One request: read a line, audit it in spawned work, join, answer.
inline awaitable<void> handle(tcp::socket socket) {
  firecrash::request_scope scope;
  std::string body;
  co_await net::async_read_until(socket, net::dynamic_buffer(body), '\n',
                                 use_awaitable);
  auto executor = co_await net::this_coro::executor;
  co_spawn(executor, audit(body), FIRECRASH_SPAWN_TOKEN(scope));
  co_await firecrash::asio::async_join(scope, use_awaitable);
  std::string reply = "OK " + std::to_string(body.size()) + "\n";
  co_await net::async_write(socket, net::buffer(reply), use_awaitable);
  ++handlers_done;
}
