// RUN: %check_clang_tidy %s firecrash-detached-borrow %t

// libunifex with default options: a sender spawned onto an async_scope
// keeps what its adaptors' lambdas capture; a scope the frame joins
// (sync_wait(scope.complete())) is structured.
#include "Inputs/libunifex.h"

// The lambda 'then' is given keeps a reference to a local, and the frame
// never joins the scope.
void unjoined(unifex::async_scope &scope, unifex::manual_event_loop &loop) {
  int hits = 0;
  scope.detached_spawn(unifex::schedule(loop.get_scheduler()) |
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'unifex::async_scope::detached_spawn' borrows local 'hits' of 'unjoined', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE+4]]:39: note: the detached operation borrows from 'unjoined': the lambda passed to 'then' captures local 'hits' by reference
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'hits' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'unifex::async_scope::detached_spawn' is listed as '::unifex::async_scope::detached_spawn' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'hits' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
                       unifex::then([&hits] { ++hits; }));
}

// The same through 'let_value', written without a pipe.
void nested(unifex::async_scope &scope, unifex::manual_event_loop &loop) {
  int total = 0;
  scope.detached_spawn(unifex::let_value(
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'unifex::async_scope::detached_spawn' borrows local 'total' of 'nested', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE+5]]:9: note: the detached operation borrows from 'nested': the lambda passed to 'let_value' captures local 'total' by reference
  // CHECK-NOTES: :[[@LINE+5]]:1: note: 'total' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'unifex::async_scope::detached_spawn' is listed as '::unifex::async_scope::detached_spawn' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'total' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
      unifex::schedule(loop.get_scheduler()),
      [&total] { ++total; return unifex::just(); }));
}

// Negative: the scope is joined before 'hits' dies.
void joined(unifex::manual_event_loop &loop) {
  unifex::async_scope scope;
  int hits = 0;
  scope.detached_spawn(unifex::schedule(loop.get_scheduler()) |
                       unifex::then([&hits] { ++hits; }));
  unifex::sync_wait(scope.complete());
}

// Negative: by value, the sender owns its copy.
void owned(unifex::async_scope &scope, unifex::manual_event_loop &loop) {
  int hits = 0;
  scope.detached_spawn(unifex::schedule(loop.get_scheduler()) |
                       unifex::then([hits]() mutable { ++hits; }));
}
