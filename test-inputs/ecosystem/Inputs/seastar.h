// A stand-in for Seastar (github.com/scylladb/seastar), following the class
// structure of seastar/core/coroutine.hh: future<T> is not an awaiter itself
// (a free operator co_await wraps it in internal::awaiter); its promise comes
// from a std::coroutine_traits specialization over
// internal::coroutine_traits_base<T>, eager (suspend_never) and ending in a
// final_awaiter that runs the coroutine's at-exit functions; a future
// discarded with (void) runs on in the background; with_gate holds a gate
// the owner closes (and waits for) before it dies. Notes point at lines of
// this file: append, do not insert.
#pragma once
#include "common.h"

namespace seastar {
template <typename T = void> class future {
public:
  bool available() const noexcept;
};
namespace internal {
class final_awaiter {
public:
  bool await_ready() const noexcept;
  template <typename U> void await_suspend(std::coroutine_handle<U>) noexcept {}
  void await_resume() noexcept {}
};
template <typename T = void> class coroutine_traits_base {
public:
  class promise_type final {
  public:
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
    seastar::future<T> get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    final_awaiter final_suspend() noexcept { return {}; }
  };
};
template <bool CheckPreempt, typename T> struct awaiter {
  explicit awaiter(seastar::future<T> &&) noexcept {}
  awaiter(const awaiter &) = delete;
  awaiter(awaiter &&) = delete;
  bool await_ready() const noexcept { return false; }
  template <typename U> void await_suspend(std::coroutine_handle<U>) noexcept {}
  void await_resume() {}
};
} // namespace internal
template <typename T> auto operator co_await(future<T> &&f) noexcept {
  return internal::awaiter<true, T>(static_cast<future<T> &&>(f));
}
class gate {
public:
  future<> close();
};
template <typename F> auto with_gate(gate &g, F &&func) -> future<> {
  (void)g;
  return func();
}
template <typename T> class lw_shared_ptr {
public:
  T *operator->() const;
};
} // namespace seastar

template <typename T, typename... Args>
struct std::coroutine_traits<seastar::future<T>, Args...>
    : public seastar::internal::coroutine_traits_base<T> {};
