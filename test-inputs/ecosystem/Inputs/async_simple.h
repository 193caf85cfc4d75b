// A stand-in for async_simple (github.com/alibaba/async_simple), from its
// documented API: lazy Lazy<T> whose start(callback), directlyStart and, after
// via(executor), RescheduleLazy's start and detach launch it detached;
// syncAwait; collectAll. start lives in a base class, as in the library.
// Notes point at lines of this file: append, do not insert.
#pragma once
#include "common.h"

namespace async_simple {
class Executor {};
template <typename T> struct Try {};
namespace coro {
template <typename T = void> class RescheduleLazy;
namespace detail {
template <typename T> class LazyBase {
public:
  template <typename F> void start(F &&callback) { (void)callback; }
};
} // namespace detail
template <typename T = void> class Lazy : public detail::LazyBase<T> {
public:
  struct promise_type : standin::lazy_promise_base<T> {
    Lazy get_return_object() { return {}; }
    void return_void() {}
  };
  RescheduleLazy<T> via(Executor *executor) &&;
  template <typename F> void directlyStart(F &&callback, Executor *executor) {
    (void)callback;
    (void)executor;
  }
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
template <typename T> class RescheduleLazy : public detail::LazyBase<T> {
public:
  void detach();
};
template <typename L> auto syncAwait(L &&lazy) -> void;
template <typename... L> auto collectAll(L &&...lazies) -> Lazy<void>;
} // namespace coro
} // namespace async_simple
