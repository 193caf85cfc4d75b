// RUN: %check_clang_tidy %s firecrash-detached-this,firecrash-detached-borrow %t

// Who keeps the object: the framework keeps its controllers, filters and
// plugins for the life of the process (HandlerBaseClasses, LongLivedTypes),
// so their 'this' cannot dangle. And one root cause, one warning: a lambda
// coroutine whose closure is a temporary reads 'this' from a closure that
// is already gone; firecrash-detached-borrow reports that closure and says
// 'this' is read from it, and firecrash-detached-this stays quiet.
#include "../detached-coroutine/Inputs/frameworks.h"
#include <functional>

// Negative: a plugin lives as long as the process.
class MetricsPlugin : public drogon::PluginBase {
public:
  drogon::Task<> flush();
  int flushed = 0;
  drogon::AsyncTask tick() {
    co_await flush();
    ++flushed;
  }
};

// A connection is not kept by anyone while the coroutine is suspended.
class Connection {
public:
  drogon::Task<> flush();
  int flushed = 0;
  drogon::AsyncTask tick() {
    co_await flush();
    ++flushed;
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'tick', a detached coroutine, uses 'this' after it suspends; nothing keeps the object alive, so it can resume into a destroyed object [firecrash-detached-this]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: the object can be destroyed while the coroutine is suspended here
    // CHECK-NOTES: :[[@LINE-5]]:21: note: 'tick' returns detached type 'drogon::AsyncTask': nobody awaits it, and nothing keeps the object alive while it is suspended
    // CHECK-NOTES: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
    // CHECK-NOTES: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
    // CHECK-NOTES: :[[@LINE-8]]:28: note: take a strong reference to the object before the first suspension, or a weak one (a 'QPointer', a 'std::weak_ptr') before it and check it after resuming
  }
};

// The closure is a temporary: one warning, for the closure.
class Poller {
public:
  drogon::Task<> poll();
  int polled = 0;
  void start() {
    [this]() -> drogon::AsyncTask {
      co_await poll();
      ++polled;
    }();
    // CHECK-NOTES: :[[@LINE-4]]:5: warning: detached lambda coroutine borrows the lambda's closure, a temporary of 'start', which can be destroyed while the operation still runs [firecrash-detached-borrow]
    // CHECK-NOTES: :[[@LINE-5]]:5: note: the detached operation borrows from 'start': the lambda's closure is a temporary destroyed at the end of this statement; after its first suspension the coroutine reads captures that no longer exist
    // CHECK-NOTES: :[[@LINE-4]]:9: note: the lambda in 'start' uses 'this' here, after it first suspends
    // CHECK-NOTES: :[[@LINE-4]]:7: note: the temporary is destroyed at the end of the full-expression, while the detached operation may still use it
    // CHECK-NOTES: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
    // CHECK-NOTES: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
    // CHECK-NOTES: :[[@LINE-10]]:5: note: pass what the lambda captures as parameters taken by value, which live in the coroutine's frame, or keep the closure alive until the coroutine finishes
  }
};

// The closure lives in a member: 'this' is the question, not the closure.
class Timer {
public:
  drogon::Task<> wait();
  int fired = 0;
  void start() {
    job = [this]() -> drogon::AsyncTask {
      co_await wait();
      ++fired;
      // CHECK-NOTES: :[[@LINE-1]]:9: warning: the lambda in 'start', a detached coroutine, uses 'this' after it suspends; nothing keeps the object alive, so it can resume into a destroyed object [firecrash-detached-this]
      // CHECK-NOTES: :[[@LINE-3]]:7: note: the object can be destroyed while the coroutine is suspended here
      // CHECK-NOTES: :[[@LINE-5]]:11: note: the lambda in 'start' returns detached type 'drogon::AsyncTask': nobody awaits it, and nothing keeps the object alive while it is suspended
      // CHECK-NOTES: {{.*}}frameworks.h:19:8: note: 'AsyncTask' is detached: it is listed as '::drogon::AsyncTask' in option 'DetachedTypes'
      // CHECK-NOTES: {{.*}}frameworks.h:25:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
      // CHECK-NOTES: :[[@LINE-8]]:41: note: take a strong reference to the object before the first suspension, or a weak one (a 'QPointer', a 'std::weak_ptr') before it and check it after resuming
    };
    job();
  }
  std::function<drogon::AsyncTask()> job;
};
