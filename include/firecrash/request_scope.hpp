// firecrash runtime: request_scope, which counts the outstanding operations of
// one request and reports a handler that completes while one is still
// pending, the way ASP.NET's synchronization context does ("An asynchronous
// module or handler completed while an asynchronous operation was still
// pending").
#ifndef FIRECRASH_REQUEST_SCOPE_HPP
#define FIRECRASH_REQUEST_SCOPE_HPP

#include "detail/promise_base.hpp"
#include "detail/scope_state.hpp"
#include "task.hpp"
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

namespace firecrash {

/// Thrown (by default) when a handler completes while operations it started
/// are still outstanding.
class pending_operation_error : public std::logic_error {
public:
  explicit pending_operation_error(std::size_t outstanding)
      : std::logic_error(
            "An asynchronous module or handler completed while an "
            "asynchronous operation was still pending (" +
            std::to_string(outstanding) + " outstanding)"),
        outstanding_(outstanding) {}

  /// How many operations were outstanding when the handler completed.
  std::size_t outstanding() const noexcept { return outstanding_; }

private:
  std::size_t outstanding_;
};

/// What a scope does when its handler completes with work outstanding.
enum class pending_policy {
  /// The awaited run(...) throws pending_operation_error (the default).
  throw_error,
  /// A user callback receives the error; run(...) completes normally.
  call_handler,
  /// The message goes to stderr and the process aborts.
  abort_process,
};

namespace detail {
/// Drives spawned work; the scope counted it before it started.
struct tracked {
  struct promise_type : promise_base {
    promise_type(std::shared_ptr<scope_state> &scope, task<> &) noexcept {
      scope_ = scope;
    }
    tracked get_return_object() const noexcept { return {}; }
    initial_awaiter<false> initial_suspend() noexcept { return {this}; }
    counted_final_awaiter<promise_type> final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {
      scope_->record(std::current_exception());
    }
  };
};
} // namespace detail

/// The outstanding operations of one request.
///
/// Run the handler with run(): while it runs, on whatever thread it resumes,
/// the scope is current, so every fire_and_forget it starts counts as an
/// outstanding operation until it finishes. spawn() starts work the scope
/// tracks and join() waits for all of it. The scope's state is shared with
/// the work, so late work never touches freed memory.
class request_scope {
public:
  using pending_handler = std::function<void(const pending_operation_error &)>;

  /// A scope whose run(...) throws pending_operation_error.
  explicit request_scope(pending_policy policy = pending_policy::throw_error)
      : state_(std::make_shared<detail::scope_state>()), policy_(policy) {}

  /// A scope that hands the error to \p handler instead of throwing.
  explicit request_scope(pending_handler handler)
      : state_(std::make_shared<detail::scope_state>()),
        policy_(pending_policy::call_handler), handler_(std::move(handler)) {}

  /// How many operations started under this scope are still running.
  std::size_t outstanding() const noexcept { return state_->outstanding(); }

  /// How many exceptions escaped work started under this scope.
  std::size_t exception_count() const noexcept {
    return state_->exception_count();
  }

  /// Takes the first exception that escaped work under this scope and was
  /// not yet rethrown by join() or run().
  std::exception_ptr take_exception() noexcept {
    return state_->take_exception();
  }

  /// Runs \p handler with this scope current. When the handler completes
  /// with operations outstanding, the policy applies; otherwise the first
  /// exception that escaped its detached work is rethrown.
  template <typename T> task<T> run(task<T> handler) const {
    return run_in(state_, policy_, handler_, std::move(handler));
  }

  /// Starts \p work now; it counts as outstanding until it completes, and
  /// its exception is kept for join().
  void spawn(task<> work) const {
    state_->begin();
    drive(state_, std::move(work));
  }

  struct join_awaiter {
    std::shared_ptr<detail::scope_state> state;
    bool await_ready() const noexcept { return state->outstanding() == 0; }
    bool await_suspend(std::coroutine_handle<> waiter) {
      return state->park(waiter);
    }
    void await_resume() const {
      if (std::exception_ptr error = state->take_exception())
        std::rethrow_exception(error);
    }
  };

  /// Completes once nothing started under this scope is outstanding, then
  /// rethrows the first exception any of it threw.
  join_awaiter join() const noexcept { return join_awaiter{state_}; }

  /// A completion handler that counts the work it completes as outstanding
  /// from now until it is called, and keeps the work's exception for
  /// join(): co_spawn(executor, work(), scope.token()) with Boost.Asio or
  /// standalone Asio. Work abandoned without completing (its executor shut
  /// down) ends its count when the handler is destroyed.
  class completion_token {
  public:
    explicit completion_token(std::shared_ptr<detail::scope_state> state)
        : state_(std::move(state)) {
      state_->begin();
    }
    completion_token(completion_token &&other) noexcept
        : state_(std::move(other.state_)) {}
    completion_token &operator=(completion_token &&) = delete;
    completion_token(const completion_token &) = delete;
    ~completion_token() {
      if (state_)
        state_->end();
    }

    /// The completion: (exception_ptr) or (exception_ptr, result).
    template <typename... Result>
    void operator()(std::exception_ptr error, Result &&...) {
      std::shared_ptr<detail::scope_state> state = std::move(state_);
      if (!state)
        return;
      if (error)
        state->record(std::move(error));
      state->end();
    }

  private:
    std::shared_ptr<detail::scope_state> state_;
  };

  /// See completion_token.
  completion_token token() const { return completion_token(state_); }

  /// Calls \p callback once nothing started under this scope is
  /// outstanding (now, if nothing is). For adapters such as
  /// <firecrash/asio.hpp>'s async_join.
  void when_idle(std::function<void()> callback) const {
    state_->when_idle(std::move(callback));
  }

  /// What run() does when its handler completes, for handlers it cannot
  /// drive itself (an Asio awaitable): applies the pending policy when
  /// operations are outstanding, else rethrows the first exception that
  /// escaped the scope's work.
  void complete() const { complete(state_, policy_, handler_); }

private:
  static detail::tracked drive(std::shared_ptr<detail::scope_state>,
                               task<> work) {
    co_await std::move(work);
  }

  static void complete(const std::shared_ptr<detail::scope_state> &state,
                       pending_policy policy, const pending_handler &handler) {
    if (std::size_t pending = state->outstanding()) {
      pending_operation_error error(pending);
      switch (policy) {
      case pending_policy::throw_error:
        throw error;
      case pending_policy::call_handler:
        if (handler)
          handler(error);
        return;
      case pending_policy::abort_process:
        std::fprintf(stderr, "firecrash: %s\n", error.what());
        std::abort();
      }
    }
    if (std::exception_ptr error = state->take_exception())
      std::rethrow_exception(error);
  }

  template <typename T>
  static task<T> run_in(std::shared_ptr<detail::scope_state> state,
                        pending_policy policy, pending_handler handler,
                        task<T> work) {
    work.set_scope(state);
    if constexpr (std::is_void_v<T>) {
      co_await std::move(work);
      complete(state, policy, handler);
    } else {
      T value = co_await std::move(work);
      complete(state, policy, handler);
      co_return value;
    }
  }

  std::shared_ptr<detail::scope_state> state_;
  pending_policy policy_;
  pending_handler handler_;
};

} // namespace firecrash

#endif // FIRECRASH_REQUEST_SCOPE_HPP
