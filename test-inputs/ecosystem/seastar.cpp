// RUN: %check_clang_tidy %s firecrash-* %t

// Seastar with default options: a future is eager (its promise comes from
// std::coroutine_traits); discarded with (void) it runs on in the background,
// which is fine when it owns its state (lw_shared_ptr) and a bug when it
// borrows a local. with_gate is structured.
#include "Inputs/seastar.h"

seastar::future<> flush(const std::string &line);
seastar::future<> flush_copy(std::string line);

void background() {
  std::string line = "started";
  (void)flush(line);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: detached eager task returned by 'flush' borrows local 'line' of 'background', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:15: note: the detached operation borrows from 'background': reference parameter 'line' refers to local 'line'
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'line' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}seastar.h:32:24: note: the task starts eagerly (initial_suspend() never suspends) and nothing awaits it, so it runs detached
  // CHECK-NOTES: :[[@LINE-5]]:9: note: pass local 'line' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// Negative: the future owns its copy.
void background_owned() {
  std::string line = "started";
  (void)flush_copy(line);
}

// Negative: a gate the owner closes before it dies.
seastar::future<> gated(seastar::gate &g) {
  std::string line = "started";
  co_await seastar::with_gate(g, [&line] { return flush(line); });
}
