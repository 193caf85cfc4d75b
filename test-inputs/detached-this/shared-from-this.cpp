// RUN: %check_clang_tidy %s firecrash-detached-this %t -- -- -I%firecrash_include

// std::enable_shared_from_this with detached member coroutines (the
// runtime's firecrash::fire_and_forget), with and without a strong
// reference; and detached lambda coroutines capturing 'this'.
#include <firecrash/runtime.hpp>
#include <memory>

struct Session : std::enable_shared_from_this<Session> {
  int bytes = 0;
  firecrash::task<> read();

  // Reported: 'bytes' after the co_await, nothing holds the session.
  firecrash::fire_and_forget pump() {
    co_await read();
    bytes += 1;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'pump', a detached coroutine, uses 'this' after it suspends; nothing keeps the object alive, so it can resume into a destroyed object [firecrash-detached-this]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: the object can be destroyed while the coroutine is suspended here
    // CHECK-NOTES: :[[@LINE-5]]:30: note: 'pump' returns detached type 'firecrash::fire_and_forget': nobody awaits it, and nothing keeps the object alive while it is suspended
    // CHECK-NOTES: {{.*}}fire_and_forget.hpp:24:27: note: 'fire_and_forget' is detached: it is annotated 'firecrash::detached'
    // CHECK-NOTES: {{.*}}fire_and_forget.hpp:39:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
    // CHECK-NOTES: :[[@LINE-8]]:37: note: take a strong reference before the first suspension ('auto strong_this = shared_from_this();'), or a weak one checked after resuming
    // CHECK-FIXES: {{^}}    auto strong_this = shared_from_this();{{$}}
  }

  // Quiet: the frame holds a strong reference across the suspension.
  firecrash::fire_and_forget pump_held() {
    auto self = shared_from_this();
    co_await read();
    bytes += 1;
  }

  // Quiet: a weak reference locked after resuming.
  firecrash::fire_and_forget pump_weak() {
    std::weak_ptr<Session> weak = weak_from_this();
    co_await read();
    if (auto self = weak.lock())
      bytes += 1;
  }

  // Reported: the lambda captures raw 'this'; its closure may die too.
  void start() {
    [this]() -> firecrash::fire_and_forget {
      co_await read();
      bytes += 1;
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: the lambda in 'start', a detached coroutine, uses 'this' after it suspends; nothing keeps the object alive, so it can resume into a destroyed object [firecrash-detached-this]
      // CHECK-NOTES: :[[@LINE-3]]:7: note: the object can be destroyed while the coroutine is suspended here
      // CHECK-NOTES: :[[@LINE-5]]:5: note: the lambda in 'start' returns detached type 'firecrash::fire_and_forget': nobody awaits it, and nothing keeps the object alive while it is suspended
      // CHECK-NOTES: {{.*}}fire_and_forget.hpp:24:27: note: 'fire_and_forget' is detached: it is annotated 'firecrash::detached'
      // CHECK-NOTES: {{.*}}fire_and_forget.hpp:39:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
      // CHECK-NOTES: :[[@LINE-8]]:44: note: take a strong reference before the first suspension ('auto strong_this = shared_from_this();'), or a weak one checked after resuming
      // CHECK-FIXES: {{^}}      auto strong_this = shared_from_this();{{$}}
    }();
  }

  // Quiet: a strong reference passed as a parameter lives in the frame.
  void start_held() {
    [this](std::shared_ptr<Session> self) -> firecrash::fire_and_forget {
      co_await read();
      bytes += 1;
    }(shared_from_this());
  }

  // Quiet: [*this] copies the object.
  void start_copy() {
    [*this]() mutable -> firecrash::fire_and_forget {
      co_await read();
      bytes += 1;
    }();
  }

  // Quiet: an awaited task is not detached.
  firecrash::task<> pump_task() {
    co_await read();
    bytes += 1;
  }
};
