// RUN: %check_clang_tidy %s firecrash-detached-borrow %t -- \
// RUN:   -config="{CheckOptions: {DetachedTypes: '::lib::listed'}}"

// Eager tasks nobody awaits run detached; awaited work is waited for.
#include "Inputs/types.h"

lib::eager log_ref(const std::string &text);
lib::lazy save_ref(const std::string &text);

lib::eager discarded() {
  std::string text = "x";
  log_ref(text);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached eager task returned by 'log_ref' borrows local 'text' of 'discarded', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:11: note: the detached operation borrows from 'discarded': reference parameter 'text' refers to local 'text'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'text' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:28:24: note: the task starts eagerly (initial_suspend() never suspends) and nothing awaits it, so it runs detached
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'text' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  co_return;
}

lib::eager stored_never_awaited() {
  std::string text = "x";
  auto pending = log_ref(text);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: detached eager task returned by 'log_ref' borrows local 'text' of 'stored_never_awaited', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:26: note: the detached operation borrows from 'stored_never_awaited': reference parameter 'text' refers to local 'text'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'text' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}types.h:28:24: note: the task starts eagerly (initial_suspend() never suspends) and nothing awaits it, so it runs detached
  // CHECK-NOTES: :[[@LINE-5]]:18: note: pass local 'text' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  co_return;
}

lib::eager awaited() {
  std::string text = "x";
  co_await log_ref(text);
  auto pending = log_ref(text);
  co_await pending;
}

// A lazy task that is dropped never runs: it borrows nothing.
void lazy_dropped() {
  std::string text = "x";
  save_ref(text);
}

namespace lib {
// Detached by option, yet awaitable: awaiting it waits for it.
struct listed : eager {
  struct promise_type : eager::promise_type {
    listed get_return_object() { return {}; }
  };
};
} // namespace lib

lib::listed notify(const std::string &text);

lib::eager listed_awaited() {
  std::string text = "x";
  co_await notify(text);
}

lib::eager listed_dropped() {
  std::string text = "x";
  notify(text);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached coroutine 'notify' borrows local 'text' of 'listed_dropped', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:10: note: the detached operation borrows from 'listed_dropped': reference parameter 'text' refers to local 'text'
  // CHECK-NOTES: :[[@LINE+5]]:1: note: 'text' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-20]]:8: note: 'listed' is detached: it is listed as '::lib::listed' in option 'DetachedTypes'
  // CHECK-NOTES: {{.*}}types.h:31:10: note: an exception escaping the coroutine is swallowed: unhandled_exception() neither rethrows nor terminates, so nobody sees the error
  // CHECK-NOTES: :[[@LINE-6]]:3: note: pass local 'text' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  co_return;
}
