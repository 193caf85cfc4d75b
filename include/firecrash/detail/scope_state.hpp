// firecrash runtime: the shared state of a request scope, and the
// thread-local "current scope" that coroutines carry across suspensions.
#ifndef FIRECRASH_DETAIL_SCOPE_STATE_HPP
#define FIRECRASH_DETAIL_SCOPE_STATE_HPP

#include <atomic>
#include "trampoline.hpp"
#include <coroutine>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace firecrash::detail {

/// Counts the outstanding operations of one request and wakes those joining
/// it. Shared by the scope and by every operation started under it, so late
/// work never touches freed memory.
class scope_state : public std::enable_shared_from_this<scope_state> {
public:
  /// One more operation is outstanding.
  void begin() noexcept { outstanding_.fetch_add(1, std::memory_order_relaxed); }

  /// One operation finished; wakes the joiners when none is left.
  void end() noexcept {
    if (outstanding_.fetch_sub(1, std::memory_order_acq_rel) != 1)
      return;
    std::vector<std::coroutine_handle<>> ready;
    std::vector<std::function<void()>> callbacks;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (outstanding_.load(std::memory_order_acquire) != 0)
        return;
      ready.swap(waiters_);
      callbacks.swap(callbacks_);
    }
    for (std::coroutine_handle<> waiter : ready)
      resume_on_trampoline(waiter);
    for (std::function<void()> &callback : callbacks)
      callback();
  }

  std::size_t outstanding() const noexcept {
    return outstanding_.load(std::memory_order_acquire);
  }

  /// Keeps the first exception that escaped tracked work.
  void record(std::exception_ptr error) noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!error_)
      error_ = std::move(error);
    ++exceptions_;
  }

  /// Takes the first recorded exception, if any.
  std::exception_ptr take_exception() noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::exchange(error_, nullptr);
  }

  std::size_t exception_count() const noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    return exceptions_;
  }

  /// Parks \p waiter until no operation is outstanding; returns false if
  /// none is outstanding now (the caller continues at once).
  bool park(std::coroutine_handle<> waiter) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (outstanding_.load(std::memory_order_acquire) == 0)
      return false;
    waiters_.push_back(waiter);
    return true;
  }

  /// Calls \p callback once no operation is outstanding: now, on this
  /// thread, if none is; else on the thread that ends the last one.
  void when_idle(std::function<void()> callback) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (outstanding_.load(std::memory_order_acquire) != 0) {
        callbacks_.push_back(std::move(callback));
        return;
      }
    }
    callback();
  }

private:
  std::atomic<std::size_t> outstanding_{0};
  std::vector<std::function<void()>> callbacks_;
  mutable std::mutex mutex_;
  std::vector<std::coroutine_handle<>> waiters_;
  std::exception_ptr error_;
  std::size_t exceptions_ = 0;
};

/// The scope of the coroutine running on this thread, if any.
inline thread_local scope_state *current_scope = nullptr;

} // namespace firecrash::detail

#endif // FIRECRASH_DETAIL_SCOPE_STATE_HPP
