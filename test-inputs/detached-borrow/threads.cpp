// RUN: %check_clang_tidy %s firecrash-detached-borrow %t

// std::thread::detach: the work went into the thread when it was built.
#include <functional>
#include <thread>

void work(int &counter);

void detached_with_ref() {
  int counter = 0;
  std::thread worker(work, std::ref(counter));
  worker.detach();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'std::thread::detach' borrows local 'counter' of 'detached_with_ref', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-3]]:28: note: the detached operation borrows from 'detached_with_ref': 'std::ref' wraps a reference to local 'counter'
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'counter' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'std::thread::detach' is listed as '::std::thread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'counter' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

void detached_lambda() {
  int counter = 0;
  std::thread worker([&counter] { ++counter; });
  worker.detach();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'std::thread::detach' borrows local 'counter' of 'detached_lambda', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-3]]:24: note: the detached operation borrows from 'detached_lambda': the lambda captures local 'counter' by reference
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'counter' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'std::thread::detach' is listed as '::std::thread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'counter' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// Joined: the frame waits for the thread.
void joined_with_ref() {
  int counter = 0;
  std::thread worker(work, std::ref(counter));
  worker.join();
}

// Detached, but the thread copies what it is given.
void detached_by_value() {
  int counter = 0;
  std::thread worker([counter] { (void)counter; });
  worker.detach();
}
