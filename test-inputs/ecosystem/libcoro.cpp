// RUN: %check_clang_tidy %s firecrash-* %t

// libcoro with default options: spawn_detached on a thread pool or a
// scheduler detaches the task it is given (an rvalue reference takes the
// work like a value); spawn_joinable and task_group are structured;
// sync_wait and shutdown join.
#include "Inputs/libcoro.h"

coro::task<void> log_line(const std::string &line);
coro::task<void> log_copy(std::string line);

// The task keeps a reference to a local, and nothing waits for it.
void detached_on_pool(coro::thread_pool &pool) {
  std::string line = "started";
  pool.spawn_detached(log_line(line));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'coro::thread_pool::spawn_detached' borrows local 'line' of 'detached_on_pool', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:32: note: the detached operation borrows from 'detached_on_pool': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'coro::thread_pool::spawn_detached' is listed as '::coro::thread_pool::spawn_detached' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

void detached_on_scheduler(coro::scheduler &scheduler) {
  std::string line = "started";
  scheduler.spawn_detached(log_line(line));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'coro::scheduler::spawn_detached' borrows local 'line' of 'detached_on_scheduler', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:37: note: the detached operation borrows from 'detached_on_scheduler': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'coro::scheduler::spawn_detached' is listed as '::coro::scheduler::spawn_detached' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// Negative: the task owns its copy.
void owned(coro::thread_pool &pool) {
  std::string line = "started";
  pool.spawn_detached(log_copy(line));
}

// Negative: joinable, and awaited.
coro::task<void> joinable(coro::thread_pool &pool) {
  std::string line = "started";
  co_await pool.spawn_joinable(log_line(line));
}

// Negative: the pool is shut down, waiting for every task, before 'line'
// dies.
void shut_down(coro::thread_pool &pool) {
  std::string line = "started";
  pool.spawn_detached(log_line(line));
  pool.shutdown();
}

// The work counts a latch down after its last use of 'line'; the frame
// co_awaits the latch before 'line' dies: a rendezvous, not reported.
coro::task<void> write_then_count(coro::latch &done, const std::string &line) {
  co_await standin::pause{};
  std::string copy = line;
  done.count_down();
}

coro::task<void> awaits_the_latch(coro::scheduler &scheduler) {
  std::string line = "started";
  coro::latch done{1};
  scheduler.spawn_detached(write_then_count(done, line));
  co_await done;
}

// The same with an event the work sets.
coro::task<void> write_then_set(coro::event &done, const std::string &line) {
  co_await standin::pause{};
  std::string copy = line;
  done.set();
}

coro::task<void> awaits_the_event(coro::scheduler &scheduler) {
  std::string line = "started";
  coro::event done;
  scheduler.spawn_detached(write_then_set(done, line));
  co_await done;
}

// The work sets the event before its last use of 'line': the frame resumes
// and destroys 'line' while the work still reads it.
coro::task<void> set_then_write(coro::event &done, const std::string &line) {
  co_await standin::pause{};
  done.set();
  std::string copy = line;
}

coro::task<void> wakes_too_early(coro::scheduler &scheduler) {
  std::string line = "started";
  coro::event done;
  scheduler.spawn_detached(set_then_write(done, line));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'coro::scheduler::spawn_detached' borrows local 'line' of 'wakes_too_early', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:49: note: the detached operation borrows from 'wakes_too_early': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE-10]]:3: note: the frame resumes here ('co_await done' returns) while the work still uses 'line'
  // CHECK-NOTES: :[[@LINE-10]]:22: note: the work uses 'line' here, after it has let the frame resume
  // CHECK-NOTES: :[[@LINE+5]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-6]]:3: note: 'coro::scheduler::spawn_detached' is listed as '::coro::scheduler::spawn_detached' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-7]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  // CHECK-NOTES: :[[@LINE-14]]:22: note: 'set_then_write' uses 'line' here, after it first suspends
  co_await done;
}

// An event nobody in the work sets is no join.
coro::task<void> awaits_someone_elses_event(coro::scheduler &scheduler,
                                            coro::event &other) {
  std::string line = "started";
  scheduler.spawn_detached(log_line(line));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'coro::scheduler::spawn_detached' borrows local 'line' of 'awaits_someone_elses_event', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:37: note: the detached operation borrows from 'awaits_someone_elses_event': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'coro::scheduler::spawn_detached' is listed as '::coro::scheduler::spawn_detached' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  co_await other;
}
