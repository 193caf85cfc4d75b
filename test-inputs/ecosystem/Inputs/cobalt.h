// A stand-in for Boost.Cobalt (Boost 1.84+; Debian 12 ships Boost 1.81),
// following the class structure of its headers (boostorg/cobalt): the
// promises live in detail and the types name them with a using-declaration;
// cobalt::detached (eager, nothing to await, rethrows), task<T> (lazy,
// move-only, awaited through a member operator co_await), spawn(executor,
// task, token) with Asio's real detached token, join and gather, run. Notes
// point at lines of this file: append, do not insert.
#pragma once
#include "common.h"
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_future.hpp>

namespace boost::cobalt {
struct detached;
template <typename Return> struct task;
namespace detail {
struct detached_promise {
  // As the real one: the executor comes from the coroutine's arguments.
  template <typename... Args> detached_promise(Args &...) {}
  detached get_return_object();
  std::suspend_never initial_suspend() noexcept { return {}; }
  std::suspend_never final_suspend() noexcept { return {}; }
  void return_void() {}
  void unhandled_exception() { throw; }
};
template <typename Return>
struct task_promise : standin::lazy_promise_base<Return> {
  task<Return> get_return_object();
  void return_void() {}
};
struct task_awaiter {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
} // namespace detail
struct detached {
  using promise_type = detail::detached_promise;
};
inline detached detail::detached_promise::get_return_object() { return {}; }
template <typename Return = void> struct [[nodiscard]] task {
  task(task &&) noexcept = default;
  task &operator=(task &&) noexcept = default;
  task(const task &) = delete;
  task &operator=(const task &) = delete;
  auto operator co_await() { return detail::task_awaiter{}; }
  using promise_type = detail::task_promise<Return>;

private:
  template <typename> friend struct detail::task_promise;
  task() = default;
};
template <typename Return>
task<Return> detail::task_promise<Return>::get_return_object() {
  return {};
}
// As the real spawn: an Asio initiating function, whose result is what the
// token makes of it (void for detached or a handler, a future for
// use_future).
template <typename T, typename Token>
auto spawn(boost::asio::any_io_executor exec, task<T> &&t, Token &&token) ->
    typename boost::asio::async_result<std::decay_t<Token>,
                                       void(std::exception_ptr)>::return_type;
template <typename... T> auto join(T &&...tasks) -> task<void>;
template <typename T> auto run(task<T> t) -> void;
} // namespace boost::cobalt
