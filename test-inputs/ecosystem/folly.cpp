// RUN: %check_clang_tidy %s firecrash-* %t

// folly::coro with default options: a task given an executor and started
// with start() or startInlineUnsafe() runs detached when the SemiFuture they
// return is dropped; blockingWait and AsyncScope::joinAsync wait.
#include "Inputs/folly.h"

using folly::coro::Task;

Task<void> log_line(const std::string &line);

void started(folly::Executor *ex) {
  std::string line = "started";
  log_line(line).scheduleOn(ex).start();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'folly::coro::TaskWithExecutor::start' borrows local 'line' of 'started', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: the detached operation borrows from 'started': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'folly::coro::TaskWithExecutor::start' is listed as '::folly::coro::TaskWithExecutor::start[discarded]' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

void started_inline(folly::Executor *ex) {
  std::string line = "started";
  (void)folly::coro::co_withExecutor(ex, log_line(line)).startInlineUnsafe();
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: detached work passed to 'folly::coro::TaskWithExecutor::startInlineUnsafe' borrows local 'line' of 'started_inline', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:51: note: the detached operation borrows from 'started_inline': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:9: note: 'folly::coro::TaskWithExecutor::startInlineUnsafe' is listed as '::folly::coro::TaskWithExecutor::startInlineUnsafe[discarded]' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:9: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// Negative: the SemiFuture is waited for.
void waited_through_the_future(folly::Executor *ex) {
  std::string line = "started";
  log_line(line).scheduleOn(ex).start().get();
}

// Negative: blockingWait.
void blocking(folly::Executor *ex) {
  std::string line = "started";
  folly::coro::blockingWait(log_line(line).scheduleOn(ex));
}

// Negative: added to a scope that is joined.
Task<void> scoped(folly::Executor *ex, folly::coro::AsyncScope &scope) {
  std::string line = "started";
  scope.add(log_line(line).scheduleOn(ex));
  co_await scope.joinAsync();
}

// Positive: started with a callback, the work runs detached: nothing can
// wait for it.
void started_with_callback(folly::Executor *ex) {
  std::string line = "started";
  folly::coro::co_withExecutor(ex, log_line(line))
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'folly::coro::TaskWithExecutor::start' borrows local 'line' of 'started_with_callback', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:45: note: the detached operation borrows from 'started_with_callback': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'folly::coro::TaskWithExecutor::start' is listed as '::folly::coro::TaskWithExecutor::start[discarded]' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
      .start([](folly::Try<void> &&) {});
}
