// RUN: %check_clang_tidy %s firecrash-* %t -- -- \
// RUN:   -DASIO_HAS_CO_AWAIT -DASIO_HAS_STD_COROUTINE

// Against the real standalone Asio (Debian's libasio-dev), every check with
// default options: a function that arms a detached timer on its local and
// returns is reported; the same timer armed in main(), which runs the
// io_context to completion, is not.
#include <asio.hpp>
#include <chrono>

using namespace std::chrono_literals;

asio::awaitable<void> timeout(asio::steady_timer::duration after,
                              asio::cancellation_signal &signal) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  timer.expires_after(after);
  co_await timer.async_wait(asio::use_awaitable);
  signal.emit(asio::cancellation_type::all);
}

void arm_timeout(asio::io_context &context) {
  asio::cancellation_signal signal;
  asio::co_spawn(context, timeout(5s, signal), asio::detached);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'asio::co_spawn' borrows local 'signal' of 'arm_timeout', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:39: note: the detached operation borrows from 'arm_timeout': reference parameter 'signal' refers to local 'signal'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'signal' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:48: note: 'asio::co_spawn' completes through 'asio::detached', which gives nothing to await: the work runs detached ('::asio::co_spawn[handler]' in option 'DetachingCallees'); co_await the work instead (co_spawn with use_awaitable), or pass the request's 'firecrash::request_scope' token() and co_await 'firecrash::asio::async_join'
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'signal' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  // CHECK-NOTES: :[[@LINE-11]]:3: note: 'timeout' uses 'signal' here, after it first suspends
}

int main() {
  asio::io_context context;
  asio::cancellation_signal signal;
  asio::co_spawn(context, timeout(5s, signal), asio::detached);
  context.run();
}
