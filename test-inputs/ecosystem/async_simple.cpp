// RUN: %check_clang_tidy %s firecrash-* %t

// async_simple with default options: a Lazy launched with start(callback),
// directlyStart, or via(executor) then start/detach runs detached; the work
// is the object of the call chain. syncAwait waits.
#include "Inputs/async_simple.h"
#include <future>

using async_simple::Executor;
using async_simple::coro::Lazy;

Lazy<void> log_line(const std::string &line);
Lazy<void> log_copy(std::string line);

void started(Executor *ex) {
  std::string line = "started";
  log_line(line).via(ex).start([](auto &&) {});
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'async_simple::coro::RescheduleLazy::start' borrows local 'line' of 'started', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: the detached operation borrows from 'started': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'async_simple::coro::RescheduleLazy::start' is listed as '::async_simple::coro::RescheduleLazy::start' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

void detached(Executor *ex) {
  std::string line = "started";
  log_line(line).via(ex).detach();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'async_simple::coro::RescheduleLazy::detach' borrows local 'line' of 'detached', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: the detached operation borrows from 'detached': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'async_simple::coro::RescheduleLazy::detach' is listed as '::async_simple::coro::RescheduleLazy::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

void started_directly(Executor *ex) {
  std::string line = "started";
  log_line(line).directlyStart([](auto &&) {}, ex);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'async_simple::coro::Lazy::directlyStart' borrows local 'line' of 'started_directly', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: the detached operation borrows from 'started_directly': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'async_simple::coro::Lazy::directlyStart' is listed as '::async_simple::coro::Lazy::directlyStart' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// The task held in a local, then moved into the chain.
void from_a_local(Executor *ex) {
  std::string line = "started";
  auto task = log_line(line);
  std::move(task).via(ex).start([](auto &&) {});
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'async_simple::coro::RescheduleLazy::start' borrows local 'line' of 'from_a_local', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-3]]:24: note: the detached operation borrows from 'from_a_local': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'async_simple::coro::RescheduleLazy::start' is listed as '::async_simple::coro::RescheduleLazy::start' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// Negative: the task owns its copy.
void owned(Executor *ex) {
  std::string line = "started";
  log_copy(line).via(ex).start([](auto &&) {});
}

// Negative: waited for.
void waited(Executor *ex) {
  std::string line = "started";
  async_simple::coro::syncAwait(log_line(line).via(ex));
}

// Negative: the completion callback runs after the work and fulfils a
// promise the frame waits on.
void completion_signals(Executor *ex) {
  std::string line = "started";
  std::promise<void> done;
  log_line(line).via(ex).start([&](auto &&) { done.set_value(); });
  done.get_future().wait();
}

// The callback fulfils a promise, but not the one the frame waits on.
void completion_signals_another(Executor *ex, std::promise<void> &other) {
  std::string line = "started";
  std::promise<void> done;
  log_line(line).via(ex).start([&](auto &&) { other.set_value(); });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'async_simple::coro::RescheduleLazy::start' borrows local 'line' of 'completion_signals_another', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: the detached operation borrows from 'completion_signals_another': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'async_simple::coro::RescheduleLazy::start' is listed as '::async_simple::coro::RescheduleLazy::start' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  done.get_future().wait();
}

// Without via: start(callback), which the base class defines.
void started_without_via() {
  std::string line = "started";
  log_line(line).start([](auto &&) {});
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'async_simple::coro::Lazy::start' borrows local 'line' of 'started_without_via', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: the detached operation borrows from 'started_without_via': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'async_simple::coro::Lazy::start' is listed as '::async_simple::coro::Lazy::start' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// Through setLazyLocal, which returns the task again.
void with_lazy_local(Executor *ex) {
  std::string line = "started";
  log_line(line).setLazyLocal().via(ex).detach();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'async_simple::coro::RescheduleLazy::detach' borrows local 'line' of 'with_lazy_local', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: the detached operation borrows from 'with_lazy_local': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'async_simple::coro::RescheduleLazy::detach' is listed as '::async_simple::coro::RescheduleLazy::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// A wait for another task leaves this one running.
Lazy<void> other();
void waits_for_another(Executor *ex) {
  std::string line = "started";
  log_line(line).via(ex).detach();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'async_simple::coro::RescheduleLazy::detach' borrows local 'line' of 'waits_for_another', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: the detached operation borrows from 'waits_for_another': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+4]]:3: note: 'async_simple::coro::syncAwait(other().via(ex))' waits for another task, not for this work
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: 'async_simple::coro::RescheduleLazy::detach' is listed as '::async_simple::coro::RescheduleLazy::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-6]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  async_simple::coro::syncAwait(other().via(ex));
}
