// A stand-in for Seastar (github.com/scylladb/seastar), from its documented
// API: future<T...>, eager, whose promise comes from a std::coroutine_traits
// specialization; a future discarded with (void) runs on in the background;
// with_gate holds a gate the owner closes (and waits for) before it dies.
// Notes point at lines of this file: append, do not insert.
#pragma once
#include "common.h"

namespace seastar {
template <typename... T> class future {
public:
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
namespace internal {
template <typename... T> struct coroutine_traits_base {
  struct promise_type {
    future<T...> get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
  };
};
} // namespace internal
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

template <typename... T, typename... Args>
struct std::coroutine_traits<seastar::future<T...>, Args...>
    : public seastar::internal::coroutine_traits_base<T...> {};
