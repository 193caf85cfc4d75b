// firecrash runtime: task<T>, a lazy, awaitable, move-only coroutine result.
//
// Return it instead of a detached type and co_await it: the caller then waits
// for the work and sees its exceptions. Control passes between the awaiter
// and the task through detail::resume_on_trampoline, so any number of
// synchronously completing awaits, and recursion of any depth, run in
// constant stack at every optimisation level.
#ifndef FIRECRASH_TASK_HPP
#define FIRECRASH_TASK_HPP

#include "annotations.hpp"
#include "detail/frame_allocator.hpp"
#include "detail/promise_base.hpp"
#include "detail/trampoline.hpp"
#include <coroutine>
#include <exception>
#include <memory>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

namespace firecrash {

template <typename T = void> class task;

namespace detail {

template <typename T> class task_promise_storage {
public:
  template <typename U>
    requires std::is_convertible_v<U &&, T>
  void return_value(U &&value) noexcept(std::is_nothrow_constructible_v<T, U &&>) {
    result_.template emplace<1>(std::forward<U>(value));
  }
  void unhandled_exception() noexcept {
    result_.template emplace<2>(std::current_exception());
  }
  T take() {
    if (result_.index() == 2)
      std::rethrow_exception(std::get<2>(result_));
    return std::move(std::get<1>(result_));
  }

private:
  std::variant<std::monostate, T, std::exception_ptr> result_;
};

template <> class task_promise_storage<void> {
public:
  void return_void() noexcept {}
  void unhandled_exception() noexcept { error_ = std::current_exception(); }
  void take() {
    if (error_)
      std::rethrow_exception(error_);
  }

private:
  std::exception_ptr error_;
};

template <typename T>
class task_promise : public promise_base, public task_promise_storage<T> {
public:
  task<T> get_return_object() noexcept;

  // Frames come from the per-thread recycling allocator.
  static void *operator new(std::size_t size) {
    return frame_allocator::allocate(size);
  }
  static void operator delete(void *frame, std::size_t size) noexcept {
    frame_allocator::deallocate(frame, size);
  }

  initial_awaiter<true> initial_suspend() noexcept { return {this}; }

  struct final_awaiter {
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<task_promise> self) noexcept {
      task_promise &promise = self.promise();
      promise.on_suspend();
      // The awaiter may destroy this frame as soon as it runs: read first.
      if (std::coroutine_handle<> continuation = promise.continuation_)
        resume_on_trampoline(continuation);
    }
    void await_resume() const noexcept {}
  };
  final_awaiter final_suspend() noexcept { return {}; }

  void set_continuation(std::coroutine_handle<> continuation) noexcept {
    continuation_ = continuation;
  }

private:
  std::coroutine_handle<> continuation_;
};

} // namespace detail

/// A lazy coroutine result: nothing runs until it is co_awaited, and the
/// awaiter receives its value or its exception.
template <typename T> class [[nodiscard]] FIRECRASH_TASK task {
public:
  using promise_type = detail::task_promise<T>;
  using value_type = T;

  task() noexcept = default;
  explicit task(std::coroutine_handle<promise_type> handle) noexcept
      : handle_(handle) {}
  task(task &&other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  task &operator=(task &&other) noexcept {
    if (this != &other) {
      if (handle_)
        handle_.destroy();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  task(const task &) = delete;
  task &operator=(const task &) = delete;
  ~task() {
    if (handle_)
      handle_.destroy();
  }

  /// True if this task owns a coroutine.
  bool valid() const noexcept { return static_cast<bool>(handle_); }

  struct awaiter {
    std::coroutine_handle<promise_type> handle;

    bool await_ready() const noexcept { return !handle || handle.done(); }

    template <typename Promise>
    void await_suspend(std::coroutine_handle<Promise> continuation) noexcept {
      promise_type &promise = handle.promise();
      promise.set_continuation(continuation);
      if constexpr (std::is_base_of_v<detail::promise_base, Promise>)
        promise.inherit_scope(continuation.promise().scope());
      else if (detail::current_scope)
        promise.inherit_scope(detail::current_scope->shared_from_this());
      // Last: the awaiting coroutine may resume (and this awaiter, in its
      // frame, die) before this returns.
      detail::resume_on_trampoline(handle);
    }

    T await_resume() {
      if (!handle)
        throw std::logic_error("firecrash::task: awaiting an empty task");
      return handle.promise().take();
    }
  };

  awaiter operator co_await() const & noexcept { return awaiter{handle_}; }
  awaiter operator co_await() const && noexcept { return awaiter{handle_}; }

  /// Gives the coroutine a request scope before it starts.
  void set_scope(std::shared_ptr<detail::scope_state> scope) noexcept {
    if (handle_)
      handle_.promise().set_scope(std::move(scope));
  }

private:
  std::coroutine_handle<promise_type> handle_;
};

template <typename T> task<T> detail::task_promise<T>::get_return_object() noexcept {
  return task<T>(std::coroutine_handle<task_promise>::from_promise(*this));
}

} // namespace firecrash

#endif // FIRECRASH_TASK_HPP
