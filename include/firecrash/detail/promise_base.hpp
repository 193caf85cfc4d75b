// firecrash runtime: the part every firecrash promise shares. It makes the
// coroutine's request scope current on this thread whenever the coroutine
// runs, and restores what was current whenever it stops running, so work a
// handler starts after any number of suspensions, on any thread, is
// attributed to the handler's request.
#ifndef FIRECRASH_DETAIL_PROMISE_BASE_HPP
#define FIRECRASH_DETAIL_PROMISE_BASE_HPP

#include "scope_state.hpp"
#include <concepts>
#include <coroutine>
#include <memory>
#include <type_traits>
#include <utility>

namespace firecrash::detail {

/// Returns the awaiter co_await would use for \p awaitable.
template <typename Awaitable> decltype(auto) get_awaiter(Awaitable &&awaitable) {
  if constexpr (requires { std::forward<Awaitable>(awaitable).operator co_await(); })
    return std::forward<Awaitable>(awaitable).operator co_await();
  else if constexpr (requires { operator co_await(std::forward<Awaitable>(awaitable)); })
    return operator co_await(std::forward<Awaitable>(awaitable));
  else
    return std::forward<Awaitable>(awaitable);
}

class promise_base {
public:
  /// The request scope this coroutine belongs to (may be null).
  const std::shared_ptr<scope_state> &scope() const noexcept { return scope_; }

  /// Adopts \p scope unless the coroutine already has one.
  void inherit_scope(const std::shared_ptr<scope_state> &scope) noexcept {
    if (!scope_)
      scope_ = scope;
  }
  void set_scope(std::shared_ptr<scope_state> scope) noexcept {
    scope_ = std::move(scope);
  }
  /// Gives up the scope, for the last thing a frame does before it dies.
  std::shared_ptr<scope_state> release_scope() noexcept {
    return std::move(scope_);
  }

  /// Called when the coroutine starts or resumes on a thread.
  void on_resume() noexcept {
    saved_ = current_scope;
    current_scope = scope_.get();
  }
  /// Called just before the coroutine stops running on this thread.
  void on_suspend() noexcept { current_scope = saved_; }

  /// Wraps every awaiter so that suspending and resuming keep the scope.
  template <typename Awaiter> struct scoped_awaiter {
    Awaiter inner;
    promise_base *promise;
    bool suspended = false;

    bool await_ready() { return inner.await_ready(); }

    template <typename Promise>
    auto await_suspend(std::coroutine_handle<Promise> handle) {
      // Restore first: once the inner awaiter has the handle, another thread
      // may resume the coroutine at any moment, so nothing here may touch
      // the frame after handing it over.
      suspended = true;
      promise->on_suspend();
      using result = decltype(inner.await_suspend(handle));
      if constexpr (std::is_same_v<result, bool>) {
        bool suspends = inner.await_suspend(handle);
        if (!suspends) {
          suspended = false;
          promise->on_resume();
        }
        return suspends;
      } else {
        return inner.await_suspend(handle);
      }
    }

    decltype(auto) await_resume() {
      if (suspended)
        promise->on_resume();
      return inner.await_resume();
    }
  };

  template <typename Awaitable> auto await_transform(Awaitable &&awaitable) {
    using awaiter = decltype(get_awaiter(std::forward<Awaitable>(awaitable)));
    return scoped_awaiter<awaiter>{get_awaiter(std::forward<Awaitable>(awaitable)),
                                   this};
  }

  /// The awaiter for initial_suspend: suspends if \p Lazy.
  template <bool Lazy> struct initial_awaiter {
    promise_base *promise;
    bool await_ready() const noexcept { return !Lazy; }
    void await_suspend(std::coroutine_handle<>) const noexcept {}
    void await_resume() const noexcept { promise->on_resume(); }
  };

  /// The final awaiter of work a scope counts: destroys the frame, then
  /// ends the operation (so joiners resume after the frame is gone).
  template <typename Promise> struct counted_final_awaiter {
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<Promise> self) noexcept {
      Promise &promise = self.promise();
      promise.on_suspend();
      std::shared_ptr<scope_state> scope = promise.release_scope();
      self.destroy();
      if (scope)
        scope->end();
    }
    void await_resume() const noexcept {}
  };

protected:
  std::shared_ptr<scope_state> scope_;
  scope_state *saved_ = nullptr;
};

} // namespace firecrash::detail

#endif // FIRECRASH_DETAIL_PROMISE_BASE_HPP
