// RUN: %check_clang_tidy %s firecrash-detached-this %t

// A member coroutine whose own type is a task (not a detached type) but that
// a detaching call starts detached: it outlives the call, and where it uses
// 'this' after suspending nothing keeps the object alive. One construct per
// class, with the evidence that silences it beside.
#include "../ecosystem/Inputs/async_simple.h"
#include "../ecosystem/Inputs/libcoro.h"
#include <memory>

using async_simple::coro::Lazy;

class poller {
public:
  void start(async_simple::Executor *ex) { loop().via(ex).detach(); }

private:
  Lazy<void> loop() {
    co_await async_simple::coro::Yield{};
    ++ticks_;
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'loop', a member coroutine started detached, uses 'this' after it suspends; nothing keeps the object alive, so it can resume into a destroyed object [firecrash-detached-this]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: the object can be destroyed while the coroutine is suspended here
    // CHECK-NOTES: :[[@LINE-8]]:44: note: 'start' starts it detached here ('::async_simple::coro::RescheduleLazy::detach' in option 'DetachingCallees'): nobody awaits it, and nothing keeps the object alive while it is suspended
    // CHECK-NOTES: :[[@LINE-6]]:21: note: take a strong reference to the object before the first suspension, or a weak one (a 'QPointer', a 'std::weak_ptr') before it and check it after resuming
  }
  int ticks_ = 0;
};

// Negative: a strong reference taken before the first suspension.
class shared_poller : public std::enable_shared_from_this<shared_poller> {
public:
  void start(async_simple::Executor *ex) { loop().via(ex).detach(); }

private:
  Lazy<void> loop() {
    auto self = shared_from_this();
    co_await async_simple::coro::Yield{};
    ++ticks_;
  }
  int ticks_ = 0;
};

// Negative: awaited, not started detached.
class awaited_poller {
public:
  Lazy<void> run() { co_await loop(); }

private:
  Lazy<void> loop() {
    co_await async_simple::coro::Yield{};
    ++ticks_;
  }
  int ticks_ = 0;
};

// libcoro: the member task handed to spawn_detached.
class worker {
public:
  void start(coro::thread_pool &pool) { pool.spawn_detached(this->loop()); }

private:
  coro::task<void> loop() {
    co_await standin::pause{};
    ++done_;
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'loop', a member coroutine started detached, uses 'this' after it suspends; nothing keeps the object alive, so it can resume into a destroyed object [firecrash-detached-this]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: the object can be destroyed while the coroutine is suspended here
    // CHECK-NOTES: :[[@LINE-8]]:41: note: 'start' starts it detached here ('::coro::thread_pool::spawn_detached' in option 'DetachingCallees'): nobody awaits it, and nothing keeps the object alive while it is suspended
    // CHECK-NOTES: :[[@LINE-6]]:27: note: take a strong reference to the object before the first suspension, or a weak one (a 'QPointer', a 'std::weak_ptr') before it and check it after resuming
  }
  int done_ = 0;
};

// Negative: started on a pool the object owns, which joins its work when
// it is destroyed (with the object), so 'this' outlives the task.
class owning_worker {
public:
  void start() { pool_.spawn_detached(this->loop()); }

private:
  coro::task<void> loop() {
    co_await standin::pause{};
    ++done_;
  }
  int done_ = 0;
  coro::thread_pool pool_;
};
