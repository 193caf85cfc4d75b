// A stand-in for concurrencpp (github.com/David-Haim/concurrencpp), from its
// documented API: null_result, the fire-and-forget coroutine type whose
// promise comes from a std::coroutine_traits specialization (eager, swallows
// exceptions); executors' post and shutdown. Notes point at lines of this
// file: append, do not insert.
#pragma once
#include "common.h"

namespace concurrencpp {
struct null_result {};
namespace details {
struct null_result_promise {
  null_result get_return_object() noexcept { return {}; }
  std::suspend_never initial_suspend() const noexcept { return {}; }
  std::suspend_never final_suspend() const noexcept { return {}; }
  void return_void() const noexcept {}
  void unhandled_exception() const noexcept {}
};
} // namespace details
class executor {
public:
  virtual ~executor() = default;
  virtual void shutdown() = 0;
  template <typename F, typename... A> void post(F &&callable, A &&...args) {
    (void)callable;
  }
};
template <typename Concrete> class derivable_executor : public executor {
public:
  template <typename F, typename... A> void post(F &&callable, A &&...args) {
    (void)callable;
  }
};
class thread_pool_executor : public derivable_executor<thread_pool_executor> {
public:
  void shutdown() override;
};
} // namespace concurrencpp

template <typename... Args>
struct std::coroutine_traits<concurrencpp::null_result, Args...> {
  using promise_type = concurrencpp::details::null_result_promise;
};

namespace concurrencpp {
// result<T>: an eager task; get() and wait() block until it completes.
template <typename T> class result {
public:
  struct promise_type {
    result get_return_object() { return {}; }
    std::suspend_never initial_suspend() const noexcept { return {}; }
    std::suspend_always final_suspend() const noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
  T get();
  void wait();
  bool valid() const noexcept;
};
} // namespace concurrencpp
