// RUN: %check_clang_tidy -check-suffix=ALL %s firecrash-detaching-spawn %t -- \
// RUN:   -config="{CheckOptions: {HandlerFunctions: '^handle_', RequireBorrowedState: false}}"
// RUN: %check_clang_tidy -check-suffix=BORROWED %s firecrash-detaching-spawn %t -- \
// RUN:   -config="{CheckOptions: {HandlerFunctions: '^handle_'}}"

// Against the real Boost.Asio: the accept loop's detached sessions are
// legitimate; a request handler's detached timer is not, worst when it holds
// a reference to the handler's own cancellation signal.
#include <boost/asio.hpp>
#include <chrono>
#include <memory>

namespace asio = boost::asio;
using asio::awaitable;
using asio::detached;
using asio::use_awaitable;
using asio::ip::tcp;
using namespace std::chrono_literals;

awaitable<void> session(tcp::socket socket) {
  char data[64];
  co_await socket.async_read_some(asio::buffer(data), use_awaitable);
}

// Negative: the canonical accept loop; each session owns its socket.
awaitable<void> listener() {
  auto executor = co_await asio::this_coro::executor;
  tcp::acceptor acceptor(executor, {tcp::v4(), 55555});
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
    co_spawn(executor, session(std::move(socket)), detached);
  }
}

awaitable<void> timeout(asio::steady_timer::duration after,
                        asio::cancellation_signal &signal) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  timer.expires_after(after);
  co_await timer.async_wait(use_awaitable);
  signal.emit(asio::cancellation_type::all);
}

awaitable<void> shared_timeout(asio::steady_timer::duration after,
                               std::shared_ptr<asio::cancellation_signal> signal) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  timer.expires_after(after);
  co_await timer.async_wait(use_awaitable);
  signal->emit(asio::cancellation_type::all);
}

// The bug: the detached timer outlives the handler and its signal.
awaitable<void> handle_request(tcp::socket &socket) {
  asio::cancellation_signal signal;
  co_spawn(socket.get_executor(), timeout(5s, signal), detached);
  // CHECK-NOTES-ALL: :[[@LINE-1]]:3: warning: call to 'boost::asio::co_spawn' detaches work from request handler 'handle_request'; the handler can complete while this operation is still outstanding [firecrash-detaching-spawn]
  // CHECK-NOTES-ALL: :[[@LINE-2]]:56: note: 'boost::asio::co_spawn' completes through 'detached', which gives nothing to await: the work runs detached ('::boost::asio::co_spawn[handler]' in option 'DetachingCallees'); co_await the work instead (co_spawn with use_awaitable), or pass the request's 'firecrash::request_scope' token() and co_await 'firecrash::asio::async_join'
  // CHECK-NOTES-ALL: :[[@LINE-5]]:17: note: 'handle_request' is a request handler: its name matches '^handle_' in option 'HandlerFunctions'
  // CHECK-NOTES-ALL: :[[@LINE-4]]:47: note: the detached operation borrows from the handler: reference parameter 'signal' refers to handler local 'signal'
  // CHECK-NOTES-ALL: :[[@LINE-19]]:3: note: 'timeout' uses 'signal' here, after it first suspends
  // CHECK-NOTES-BORROWED: :[[@LINE-6]]:3: warning: call to 'boost::asio::co_spawn' detaches work from request handler 'handle_request'; the handler can complete while this operation is still outstanding [firecrash-detaching-spawn]
  // CHECK-NOTES-BORROWED: :[[@LINE-7]]:56: note: 'boost::asio::co_spawn' completes through 'detached', which gives nothing to await: the work runs detached ('::boost::asio::co_spawn[handler]' in option 'DetachingCallees'); co_await the work instead (co_spawn with use_awaitable), or pass the request's 'firecrash::request_scope' token() and co_await 'firecrash::asio::async_join'
  // CHECK-NOTES-BORROWED: :[[@LINE-10]]:17: note: 'handle_request' is a request handler: its name matches '^handle_' in option 'HandlerFunctions'
  // CHECK-NOTES-BORROWED: :[[@LINE-9]]:47: note: the detached operation borrows from the handler: reference parameter 'signal' refers to handler local 'signal'
  // CHECK-NOTES-BORROWED: :[[@LINE-24]]:3: note: 'timeout' uses 'signal' here, after it first suspends
  char data[64];
  co_await socket.async_read_some(
      asio::buffer(data), asio::bind_cancellation_slot(signal.slot(), use_awaitable));
}

// Still detached, but owning: reported only when RequireBorrowedState is
// false (by default it is true for this check).
awaitable<void> handle_request_shared(tcp::socket &socket) {
  auto signal = std::make_shared<asio::cancellation_signal>();
  co_spawn(socket.get_executor(), shared_timeout(5s, signal), detached);
  // CHECK-NOTES-ALL: :[[@LINE-1]]:3: warning: call to 'boost::asio::co_spawn' detaches work from request handler 'handle_request_shared'; the handler can complete while this operation is still outstanding [firecrash-detaching-spawn]
  // CHECK-NOTES-ALL: :[[@LINE-2]]:63: note: 'boost::asio::co_spawn' completes through 'detached', which gives nothing to await: the work runs detached ('::boost::asio::co_spawn[handler]' in option 'DetachingCallees'); co_await the work instead (co_spawn with use_awaitable), or pass the request's 'firecrash::request_scope' token() and co_await 'firecrash::asio::async_join'
  // CHECK-NOTES-ALL: :[[@LINE-5]]:17: note: 'handle_request_shared' is a request handler: its name matches '^handle_' in option 'HandlerFunctions'
  char data[64];
  co_await socket.async_read_some(
      asio::buffer(data), asio::bind_cancellation_slot(signal->slot(), use_awaitable));
}

// Negative: the handler awaits everything it starts.
awaitable<void> handle_request_awaited(tcp::socket &socket) {
  asio::cancellation_signal signal;
  co_await co_spawn(socket.get_executor(), timeout(5s, signal), use_awaitable);
  co_await timeout(1s, signal);
}
