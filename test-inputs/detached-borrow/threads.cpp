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

// A temporary thread, the most common spelling.
void temporary_thread() {
  int counter = 0;
  std::thread([&counter] { ++counter; }).detach();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'std::thread::detach' borrows local 'counter' of 'temporary_thread', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:17: note: the detached operation borrows from 'temporary_thread': the lambda captures local 'counter' by reference
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'counter' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'std::thread::detach' is listed as '::std::thread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'counter' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// A closure held in a named local keeps its reference captures when it is
// moved or copied into the work.
void closure_in_a_local() {
  int counter = 0;
  auto logic = [&counter] { ++counter; };
  std::thread worker{std::move(logic)};
  worker.detach();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'std::thread::detach' borrows local 'counter' of 'closure_in_a_local', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-4]]:18: note: the detached operation borrows from 'closure_in_a_local': closure 'logic', copied into the work, keeps its capture: the lambda captures local 'counter' by reference
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'counter' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'std::thread::detach' is listed as '::std::thread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'counter' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// A pointer to a local, held in a local and captured by copy.
void pointer_in_a_local() {
  int port = 8080;
  int *p = &port;
  std::thread([p] { ++*p; }).detach();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'std::thread::detach' borrows local 'port' of 'pointer_in_a_local', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:16: note: the detached operation borrows from 'pointer_in_a_local': the lambda captures pointer 'p', which points to local 'port'
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'port' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'std::thread::detach' is listed as '::std::thread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'port' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// std::ref bound through std::bind.
void ref_through_bind() {
  int counter = 0;
  std::thread(std::bind(work, std::ref(counter))).detach();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'std::thread::detach' borrows local 'counter' of 'ref_through_bind', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:31: note: the detached operation borrows from 'ref_through_bind': 'std::ref' wraps a reference to local 'counter'
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'counter' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'std::thread::detach' is listed as '::std::thread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'counter' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// A reference stored in an aggregate built in the frame.
struct Endpoint {
  int &port;
};
void reference_in_an_aggregate() {
  int port = 8080;
  Endpoint ep{port};
  std::thread([ep] { ++ep.port; }).detach();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'std::thread::detach' borrows local 'port' of 'reference_in_an_aggregate', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:16: note: the detached operation borrows from 'reference_in_an_aggregate': the lambda captures 'ep', whose member 'port' refers to local 'port'
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'port' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'std::thread::detach' is listed as '::std::thread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'port' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// Negative: an aggregate of values.
struct Settings {
  int port;
};
void aggregate_of_values() {
  int port = 8080;
  Settings s{port};
  std::thread([s] { (void)s.port; }).detach();
}

// std::jthread likewise.
void temporary_jthread() {
  int counter = 0;
  std::jthread([&counter] { ++counter; }).detach();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'std::jthread::detach' borrows local 'counter' of 'temporary_jthread', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:18: note: the detached operation borrows from 'temporary_jthread': the lambda captures local 'counter' by reference
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'counter' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'std::jthread::detach' is listed as '::std::jthread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'counter' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}
