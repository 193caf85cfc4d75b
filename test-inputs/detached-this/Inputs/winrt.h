// Self-contained stand-ins for the C++/WinRT pieces the inputs use (no
// Windows headers exist here): fire_and_forget's promise never suspends,
// implements<> hands out strong and weak references, resume_background()
// suspends. Notes point at lines of this file: append, do not insert.
#pragma once
#include <coroutine>
#include <exception>

namespace winrt {

struct fire_and_forget {
  struct promise_type {
    fire_and_forget get_return_object() const noexcept { return {}; }
    void return_void() const noexcept {}
    std::suspend_never initial_suspend() const noexcept { return {}; }
    std::suspend_never final_suspend() const noexcept { return {}; }
    void unhandled_exception() const noexcept { std::terminate(); }
  };
};

template <typename T> struct com_ptr {
  T *operator->() const noexcept { return ptr; }
  explicit operator bool() const noexcept { return ptr != nullptr; }
  T *ptr = nullptr;
};

template <typename T> struct weak_ref {
  com_ptr<T> get() const noexcept { return {}; }
};

template <typename D> struct implements {
  com_ptr<D> get_strong() noexcept { return {static_cast<D *>(this)}; }
  weak_ref<D> get_weak() noexcept { return {}; }
};

struct resume_background {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

} // namespace winrt
