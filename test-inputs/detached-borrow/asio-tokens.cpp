// RUN: %check_clang_tidy %s firecrash-detached-borrow %t

// Against the real Boost.Asio: co_spawn and stackful spawn detach the work
// for every completion token that gives nothing to await (detached, a
// lambda, a function object, bind_executor around one), and not for a
// token that awaits or defers it (use_awaitable, deferred, use_future, a
// yield_context, and those wrapped by as_tuple or redirect_error).
#include <boost/asio.hpp>
#include <boost/asio/spawn.hpp>
#include <exception>
#include <string>

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;

awaitable<void> log_line(const std::string &line) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  co_await timer.async_wait(use_awaitable);
  (void)line.size();
}

struct rethrow {
  void operator()(std::exception_ptr e) const {
    if (e)
      std::rethrow_exception(e);
  }
};

void on_done(std::exception_ptr);

void with_a_lambda(asio::io_context &ctx) {
  std::string line = "started";
  co_spawn(ctx, log_line(line), [](std::exception_ptr) {});
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'boost::asio::co_spawn' borrows local 'line' of 'with_a_lambda', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:26: note: the detached operation borrows from 'with_a_lambda': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:33: note: 'boost::asio::co_spawn' completes through '[](std::exception_ptr) {}', which gives nothing to await: the work runs detached ('::boost::asio::co_spawn[handler]' in option 'DetachingCallees'); co_await the work instead (co_spawn with use_awaitable), or pass the request's 'firecrash::request_scope' token() and co_await 'firecrash::asio::async_join'
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  // CHECK-NOTES: :[[@LINE-20]]:9: note: 'log_line' uses 'line' here, after it first suspends
}

void with_a_function_object(asio::io_context &ctx) {
  std::string line = "started";
  co_spawn(ctx, log_line(line), rethrow{});
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'boost::asio::co_spawn' borrows local 'line' of 'with_a_function_object', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:26: note: the detached operation borrows from 'with_a_function_object': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:33: note: 'boost::asio::co_spawn' completes through 'rethrow{}', which gives nothing to await: the work runs detached ('::boost::asio::co_spawn[handler]' in option 'DetachingCallees'); co_await the work instead (co_spawn with use_awaitable), or pass the request's 'firecrash::request_scope' token() and co_await 'firecrash::asio::async_join'
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  // CHECK-NOTES: :[[@LINE-31]]:9: note: 'log_line' uses 'line' here, after it first suspends
}

void with_a_function_pointer(asio::io_context &ctx) {
  std::string line = "started";
  co_spawn(ctx, log_line(line), &on_done);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'boost::asio::co_spawn' borrows local 'line' of 'with_a_function_pointer', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:26: note: the detached operation borrows from 'with_a_function_pointer': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:33: note: 'boost::asio::co_spawn' completes through '&on_done', which gives nothing to await: the work runs detached ('::boost::asio::co_spawn[handler]' in option 'DetachingCallees'); co_await the work instead (co_spawn with use_awaitable), or pass the request's 'firecrash::request_scope' token() and co_await 'firecrash::asio::async_join'
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  // CHECK-NOTES: :[[@LINE-42]]:9: note: 'log_line' uses 'line' here, after it first suspends
}

void with_bind_executor(asio::io_context &ctx) {
  std::string line = "started";
  co_spawn(ctx, log_line(line), asio::bind_executor(ctx, rethrow{}));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'boost::asio::co_spawn' borrows local 'line' of 'with_bind_executor', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:26: note: the detached operation borrows from 'with_bind_executor': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:33: note: 'boost::asio::co_spawn' completes through 'asio::bind_executor(ctx, rethrow{})', which gives nothing to await: the work runs detached ('::boost::asio::co_spawn[handler]' in option 'DetachingCallees'); co_await the work instead (co_spawn with use_awaitable), or pass the request's 'firecrash::request_scope' token() and co_await 'firecrash::asio::async_join'
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  // CHECK-NOTES: :[[@LINE-53]]:9: note: 'log_line' uses 'line' here, after it first suspends
}

// Stackful spawn with the detached token: the lambda outlives 'line'.
void stackful(asio::io_context &ctx) {
  std::string line = "started";
  asio::spawn(ctx, [&line](asio::yield_context) { (void)line.size(); },
              asio::detached);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: detached work passed to 'boost::asio::spawn' borrows local 'line' of 'stackful', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-3]]:22: note: the detached operation borrows from 'stackful': the lambda captures local 'line' by reference
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:15: note: 'boost::asio::spawn' completes through 'asio::detached', which gives nothing to await: the work runs detached ('::boost::asio::spawn[handler]' in option 'DetachingCallees'); co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-6]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// Negative: awaited.
awaitable<void> awaited(asio::io_context &ctx) {
  std::string line = "started";
  co_await co_spawn(ctx, log_line(line), use_awaitable);
}

// Negative: deferred, then awaited.
awaitable<void> deferred(asio::io_context &ctx) {
  std::string line = "started";
  co_await co_spawn(ctx, log_line(line), asio::deferred);
}

// Negative: awaited through as_tuple.
awaitable<void> as_tuple(asio::io_context &ctx) {
  std::string line = "started";
  auto [error] = co_await co_spawn(ctx, log_line(line),
                                   asio::as_tuple(use_awaitable));
  (void)error;
}

// Negative: a future the frame waits on.
void future(asio::io_context &ctx) {
  std::string line = "started";
  co_spawn(ctx, log_line(line), asio::use_future).get();
}

// Negative: a stackful coroutine suspends until the spawned one is done.
void yielded(asio::io_context &ctx) {
  asio::spawn(ctx, [](asio::yield_context yield) {
    std::string line = "started";
    boost::system::error_code ec;
    asio::co_spawn(yield.get_executor(), log_line(line),
                   asio::redirect_error(yield, ec));
  }, asio::detached);
}

// A helper that runs the context it is given joins work spawned on it.
void run_until_done(asio::io_context &ctx) { ctx.run(); }

void runs_through_a_helper(asio::io_context &ctx) {
  std::string line = "started";
  co_spawn(ctx, log_line(line), asio::detached);
  run_until_done(ctx);
}

// The helper runs another context: this one's work outlives 'line'.
void runs_another_through_a_helper(asio::io_context &ctx,
                                   asio::io_context &other) {
  std::string line = "started";
  co_spawn(ctx, log_line(line), asio::detached);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'boost::asio::co_spawn' borrows local 'line' of 'runs_another_through_a_helper', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:26: note: the detached operation borrows from 'runs_another_through_a_helper': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+5]]:3: note: 'run_until_done(other)' waits for 'other', another object, not for this work
  // CHECK-NOTES: :[[@LINE+5]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-5]]:33: note: 'boost::asio::co_spawn' completes through 'asio::detached', which gives nothing to await: the work runs detached ('::boost::asio::co_spawn[handler]' in option 'DetachingCallees'); co_await the work instead (co_spawn with use_awaitable), or pass the request's 'firecrash::request_scope' token() and co_await 'firecrash::asio::async_join'
  // CHECK-NOTES: :[[@LINE-6]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  // CHECK-NOTES: :[[@LINE-124]]:9: note: 'log_line' uses 'line' here, after it first suspends
  run_until_done(other);
}
