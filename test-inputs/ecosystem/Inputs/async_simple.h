// A stand-in for async_simple (github.com/alibaba/async_simple) that follows
// the real library's class structure, checked against its coro/Lazy.h and
// coro/DetachedCoroutine.h: the promise type is declared by the base
// detail::LazyBase<T, bool Reschedule>, which also *defines* start(callback)
// (it moves the task into a lambda returning detail::DetachedCoroutine, an
// eager self-destroying coroutine that awaits it); Lazy<T> brings start in
// with a using-declaration, defines via() (it moves the handle into a
// RescheduleLazy), directlyStart (it calls start) and setLazyLocal;
// RescheduleLazy<T> defines detach() (start with a rethrowing callback).
// syncAwait and collectAll are declared. Bodies are reduced to what decides
// the analysis. Notes point at lines of this file: append, do not insert.
#pragma once
#include "common.h"
#include <type_traits>

namespace async_simple {
class Executor {};
template <typename T> struct Try {
  bool hasError() const { return false; }
  std::exception_ptr getException() const { return {}; }
};
namespace coro {
template <typename T = void> class Lazy;
template <typename T = void> class RescheduleLazy;
struct LazyLocalBase {};
namespace detail {
struct DetachedCoroutine {
  struct promise_type {
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() { std::rethrow_exception(std::current_exception()); }
    DetachedCoroutine get_return_object() noexcept { return {}; }
  };
};
template <typename T> struct LazyPromise : standin::lazy_promise_base<T> {
  Lazy<T> get_return_object() noexcept;
  void return_void() noexcept {}
  Executor *_executor = nullptr;
};
template <typename T> struct TryAwaiter {
  std::coroutine_handle<LazyPromise<T>> _handle;
  bool await_ready() const noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiting) noexcept {
    _handle.promise().next = awaiting;
    return _handle;
  }
  Try<T> await_resume() noexcept { return {}; }
};
template <typename T, bool Reschedule> class LazyBase {
public:
  using promise_type = detail::LazyPromise<T>;
  using Handle = std::coroutine_handle<promise_type>;
  explicit LazyBase(Handle coro) noexcept : _coro(coro) {}
  LazyBase(LazyBase &&other) noexcept : _coro(std::exchange(other._coro, nullptr)) {}
  ~LazyBase() {
    if (_coro)
      _coro.destroy();
  }
  template <typename F> void start(F &&callback) {
    auto launchCoro = [](LazyBase lazy,
                         std::decay_t<F> cb) -> detail::DetachedCoroutine {
      cb(co_await lazy.coAwaitTry());
    };
    [[maybe_unused]] auto detached =
        launchCoro(std::move(*this), std::forward<F>(callback));
  }
  auto coAwaitTry() { return TryAwaiter<T>{std::exchange(_coro, nullptr)}; }

protected:
  Handle _coro;
};
} // namespace detail
template <typename T> class Lazy : public detail::LazyBase<T, false> {
  using Base = detail::LazyBase<T, false>;

public:
  using Base::Base;
  RescheduleLazy<T> via(Executor *ex) && {
    this->_coro.promise()._executor = ex;
    return RescheduleLazy<T>(std::exchange(this->_coro, nullptr));
  }
  template <typename LazyLocal = LazyLocalBase, typename... Args>
  Lazy<T> setLazyLocal(Args &&...) && {
    return Lazy<T>(std::exchange(this->_coro, nullptr));
  }
  using Base::start;
  template <typename F> void directlyStart(F &&callback, Executor *executor) {
    this->_coro.promise()._executor = executor;
    return start(std::forward<F>(callback));
  }
  auto operator co_await() { return detail::TryAwaiter<T>{std::exchange(this->_coro, nullptr)}; }
};
template <typename T> class RescheduleLazy : public detail::LazyBase<T, true> {
  using Base = detail::LazyBase<T, true>;

public:
  void detach() {
    this->start([](auto &&t) {
      if (t.hasError())
        std::rethrow_exception(t.getException());
    });
  }

private:
  using Base::Base;
  friend class Lazy<T>;
};
template <typename T> Lazy<T> detail::LazyPromise<T>::get_return_object() noexcept {
  return Lazy<T>(Lazy<T>::Handle::from_promise(*this));
}
template <typename L> auto syncAwait(L &&lazy) -> void;
template <typename... L> auto collectAll(L &&...lazies) -> Lazy<void>;
struct Yield {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
} // namespace coro
} // namespace async_simple
