// firecrash runtime: fire_and_forget, the detached coroutine type.
//
// It starts at once, destroys itself when done, and cannot be awaited. The
// firecrash checks report it when a request handler starts it; the runtime
// makes the same hazard visible while the program runs:
//
// - started while a request_scope is current (inside request_scope::run),
//   it counts as one outstanding operation of that scope from its start to
//   its final suspend, and an exception escaping it is handed to the scope;
// - started outside any scope it behaves like C++/WinRT's
//   winrt::fire_and_forget: an escaping exception calls std::terminate.
#ifndef FIRECRASH_FIRE_AND_FORGET_HPP
#define FIRECRASH_FIRE_AND_FORGET_HPP

#include "annotations.hpp"
#include "detail/promise_base.hpp"
#include <coroutine>
#include <exception>
#include <memory>

namespace firecrash {

/// The result of a coroutine that nobody awaits.
struct FIRECRASH_DETACHED fire_and_forget {
  struct promise_type : detail::promise_base {
    promise_type() noexcept {
      if (detail::current_scope) {
        scope_ = detail::current_scope->shared_from_this();
        scope_->begin();
      }
    }

    fire_and_forget get_return_object() const noexcept { return {}; }
    initial_awaiter<false> initial_suspend() noexcept { return {this}; }

    counted_final_awaiter<promise_type> final_suspend() noexcept { return {}; }

    void return_void() noexcept {}
    void unhandled_exception() noexcept {
      if (!scope_)
        std::terminate();
      scope_->record(std::current_exception());
    }
  };
};

} // namespace firecrash

#endif // FIRECRASH_FIRE_AND_FORGET_HPP
