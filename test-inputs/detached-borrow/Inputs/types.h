// Small coroutine types shared by the detached-borrow test inputs.
// Notes point at lines of this file: append, do not insert.
#pragma once
#include <coroutine>
#include <exception>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace lib {

// Detached: never suspends, nothing to co_await, terminates on exceptions.
struct bg {
  struct promise_type {
    bg get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};

// Eager but awaitable: runs detached only when nobody awaits it.
struct eager {
  struct promise_type {
    eager get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

// Lazy: never runs unless awaited, so it borrows nothing by itself.
struct lazy {
  struct promise_type {
    lazy get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

struct request {
  std::string body;
  int id = 0;
};

} // namespace lib

#define HANDLER [[clang::annotate("firecrash::request_handler")]]

namespace lib {
// Always suspends: a coroutine that awaits it is outstanding until something
// resumes it, and what it uses afterwards must still be alive.
struct pause {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
template <typename T> void use(const T &) {}
} // namespace lib
