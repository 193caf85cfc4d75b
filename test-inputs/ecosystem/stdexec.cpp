// RUN: %check_clang_tidy %s firecrash-detached-borrow %t

// Senders (stdexec, the reference implementation of C++26 std::execution)
// with default options: a detached sender keeps what the function objects
// of its adaptors capture, through pipes and nested adaptors; by value is
// owned, and a join of the scope before the frame ends is structured.
#include "Inputs/stdexec.h"

// A pipe into exec::start_detached: the lambda 'then' is given keeps a
// reference to a local.
void counts_hits(stdexec::run_loop &loop) {
  int hits = 0;
  exec::start_detached(stdexec::schedule(loop.get_scheduler()) |
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'experimental::execution::start_detached' borrows local 'hits' of 'counts_hits', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE+4]]:38: note: the detached operation borrows from 'counts_hits': the lambda passed to 'then' captures local 'hits' by reference
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'hits' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'experimental::execution::start_detached' is listed as '::experimental::execution::start_detached' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'hits' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
                       stdexec::then([&] { ++hits; }));
}

// Negative: captured by value, the sender owns its copy.
void counts_a_copy(stdexec::run_loop &loop) {
  int hits = 0;
  exec::start_detached(stdexec::schedule(loop.get_scheduler()) |
                       stdexec::then([hits]() mutable { ++hits; }));
}

// Nested adaptors: the lambda of 'let_value' inside 'when_all'.
void nested(stdexec::run_loop &loop) {
  int total = 0;
  exec::start_detached(stdexec::when_all(
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'experimental::execution::start_detached' borrows local 'total' of 'nested', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE+6]]:28: note: the detached operation borrows from 'nested': the lambda passed to 'let_value' captures local 'total' by reference
  // CHECK-NOTES: :[[@LINE+6]]:1: note: 'total' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'experimental::execution::start_detached' is listed as '::experimental::execution::start_detached' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'total' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
      stdexec::just(1),
      stdexec::let_value(stdexec::schedule(loop.get_scheduler()),
                         [&total] { return stdexec::just(total); })));
}

// A sender built in a local, then handed to start_detached.
void built_first(stdexec::run_loop &loop) {
  int errors = 0;
  auto work = stdexec::schedule(loop.get_scheduler()) |
              stdexec::upon_error([&errors](int) { ++errors; });
  exec::start_detached(std::move(work));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'experimental::execution::start_detached' borrows local 'errors' of 'built_first', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-3]]:37: note: the detached operation borrows from 'built_first': the lambda passed to 'upon_error' captures local 'errors' by reference
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'errors' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'experimental::execution::start_detached' is listed as '::experimental::execution::start_detached' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'errors' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// exec::async_scope: spawned onto a scope this frame never joins.
void unjoined_scope(exec::async_scope &scope, stdexec::run_loop &loop) {
  int seen = 0;
  scope.spawn(stdexec::schedule(loop.get_scheduler()) |
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'experimental::execution::async_scope::spawn' borrows local 'seen' of 'unjoined_scope', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE+4]]:31: note: the detached operation borrows from 'unjoined_scope': the lambda passed to 'then' captures local 'seen' by reference
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'seen' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'experimental::execution::async_scope::spawn' is listed as '::experimental::execution::async_scope::spawn' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'seen' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
              stdexec::then([&seen]() noexcept { ++seen; }));
}

// Negative: the frame joins the scope before 'seen' dies.
void joined_scope(stdexec::run_loop &loop) {
  exec::async_scope scope;
  int seen = 0;
  scope.spawn(stdexec::schedule(loop.get_scheduler()) |
              stdexec::then([&seen]() noexcept { ++seen; }));
  stdexec::sync_wait(scope.on_empty());
}

// C++26 spawn on a counting_scope that is not joined here.
void counting_unjoined(stdexec::counting_scope &scope, stdexec::run_loop &loop) {
  int count = 0;
  stdexec::spawn(stdexec::schedule(loop.get_scheduler()) |
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'stdexec::spawn' borrows local 'count' of 'counting_unjoined', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE+4]]:41: note: the detached operation borrows from 'counting_unjoined': the lambda passed to 'bulk' captures local 'count' by reference
  // CHECK-NOTES: :[[@LINE+5]]:1: note: 'count' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'stdexec::spawn' is listed as '::stdexec::spawn' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'count' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
                     stdexec::bulk(4, [&count](int) noexcept { ++count; }),
                 scope.get_token());
}

// Negative: the counting_scope is joined in this frame.
void counting_joined(stdexec::run_loop &loop) {
  stdexec::counting_scope scope;
  int count = 0;
  stdexec::spawn(stdexec::schedule(loop.get_scheduler()) |
                     stdexec::bulk(4, [&count](int) noexcept { ++count; }),
                 scope.get_token());
  stdexec::sync_wait(scope.join());
}

// Negative: a sender that is waited for is no detached work.
void waited(stdexec::run_loop &loop) {
  int hits = 0;
  stdexec::sync_wait(stdexec::schedule(loop.get_scheduler()) |
                     stdexec::then([&] { ++hits; }));
}

// Negative: a sender that completes inline ('just() | then(f)' never
// leaves the thread that starts it) is done when start_detached returns.
void completes_inline() {
  bool called = false;
  exec::start_detached(stdexec::just() | stdexec::then([&] { called = true; }));
}

// Negative: work that refers back to the scope it is spawned on (to spawn
// more) does not outlive that scope, which must be joined before it dies.
void spawns_more(stdexec::run_loop &loop) {
  exec::async_scope scope;
  auto more = [&scope, &loop]() noexcept {
    scope.spawn(stdexec::schedule(loop.get_scheduler()));
  };
  scope.spawn(stdexec::schedule(loop.get_scheduler()) | stdexec::then(more));
}
