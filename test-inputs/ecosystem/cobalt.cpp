// RUN: %check_clang_tidy %s firecrash-* %t

// Boost.Cobalt with default options: cobalt::detached is its fire-and-forget
// coroutine type; spawn with Asio's detached token detaches a task; run
// and join wait.
#include "Inputs/cobalt.h"

namespace cobalt = boost::cobalt;

cobalt::detached log_line(const std::string &line);
cobalt::task<void> write_line(const std::string &line);

void fire() {
  std::string line = "started";
  log_line(line);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached coroutine 'log_line' borrows local 'line' of 'fire', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: the detached operation borrows from 'fire': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}cobalt.h:38:8: note: 'detached' is detached: it is listed as '::boost::cobalt::detached' in option 'DetachedTypes'
  // CHECK-NOTES: {{.*}}cobalt.h:25:8: note: an exception escaping the coroutine is rethrown by unhandled_exception() into whichever thread resumes it, where nothing catches it
  // CHECK-NOTES: :[[@LINE-6]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

void spawned(boost::asio::any_io_executor ex) {
  std::string line = "started";
  cobalt::spawn(ex, write_line(line), boost::asio::detached);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'boost::cobalt::spawn' borrows local 'line' of 'spawned', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:32: note: the detached operation borrows from 'spawned': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:39: note: 'boost::cobalt::spawn' completes through 'boost::asio::detached', which gives nothing to await: the work runs detached ('::boost::cobalt::spawn[handler]' in option 'DetachingCallees'); co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// Negative: run to completion.
void joined(boost::asio::any_io_executor ex) {
  std::string line = "started";
  cobalt::run(write_line(line));
}

// Negative: spawned with a future token, whose result is waited for.
void spawned_for_a_future(boost::asio::any_io_executor ex) {
  std::string line = "started";
  cobalt::spawn(ex, write_line(line), boost::asio::use_future).get();
}
