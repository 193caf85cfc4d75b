// RUN: %check_clang_tidy %s firecrash-detached-coroutine %t

// Reach: the calls through which a request handler starts a detached
// coroutine, one construct per handler.
#include "Inputs/coro.h"

// Only declared in this translation unit: the type alone says it detaches.
lib::bg audit(int id);

struct Auditor {
  lib::bg record(int id);
};

lib::task<> work(int id);
lib::eager_task eager(int id);

// A direct call.
HANDLER lib::task<> direct(lib::request req) {
  audit(req.id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit' returns detached type 'lib::bg' and is started from request handler 'direct'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:21: note: 'direct' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-16]]:9: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// A member call on a handler local.
HANDLER lib::task<> member(lib::request req) {
  Auditor auditor;
  auditor.record(req.id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'record' returns detached type 'lib::bg' and is started from request handler 'member'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-6]]:21: note: 'member' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-5]]:3: note: the detached operation borrows from the handler: the member coroutine is called on handler local 'auditor'
  // CHECK-NOTES: :[[@LINE-26]]:11: note: return a task such as 'firecrash::task<>' from 'record' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// An immediately invoked lambda coroutine.
HANDLER lib::task<> immediate(lib::request req) {
  [id = req.id]() -> lib::bg { co_await lib::pause{}; lib::use(id); }();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: lambda coroutine returns detached type 'lib::bg' and is started from request handler 'immediate'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:21: note: 'immediate' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-5]]:3: note: the detached operation borrows from the handler: the lambda's closure is a temporary destroyed at the end of this statement; after its first suspension the coroutine reads captures that no longer exist
  // CHECK-NOTES: :[[@LINE-6]]:64: note: the lambda in 'immediate' uses 'id' here, after it first suspends
  // CHECK-NOTES: :[[@LINE-7]]:3: note: return a task such as 'firecrash::task<>' from the lambda in 'immediate' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// A lambda coroutine stored in a local and called later.
HANDLER lib::task<> stored(lib::request req) {
  auto job = [id = req.id]() -> lib::bg { co_await lib::pause{}; lib::use(id); };
  job();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: lambda coroutine returns detached type 'lib::bg' and is started from request handler 'stored'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-6]]:21: note: 'stored' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-5]]:3: note: the detached operation borrows from the handler: the coroutine reads its captures from closure 'job', a local of the handler
  // CHECK-NOTES: :[[@LINE-7]]:75: note: the lambda in 'stored' uses 'id' here, after it first suspends
  // CHECK-NOTES: :[[@LINE-8]]:14: note: return a task such as 'firecrash::task<>' from the lambda in 'stored' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// A call written through a macro is reported at the expansion.
#define AUDIT(x) audit(x)
HANDLER lib::task<> through_macro(lib::request req) {
  AUDIT(req.id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit' returns detached type 'lib::bg' and is started from request handler 'through_macro'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:21: note: 'through_macro' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-68]]:9: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// A handler template gives one diagnostic however often it is instantiated.
template <typename Request> HANDLER lib::task<> templated(Request req) {
  audit(req.id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit' returns detached type 'lib::bg' and is started from request handler 'templated<lib::request>'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:49: note: 'templated<lib::request>' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-79]]:9: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}
struct other_request {
  int id = 0;
};
template lib::task<> templated(lib::request);
template lib::task<> templated(other_request);

// Through a synchronous helper.
void log_and_audit(int id) { audit(id); }
HANDLER lib::task<> via_sync_helper(lib::request req) {
  log_and_audit(req.id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit' returns detached type 'lib::bg' and is started from request handler 'via_sync_helper' through 'log_and_audit'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: :[[@LINE-4]]:30: note: 'log_and_audit' starts coroutine 'audit' here
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-6]]:21: note: 'via_sync_helper' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-97]]:9: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// Through a coroutine helper the handler awaits.
lib::task<> audited_step(int id) {
  audit(id);
  co_return;
}
HANDLER lib::task<> via_awaited_helper(lib::request req) {
  co_await audited_step(req.id);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: coroutine 'audit' returns detached type 'lib::bg' and is started from request handler 'via_awaited_helper' through 'audited_step'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: :[[@LINE-6]]:3: note: 'audited_step' starts coroutine 'audit' here
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-6]]:21: note: 'via_awaited_helper' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-113]]:9: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
}

// Through two helpers: every hop is a note.
void inner(int id) { audit(id); }
void outer(int id) { inner(id + 1); }
HANDLER lib::task<> two_hops(lib::request req) {
  outer(req.id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit' returns detached type 'lib::bg' and is started from request handler 'two_hops' through 'outer'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: :[[@LINE-4]]:22: note: 'outer' calls 'inner' here
  // CHECK-NOTES: :[[@LINE-6]]:22: note: 'inner' starts coroutine 'audit' here
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-7]]:21: note: 'two_hops' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-127]]:9: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// Recursion terminates, with and without a detached start at its end.
void ping(int n);
void pong(int n) {
  if (n > 0)
    ping(n - 1);
}
void ping(int n) { pong(n); }
void countdown(int n) {
  if (n > 0)
    countdown(n - 1);
  else
    audit(n);
}
HANDLER lib::task<> recursive(lib::request req) {
  ping(req.id);
  countdown(req.id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'audit' returns detached type 'lib::bg' and is started from request handler 'recursive' through 'countdown'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: :[[@LINE-6]]:5: note: 'countdown' starts coroutine 'audit' here
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-7]]:21: note: 'recursive' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-152]]:9: note: return a task such as 'firecrash::task<>' from 'audit' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// Negative: the handler awaits its work, lazy or eager.
HANDLER lib::task<> awaits_everything(lib::request req) {
  co_await work(req.id);
  co_await eager(req.id);
}

// Negative: a lambda that is never called, and unevaluated operands.
HANDLER lib::task<> never_called(lib::request req) {
  auto later = [] { audit(1); };
  using result = decltype(audit(2));
  static_assert(sizeof(audit(3)) > 0);
  co_return;
}

// Negative: a coroutine that is not a request handler.
lib::task<> background_job(int id) {
  audit(id);
  co_return;
}

// A synchronous handler: the seed's case (a synchronous action calls an
// async void method). It cannot co_await, so no fix-it.
HANDLER void synchronous_handler(lib::request req) { audit(req.id); }
// CHECK-NOTES: :[[@LINE-1]]:54: warning: coroutine 'audit' returns detached type 'lib::bg' and is started from request handler 'synchronous_handler'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
// CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
// CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
// CHECK-NOTES: :[[@LINE-4]]:14: note: 'synchronous_handler' is a request handler: it is annotated 'firecrash::request_handler'
// CHECK-NOTES: :[[@LINE-183]]:9: note: return a task such as 'firecrash::task<>' from 'audit' and make 'synchronous_handler' a coroutine that co_awaits it, or spawn it on a 'firecrash::request_scope' and join the scope before 'synchronous_handler' returns
