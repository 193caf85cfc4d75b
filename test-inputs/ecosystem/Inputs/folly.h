// A stand-in for folly::coro (github.com/facebook/folly), from its
// documented API: lazy Task<T>, scheduleOn / co_withExecutor giving a
// TaskWithExecutor whose start() and startInlineUnsafe() launch it (the
// SemiFuture they return is the only way to wait for it), blockingWait,
// AsyncScope. Notes point at lines of this file: append, do not insert.
#pragma once
#include "common.h"

namespace folly {
class Executor {};
template <typename T = void> class SemiFuture {
public:
  T get() &&;
};
namespace coro {
template <typename T = void> class TaskWithExecutor {
public:
  SemiFuture<T> start() &&;
  SemiFuture<T> startInlineUnsafe() &&;
};
template <typename T = void> class Task {
public:
  struct promise_type : standin::lazy_promise_base<T> {
    Task get_return_object() { return {}; }
    void return_void() {}
  };
  TaskWithExecutor<T> scheduleOn(Executor *executor) &&;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
template <typename T>
TaskWithExecutor<T> co_withExecutor(Executor *executor, Task<T> task);
template <typename A> auto blockingWait(A &&awaitable) -> void;
class AsyncScope {
public:
  void add(TaskWithExecutor<void> &&task);
  Task<void> joinAsync();
};
} // namespace coro
} // namespace folly
