// A stand-in for Boost.Cobalt (Boost 1.84+; Debian 12 ships Boost 1.81),
// from its documented API: cobalt::detached (eager, nothing to await,
// rethrows), task<T>, spawn(executor, task, token) with Asio's real
// detached token, join and gather, run. Notes point at lines of this file:
// append, do not insert.
#pragma once
#include "common.h"
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_future.hpp>

namespace boost::cobalt {
struct detached {
  struct promise_type {
    detached get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() { throw; }
  };
};
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
