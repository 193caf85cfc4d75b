// A stand-in for libcoro (github.com/jbaldwin/libcoro), from its documented
// API: lazy coro::task, coro::thread_pool and coro::scheduler with
// spawn_detached / spawn_joinable, coro::task_group, coro::sync_wait.
// Notes point at lines of this file: append, do not insert.
#pragma once
#include "common.h"

namespace coro {
template <typename T = void> class task {
public:
  struct promise_type : standin::lazy_promise_base<T> {
    task get_return_object() { return {}; }
    void return_void() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
class thread_pool {
public:
  auto spawn_detached(coro::task<void> &&task) noexcept -> bool;
  auto spawn_joinable(coro::task<void> &&task) noexcept -> coro::task<void>;
  auto schedule() -> standin::pause;
  auto shutdown() noexcept -> void;
};
class scheduler {
public:
  auto spawn_detached(coro::task<void> &&task) -> bool;
  auto spawn_joinable(coro::task<void> &&task) -> coro::task<void>;
  auto shutdown() noexcept -> void;
};
template <typename Awaitable> auto sync_wait(Awaitable &&a) -> void;
} // namespace coro

namespace coro {
class event {
public:
  auto set() noexcept -> void;
  auto operator co_await() const noexcept -> standin::pause { return {}; }
};
class latch {
public:
  explicit latch(long count);
  auto count_down(long n = 1) noexcept -> void;
  auto operator co_await() const noexcept -> standin::pause { return {}; }
};
} // namespace coro
