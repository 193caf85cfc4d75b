// Shared pieces of the stand-ins: a lazy task with symmetric transfer, and a
// suspension point. Notes point at lines of these files: append, do not
// insert.
#pragma once
#include <coroutine>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <utility>

namespace standin {
template <typename T> struct lazy_promise_base {
  std::coroutine_handle<> next = std::noop_coroutine();
  std::suspend_always initial_suspend() noexcept { return {}; }
  struct final_awaiter {
    bool await_ready() noexcept { return false; }
    template <typename P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
      return h.promise().next;
    }
    void await_resume() noexcept {}
  };
  final_awaiter final_suspend() noexcept { return {}; }
  void unhandled_exception() {}
};
struct pause {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
} // namespace standin
