// RUN: %check_clang_tidy %s firecrash-* %t

// concurrencpp with default options: null_result is its fire-and-forget
// coroutine type (its promise comes from std::coroutine_traits), an
// executor's post() runs the callable later, shutdown() waits.
#include "Inputs/concurrencpp.h"

concurrencpp::null_result log_line(const std::string &line);
concurrencpp::null_result log_copy(std::string line);

// The coroutine keeps a reference to a local.
void fire(concurrencpp::thread_pool_executor &pool) {
  std::string line = "started";
  log_line(line);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached coroutine 'log_line' borrows local 'line' of 'fire', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: the detached operation borrows from 'fire': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}concurrencpp.h:10:8: note: 'null_result' is detached: it is listed as '::concurrencpp::null_result' in option 'DetachedTypes'
  // CHECK-NOTES: {{.*}}concurrencpp.h:17:8: note: an exception escaping the coroutine is swallowed: unhandled_exception() neither rethrows nor terminates, so nobody sees the error
  // CHECK-NOTES: :[[@LINE-6]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// Negative: it owns its copy.
void fire_owned() {
  std::string line = "started";
  log_copy(line);
}

// The posted callable captures a local by reference.
void posted(concurrencpp::thread_pool_executor &pool) {
  std::string line = "started";
  pool.post([&line] { (void)line.size(); });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'concurrencpp::derivable_executor::post' borrows local 'line' of 'posted', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:15: note: the detached operation borrows from 'posted': the lambda captures local 'line' by reference
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'concurrencpp::derivable_executor::post' is listed as '::concurrencpp::derivable_executor::post' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// Negative: the executor is shut down, waiting for what it runs, first.
void posted_then_shut_down(concurrencpp::thread_pool_executor &pool) {
  std::string line = "started";
  pool.post([&line] { (void)line.size(); });
  pool.shutdown();
}

concurrencpp::result<void> count_lines(const std::string &text);

// Negative: the eager result is kept and get() blocks until it completes.
void result_waited() {
  std::string text = "a\nb";
  auto counted = count_lines(text);
  counted.get();
}

// Looking at the result (valid()) does not wait for it.
void result_looked_at() {
  std::string text = "a\nb";
  auto counted = count_lines(text);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: detached eager task returned by 'count_lines' borrows local 'text' of 'result_looked_at', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:30: note: the detached operation borrows from 'result_looked_at': reference parameter 'text' refers to local 'text'
  // CHECK-NOTES: :[[@LINE+5]]:1: note: 'text' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}concurrencpp.h:51:24: note: the task starts eagerly (initial_suspend() never suspends) and nothing awaits it, so it runs detached
  // CHECK-NOTES: :[[@LINE-5]]:18: note: pass local 'text' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  if (!counted.valid())
    return;
}

// Negative: a guard declared after the borrowed state shuts the executor
// down, waiting for what it runs, before that state dies.
struct shutdown_guard {
  concurrencpp::thread_pool_executor &pool;
  ~shutdown_guard() { pool.shutdown(); }
};

void posted_then_guarded(concurrencpp::thread_pool_executor &pool) {
  std::string line = "started";
  shutdown_guard guard{pool};
  pool.post([&line] { (void)line.size(); });
}

// A guard declared before the borrowed state is destroyed after it: the
// state is gone while the executor still runs the work.
void guarded_too_late(concurrencpp::thread_pool_executor &pool) {
  shutdown_guard guard{pool};
  std::string line = "started";
  pool.post([&line] { (void)line.size(); });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'concurrencpp::derivable_executor::post' borrows local 'line' of 'guarded_too_late', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:15: note: the detached operation borrows from 'guarded_too_late': the lambda captures local 'line' by reference
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'concurrencpp::derivable_executor::post' is listed as '::concurrencpp::derivable_executor::post' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}
