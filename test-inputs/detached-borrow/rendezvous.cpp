// RUN: %check_clang_tidy %s firecrash-detached-borrow %t

// Rendezvous joins: the frame waits on a future, a latch, a barrier, a
// semaphore or a condition variable that the work signals. That is a join
// only when the work signals it after its last use of the borrowed state; a
// signal given before a later use lets the frame return while the work
// still uses what it borrowed.
#include <atomic>
#include <barrier>
#include <condition_variable>
#include <future>
#include <latch>
#include <mutex>
#include <semaphore>
#include <string>
#include <thread>

void log(const std::string &line);

// Negative: the promise is set as the work's last act on 'line'.
void future_join() {
  std::string line = "ready";
  std::promise<void> done;
  std::thread([&] {
    log(line);
    done.set_value();
  }).detach();
  done.get_future().wait();
}

// Set before a later use: the frame wakes, returns, and the work still
// reads 'line'.
void future_set_too_early() {
  std::string line = "ready";
  std::promise<void> done;
  std::thread([&] {
    done.set_value();
    log(line);
  }).detach();
  // CHECK-NOTES: :[[@LINE-4]]:3: warning: detached work passed to 'std::thread::detach' borrows local 'line' of 'future_set_too_early', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-5]]:15: note: the detached operation borrows from 'future_set_too_early': the lambda captures local 'line' by reference
  // CHECK-NOTES: :[[@LINE-5]]:5: note: the frame resumes here ('std::future::wait' returns) while the work still uses 'line'
  // CHECK-NOTES: :[[@LINE-5]]:9: note: the work uses 'line' here, after it has let the frame resume
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-9]]:3: note: 'std::thread::detach' is listed as '::std::thread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-10]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  done.get_future().wait();
}

// Negative: the future taken before the start, waited with get().
void future_in_a_local() {
  std::string line = "ready";
  std::promise<int> result;
  std::future<int> answer = result.get_future();
  std::thread([&] {
    log(line);
    result.set_value(1);
  }).detach();
  answer.get();
}

// The work does not signal this future: another thread might.
void someone_else_signals(std::promise<void> &other) {
  std::string line = "ready";
  std::promise<void> done;
  std::thread([&] {
    log(line);
    other.set_value();
  }).detach();
  // CHECK-NOTES: :[[@LINE-4]]:3: warning: detached work passed to 'std::thread::detach' borrows local 'line' of 'someone_else_signals', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-5]]:15: note: the detached operation borrows from 'someone_else_signals': the lambda captures local 'line' by reference
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-7]]:3: note: 'std::thread::detach' is listed as '::std::thread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-8]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  done.get_future().wait();
}

// Negative: a latch counted down last.
void latch_join() {
  std::string line = "ready";
  std::latch finished(1);
  std::thread([&] {
    log(line);
    finished.count_down();
  }).detach();
  finished.wait();
}

// Negative: a condition variable notified after the last use.
void condition_join() {
  std::string line = "ready";
  std::mutex m;
  std::condition_variable cv;
  bool ready = false;
  std::thread([&] {
    log(line);
    {
      std::lock_guard<std::mutex> lock(m);
      ready = true;
    }
    cv.notify_one();
  }).detach();
  std::unique_lock<std::mutex> lock(m);
  cv.wait(lock, [&] { return ready; });
}

// Negative: a semaphore released last.
void semaphore_join() {
  std::string line = "ready";
  std::binary_semaphore finished(0);
  std::thread([&] {
    log(line);
    finished.release();
  }).detach();
  finished.acquire();
}

// An early exit that signals first does not make a later use safe on the
// other path, but a signal on an exit path followed by 'return' does.
void signal_on_each_path(bool fail) {
  std::string line = "ready";
  std::promise<void> done;
  std::thread([&] {
    if (fail) {
      done.set_value();
      return;
    }
    log(line);
    done.set_value();
  }).detach();
  done.get_future().wait();
}

// A signal inside a loop that goes on using the state.
void signal_in_a_loop() {
  std::string line = "ready";
  std::counting_semaphore<4> ticks(0);
  std::thread([&] {
    for (int i = 0; i < 4; ++i) {
      ticks.release();
      log(line);
    }
  }).detach();
  // CHECK-NOTES: :[[@LINE-6]]:3: warning: detached work passed to 'std::thread::detach' borrows local 'line' of 'signal_in_a_loop', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-7]]:15: note: the detached operation borrows from 'signal_in_a_loop': the lambda captures local 'line' by reference
  // CHECK-NOTES: :[[@LINE-6]]:7: note: the frame resumes here ('std::counting_semaphore::acquire' returns) while the work still uses 'line'
  // CHECK-NOTES: :[[@LINE-6]]:11: note: the work uses 'line' here, after it has let the frame resume
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-11]]:3: note: 'std::thread::detach' is listed as '::std::thread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-12]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  ticks.acquire();
}

// A spin wait: the frame loops on an atomic the work counts down after its
// last use (a generic lambda, as completion callbacks often are).
void spin_wait() {
  std::string line = "ready";
  std::atomic<int> pending(1);
  std::thread([&](auto &&...) {
    log(line);
    pending.fetch_sub(1);
  }).detach();
  while (pending.load(std::memory_order_acquire) != 0)
    ;
}

// The same with the decrement written as an operator.
void spin_wait_operator() {
  std::string line = "ready";
  std::atomic<int> pending(1);
  std::thread([&] {
    log(line);
    pending--;
  }).detach();
  while (pending.load())
    std::this_thread::yield();
}

// A load that is not in a loop's condition waits for nothing.
void load_once() {
  std::string line = "ready";
  std::atomic<int> pending(1);
  std::thread([&] {
    log(line);
    pending.fetch_sub(1);
  }).detach();
  // CHECK-NOTES: :[[@LINE-4]]:3: warning: detached work passed to 'std::thread::detach' borrows local 'line' of 'load_once', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-5]]:15: note: the detached operation borrows from 'load_once': the lambda captures local 'line' by reference
  // CHECK-NOTES: :[[@LINE-6]]:15: note: the detached operation borrows from 'load_once': the lambda captures local 'pending' by reference
  // CHECK-NOTES: :[[@LINE+6]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE+5]]:1: note: 'pending' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-9]]:3: note: 'std::thread::detach' is listed as '::std::thread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-10]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  if (pending.load() == 0)
    log(line);
}

// The work counts down, then goes on using the state.
void spin_wait_too_early() {
  std::string line = "ready";
  std::atomic<bool> ready(false);
  std::thread([&] {
    ready.store(true);
    log(line);
  }).detach();
  // CHECK-NOTES: :[[@LINE-4]]:3: warning: detached work passed to 'std::thread::detach' borrows local 'line' of 'spin_wait_too_early', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-5]]:15: note: the detached operation borrows from 'spin_wait_too_early': the lambda captures local 'line' by reference
  // CHECK-NOTES: :[[@LINE-5]]:5: note: the frame resumes here ('std::atomic::load' returns) while the work still uses 'line'
  // CHECK-NOTES: :[[@LINE-5]]:9: note: the work uses 'line' here, after it has let the frame resume
  // CHECK-NOTES: :[[@LINE+5]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-9]]:3: note: 'std::thread::detach' is listed as '::std::thread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-10]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  while (!ready.load())
    ;
}

// C++20 atomic wait, notified after the last use.
void atomic_wait() {
  std::string line = "ready";
  std::atomic<bool> ready(false);
  std::thread([&] {
    log(line);
    ready.store(true);
    ready.notify_one();
  }).detach();
  ready.wait(false);
}

// The promise moved into the work's lambda is still the future's promise.
void moved_promise() {
  std::string line = "ready";
  std::promise<void> done;
  std::future<void> finished = done.get_future();
  std::thread([&line, p = std::move(done)]() mutable {
    log(line);
    p.set_value();
  }).detach();
  finished.wait();
}

// Moved into the work, it is set before the last use.
void moved_promise_too_early() {
  std::string line = "ready";
  std::promise<void> done;
  std::future<void> finished = done.get_future();
  std::thread([&line, p = std::move(done)]() mutable {
    p.set_value();
    log(line);
  }).detach();
  // CHECK-NOTES: :[[@LINE-4]]:3: warning: detached work passed to 'std::thread::detach' borrows local 'line' of 'moved_promise_too_early', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-5]]:17: note: the detached operation borrows from 'moved_promise_too_early': the lambda captures local 'line' by reference
  // CHECK-NOTES: :[[@LINE-5]]:5: note: the frame resumes here ('std::future::wait' returns) while the work still uses 'line'
  // CHECK-NOTES: :[[@LINE-5]]:9: note: the work uses 'line' here, after it has let the frame resume
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-9]]:3: note: 'std::thread::detach' is listed as '::std::thread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-10]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  finished.wait();
}

// Negative: the spin wait reads the atomic through its conversion
// operator ("count != 2" is a load); the work's last act increments it.
void spins_on_the_conversion() {
  std::atomic<int> count = 0;
  std::thread([&count] { count++; }).detach();
  std::thread([&count] { count++; }).detach();
  while (count != 2)
    ;
}

// Negative: the work hands the promise to a helper that sets it, after the
// work's last use of 'line'.
void finish(std::promise<void> &done) { done.set_value(); }
void helper_sets_the_promise() {
  std::string line = "ready";
  std::promise<void> done;
  std::future<void> finished = done.get_future();
  std::thread([&] {
    log(line);
    finish(done);
  }).detach();
  finished.wait();
}

// The helper sets it before the work's last use.
void helper_sets_it_too_early() {
  std::string line = "ready";
  std::promise<void> done;
  std::future<void> finished = done.get_future();
  std::thread([&] {
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'std::thread::detach' borrows local 'line' of 'helper_sets_it_too_early', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:15: note: the detached operation borrows from 'helper_sets_it_too_early': the lambda captures local 'line' by reference
  // CHECK-NOTES: :[[@LINE+5]]:5: note: the frame resumes here ('std::future::wait' returns) while the work still uses 'line'
  // CHECK-NOTES: :[[@LINE+5]]:9: note: the work uses 'line' here, after it has let the frame resume
  // CHECK-NOTES: :[[@LINE+7]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-6]]:3: note: 'std::thread::detach' is listed as '::std::thread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-7]]:3: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
    finish(done);
    log(line);
  }).detach();
  finished.wait();
}
