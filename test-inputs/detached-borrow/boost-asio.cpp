// RUN: %check_clang_tidy %s firecrash-* %t

// Against the real Boost.Asio, with every firecrash check and default
// options: the plain Asio server idioms are quiet, and the one real
// use-after-free (a detached timer holding a reference to a local
// cancellation signal) is reported once, wherever it is written.
#include <boost/asio.hpp>
#include <chrono>
#include <memory>

namespace asio = boost::asio;
using asio::awaitable;
using asio::detached;
using asio::use_awaitable;
using asio::ip::tcp;
using namespace std::chrono_literals;

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

// A connection handler (it takes the accepted socket by value) whose
// detached timer borrows its local signal: reported by
// firecrash-detaching-spawn, which owns handlers, and by nothing else.
awaitable<void> session(tcp::socket socket) {
  asio::cancellation_signal signal;
  co_spawn(socket.get_executor(), timeout(5s, signal), detached);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'boost::asio::co_spawn' detaches work from request handler 'session'; the handler can complete while this operation is still outstanding [firecrash-detaching-spawn]
  // CHECK-NOTES: :[[@LINE-2]]:56: note: 'boost::asio::co_spawn' completes through 'detached', which gives nothing to await: the work runs detached ('::boost::asio::co_spawn[handler]' in option 'DetachingCallees'); co_await the work instead (co_spawn with use_awaitable), or pass the request's 'firecrash::request_scope' token() and co_await 'firecrash::asio::async_join'
  // CHECK-NOTES: :[[@LINE-5]]:37: note: 'session' is a request handler: it serves a connection, taking 'socket' of type 'tcp::socket' by value, listed as '::boost::asio::basic_stream_socket' in option 'HandlerConnectionTypes'
  // CHECK-NOTES: :[[@LINE-4]]:47: note: the detached operation borrows from the handler: reference parameter 'signal' refers to handler local 'signal'
  // CHECK-NOTES: :[[@LINE-21]]:3: note: 'timeout' uses 'signal' here, after it first suspends
  char data[64];
  co_await socket.async_read_some(
      asio::buffer(data), asio::bind_cancellation_slot(signal.slot(), use_awaitable));
}

// The fixed session: the timer shares ownership of the signal.
awaitable<void> shared_session(tcp::socket socket) {
  auto signal = std::make_shared<asio::cancellation_signal>();
  co_spawn(socket.get_executor(), shared_timeout(5s, signal), detached);
  char data[64];
  co_await socket.async_read_some(
      asio::buffer(data), asio::bind_cancellation_slot(signal->slot(), use_awaitable));
}

// The accept loop: each detached session owns its socket.
awaitable<void> listener(tcp::acceptor acceptor) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
    co_spawn(acceptor.get_executor(), session(std::move(socket)), detached);
  }
}

// A plain function that arms a detached timer on its local and returns.
void arm_timeout(asio::io_context &context) {
  asio::cancellation_signal signal;
  co_spawn(context, timeout(5s, signal), detached);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'boost::asio::co_spawn' borrows local 'signal' of 'arm_timeout', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:33: note: the detached operation borrows from 'arm_timeout': reference parameter 'signal' refers to local 'signal'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'signal' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:42: note: 'boost::asio::co_spawn' completes through 'detached', which gives nothing to await: the work runs detached ('::boost::asio::co_spawn[handler]' in option 'DetachingCallees'); co_await the work instead (co_spawn with use_awaitable), or pass the request's 'firecrash::request_scope' token() and co_await 'firecrash::asio::async_join'
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'signal' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  // CHECK-NOTES: :[[@LINE-53]]:3: note: 'timeout' uses 'signal' here, after it first suspends
}

// main() runs the io_context to completion before its locals die.
int main() {
  asio::io_context context;
  asio::cancellation_signal signal;
  co_spawn(context, timeout(5s, signal), detached);
  co_spawn(context, listener(tcp::acceptor(context, {tcp::v4(), 55555})),
           detached);
  context.run();
}
