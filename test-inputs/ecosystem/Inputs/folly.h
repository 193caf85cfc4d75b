// A stand-in for folly::coro (github.com/facebook/folly), following the class
// structure of folly/coro/Task.h: the lazy Task<T> names its promise
// (detail::TaskPromise) with a using-declaration, is not awaitable itself
// (the promise's await_transform awaits it through the hidden friend
// co_viaIfAsync) and is bound to an executor by the co_withExecutor
// customization point object (the hidden friend does the work; scheduleOn
// is the legacy member). TaskWithExecutor<T> is awaitable, and its start()
// and startInlineUnsafe() launch it: without a callback they return the
// SemiFuture that is the only way to wait for it, with one they return void
// and the work runs detached. blockingWait, AsyncScope. Notes point at lines
// of this file: append, do not insert.
#pragma once
#include "common.h"
#include <exception>

namespace folly {
class Executor {
public:
  template <typename E = Executor> class KeepAlive {
  public:
    KeepAlive(E *executor) : Ptr(executor) {}

  private:
    E *Ptr;
  };
};
class CancellationToken {};
template <typename T = void> class Try {};
template <typename T = void> class SemiFuture {
public:
  T get() &&;
};
namespace coro {
template <typename T = void> class Task;
template <typename T = void> class TaskWithExecutor;
// Any awaitable other than a task is awaited as it is.
template <typename A> A &&co_viaIfAsync(Executor::KeepAlive<>, A &&awaitable) {
  return static_cast<A &&>(awaitable);
}
namespace detail {
struct TaskAwaiter {
  bool await_ready() noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() {}
};
template <typename T>
class TaskPromise : public standin::lazy_promise_base<T> {
public:
  Task<T> get_return_object() noexcept;
  void return_void() noexcept {}
  // As the real one: every co_await goes through co_viaIfAsync, which
  // awaits a Task on the awaiting task's executor.
  template <typename A> auto await_transform(A &&awaitable) {
    return co_viaIfAsync(Executor::KeepAlive<>(nullptr),
                         static_cast<A &&>(awaitable));
  }
};
namespace adl {
// As the real one: a dummy overload, so the call below finds the type's
// hidden friend by argument-dependent lookup.
void co_withExecutor();
struct WithExecutorFunction {
  template <typename Awaitable>
  auto operator()(Executor::KeepAlive<> executor, Awaitable awaitable) const {
    return co_withExecutor(executor, static_cast<Awaitable &&>(awaitable));
  }
};
} // namespace adl
} // namespace detail
// As FOLLY_DEFINE_CPO: the object in a namespace of its own, brought in by a
// using-directive, so the hidden friends of the same name do not clash.
namespace folly_cpo__ {
inline constexpr detail::adl::WithExecutorFunction co_withExecutor{};
} // namespace folly_cpo__
using namespace folly_cpo__;
namespace detail {
// As the real one: the eager coroutine that runs a started task and hands
// its result to the callback, and destroys itself when done.
struct InlineTaskDetached {
  struct promise_type {
    InlineTaskDetached get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }
  };
};
} // namespace detail
template <typename T> class TaskWithExecutor {
public:
  TaskWithExecutor(TaskWithExecutor &&) noexcept = default;
  SemiFuture<T> start() &&;
  template <typename F>
  void start(F &&tryCallback, CancellationToken cancelToken = {}) && {
    startImpl(static_cast<TaskWithExecutor &&>(*this),
              static_cast<F &&>(tryCallback));
  }
  SemiFuture<T> startInlineUnsafe() &&;
  template <typename F>
  void startInlineUnsafe(F &&tryCallback,
                         CancellationToken cancelToken = {}) && {
    startImpl(static_cast<TaskWithExecutor &&>(*this),
              static_cast<F &&>(tryCallback));
  }
  detail::TaskAwaiter operator co_await() && noexcept { return {}; }

private:
  friend class Task<T>;
  TaskWithExecutor() = default;
  template <typename F>
  static detail::InlineTaskDetached startImpl(TaskWithExecutor task, F cb) {
    try {
      co_await static_cast<TaskWithExecutor &&>(task);
      cb(Try<T>());
    } catch (...) {
      cb(Try<T>());
    }
  }
};
template <typename T> class Task {
public:
  using promise_type = detail::TaskPromise<T>;
  Task(const Task &) = delete;
  Task(Task &&) noexcept = default;
  friend TaskWithExecutor<T> co_withExecutor(Executor::KeepAlive<>,
                                             Task task) noexcept {
    return static_cast<Task &&>(task).asTaskWithExecutor();
  }
  // The real one is deprecated in favour of co_withExecutor.
  TaskWithExecutor<T> scheduleOn(Executor::KeepAlive<> executor) && noexcept {
    return co_withExecutor(executor, static_cast<Task &&>(*this));
  }
  friend detail::TaskAwaiter co_viaIfAsync(Executor::KeepAlive<>,
                                           Task &&) noexcept {
    return {};
  }

private:
  friend class detail::TaskPromise<T>;
  Task() = default;
  TaskWithExecutor<T> asTaskWithExecutor() && {
    return TaskWithExecutor<T>();
  }
};
template <typename T>
Task<T> detail::TaskPromise<T>::get_return_object() noexcept {
  return Task<T>();
}
template <typename A> auto blockingWait(A &&awaitable) -> void;
class AsyncScope {
public:
  void add(TaskWithExecutor<void> &&task);
  Task<void> joinAsync();
};
} // namespace coro
} // namespace folly
