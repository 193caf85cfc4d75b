// Small coroutine types shared by the detached-coroutine test inputs.
// Notes point at lines of this file: append, do not insert.
#pragma once
#include <coroutine>
#include <exception>
#include <memory>
#include <string>
#include <string_view>

namespace lib {

template <typename T> struct value_promise {
  void return_value(T) {}
};
template <> struct value_promise<void> {
  void return_void() {}
};

// A lazy task: awaitable, so never detached.
template <typename T = void> struct task {
  struct promise_type : value_promise<T> {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  T await_resume() const noexcept { return T(); }
};

// Eager and self-destroying, but awaitable: not detached.
struct eager_task {
  struct promise_type {
    eager_task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

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

// A request, as the handler tests mark it.
struct request {
  std::string body;
  int id = 0;
};

} // namespace lib

namespace firecrash {
template <typename T = void> using task = lib::task<T>;
} // namespace firecrash

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
