// firecrash runtime: sync_wait, to drive an awaitable from main() or a test.
#ifndef FIRECRASH_SYNC_WAIT_HPP
#define FIRECRASH_SYNC_WAIT_HPP

#include "detail/promise_base.hpp"
#include <condition_variable>
#include <coroutine>
#include <exception>
#include <mutex>
#include <optional>
#include <type_traits>
#include <utility>

namespace firecrash {
namespace detail {

template <typename T> struct sync_state {
  std::mutex mutex;
  std::condition_variable done_signal;
  bool done = false;
  std::exception_ptr error;
  std::optional<std::conditional_t<std::is_void_v<T>, char, T>> value;

  void finish() {
    // Notify under the lock: the waiter may destroy this state as soon as
    // it can see done.
    std::lock_guard<std::mutex> lock(mutex);
    done = true;
    done_signal.notify_all();
  }
};

template <typename T> struct sync_driver {
  struct promise_type : promise_base {
    sync_state<T> *state = nullptr;

    template <typename Awaitable>
    promise_type(Awaitable &, sync_state<T> &s) noexcept : state(&s) {}

    sync_driver get_return_object() const noexcept { return {}; }
    initial_awaiter<false> initial_suspend() noexcept { return {this}; }
    struct final_awaiter {
      bool await_ready() const noexcept { return false; }
      void await_suspend(std::coroutine_handle<promise_type> self) noexcept {
        promise_type &promise = self.promise();
        promise.on_suspend();
        sync_state<T> *state = promise.state;
        self.destroy();
        state->finish();
      }
      void await_resume() const noexcept {}
    };
    final_awaiter final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { state->error = std::current_exception(); }
  };
};

template <typename Awaitable>
using await_result_t = decltype(get_awaiter(std::declval<Awaitable>()).await_resume());

template <typename T, typename Awaitable>
sync_driver<T> drive_sync(Awaitable &awaitable, sync_state<T> &state) {
  if constexpr (std::is_void_v<T>) {
    co_await std::forward<Awaitable>(awaitable);
    state.value.emplace();
  } else {
    state.value.emplace(co_await std::forward<Awaitable>(awaitable));
  }
}

} // namespace detail

/// Blocks until \p awaitable completes, on whatever thread it completes, and
/// returns its result or rethrows its exception.
template <typename Awaitable> auto sync_wait(Awaitable &&awaitable) {
  using result = detail::await_result_t<Awaitable>;
  using value = std::remove_cvref_t<result>;
  detail::sync_state<value> state;
  detail::drive_sync<value>(awaitable, state);
  std::unique_lock<std::mutex> lock(state.mutex);
  state.done_signal.wait(lock, [&] { return state.done; });
  if (state.error)
    std::rethrow_exception(state.error);
  if constexpr (!std::is_void_v<value>)
    return std::move(*state.value);
}

} // namespace firecrash

#endif // FIRECRASH_SYNC_WAIT_HPP
