// RUN: %check_clang_tidy %s firecrash-detached-borrow %t

// A plain wait joins only the work it waits for: a thread's join() joins
// that thread, not a thread detached before it.
#include <thread>

void work(int &counter);
void other_work();

// A join of another thread leaves the detached one running.
void joins_another_thread() {
  int counter = 0;
  std::thread worker([&counter] { work(counter); });
  worker.detach();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'std::thread::detach' borrows local 'counter' of 'joins_another_thread', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-3]]:24: note: the detached operation borrows from 'joins_another_thread': the lambda captures local 'counter' by reference
  // CHECK-NOTES: :[[@LINE+5]]:3: note: 'other.join()' waits for another thread, not for this work
  // CHECK-NOTES: :[[@LINE+5]]:1: note: 'counter' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: 'std::thread::detach' is listed as '::std::thread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-6]]:3: note: pass local 'counter' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  std::thread other(other_work);
  other.join();
}

// Negative: the thread that borrows is the thread joined.
void joins_the_borrowing_thread() {
  int counter = 0;
  std::thread worker([&counter] { work(counter); });
  worker.join();
}
