// RUN: %check_clang_tidy %s firecrash-detached-coroutine %t

// What a detached start borrows from the handler's frame, one kind per call;
// owning arguments borrow nothing.
#include "Inputs/coro.h"

lib::bg by_ref(const lib::request &req);
lib::bg by_ref_string(const std::string &text);
lib::bg by_pointer(int *counter);
lib::bg by_view(std::string_view body);
lib::bg by_value(lib::request req);
lib::bg by_shared(std::shared_ptr<lib::request> req);
lib::bg by_this(const void *self);

HANDLER lib::task<> reference_to_parameter(lib::request req) {
  by_ref(req);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'by_ref' returns detached type 'lib::bg' and is started from request handler 'reference_to_parameter'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:21: note: 'reference_to_parameter' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-5]]:10: note: the detached operation borrows from the handler: reference parameter 'req' refers to handler parameter 'req'
  // CHECK-NOTES: :[[@LINE-15]]:9: note: return a task such as 'firecrash::task<>' from 'by_ref' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

HANDLER lib::task<> reference_to_local(int id) {
  lib::request local{"", id};
  by_ref(local);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'by_ref' returns detached type 'lib::bg' and is started from request handler 'reference_to_local'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-6]]:21: note: 'reference_to_local' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-5]]:10: note: the detached operation borrows from the handler: reference parameter 'req' refers to handler local 'local'
  // CHECK-NOTES: :[[@LINE-27]]:9: note: return a task such as 'firecrash::task<>' from 'by_ref' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

HANDLER lib::task<> temporary(int id) {
  by_ref_string("literal");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'by_ref_string' returns detached type 'lib::bg' and is started from request handler 'temporary'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:21: note: 'temporary' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-5]]:17: note: the detached operation borrows from the handler: a temporary is bound to reference parameter 'text'; it is destroyed at the end of the statement while the coroutine still refers to it
  // CHECK-NOTES: :[[@LINE-37]]:9: note: return a task such as 'firecrash::task<>' from 'by_ref_string' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

HANDLER lib::task<> pointer_to_local(int id) {
  int counter = id;
  by_pointer(&counter);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'by_pointer' returns detached type 'lib::bg' and is started from request handler 'pointer_to_local'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-6]]:21: note: 'pointer_to_local' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-5]]:14: note: the detached operation borrows from the handler: pointer parameter 'counter' points to handler local 'counter'
  // CHECK-NOTES: :[[@LINE-48]]:9: note: return a task such as 'firecrash::task<>' from 'by_pointer' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

HANDLER lib::task<> view_into_member(lib::request req) {
  by_view(req.body);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'by_view' returns detached type 'lib::bg' and is started from request handler 'view_into_member'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:21: note: 'view_into_member' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-5]]:11: note: the detached operation borrows from the handler: view parameter 'body' looks into handler parameter 'req'
  // CHECK-NOTES: :[[@LINE-58]]:9: note: return a task such as 'firecrash::task<>' from 'by_view' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

HANDLER lib::task<> captures(lib::request req) {
  int hits = 0;
  auto job = [&hits, req]() -> lib::bg { co_await lib::pause{}; ++hits; };
  job();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: lambda coroutine returns detached type 'lib::bg' and is started from request handler 'captures'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-7]]:21: note: 'captures' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-5]]:3: note: the detached operation borrows from the handler: the coroutine reads its captures from closure 'job', a local of the handler
  // CHECK-NOTES: :[[@LINE-7]]:67: note: the lambda in 'captures' uses 'hits' here, after it first suspends
  // CHECK-NOTES: :[[@LINE-8]]:16: note: the detached operation borrows from the handler: the lambda captures handler local 'hits' by reference
  // CHECK-NOTES: :[[@LINE-9]]:14: note: return a task such as 'firecrash::task<>' from the lambda in 'captures' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

struct Session {
  lib::bg flush();
  HANDLER lib::task<> on_request(lib::request req) {
    flush();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: coroutine 'flush' returns detached type 'lib::bg' and is started from request handler 'on_request'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
    // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
    // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
    // CHECK-NOTES: :[[@LINE-5]]:23: note: 'on_request' is a request handler: it is annotated 'firecrash::request_handler'
    // CHECK-NOTES: :[[@LINE-5]]:5: note: the detached operation borrows from the handler: the member coroutine is called on raw 'this'; nothing keeps the object alive while it runs
    // CHECK-NOTES: :[[@LINE-8]]:11: note: return a task such as 'firecrash::task<>' from 'flush' and co_await it, so the handler waits for the operation and sees its exceptions
    by_this(this);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: coroutine 'by_this' returns detached type 'lib::bg' and is started from request handler 'on_request'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
    // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
    // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
    // CHECK-NOTES: :[[@LINE-12]]:23: note: 'on_request' is a request handler: it is annotated 'firecrash::request_handler'
    // CHECK-NOTES: :[[@LINE-5]]:13: note: the detached operation borrows from the handler: pointer parameter 'self' receives raw 'this'; nothing keeps the object alive while the coroutine runs
    // CHECK-NOTES: :[[@LINE-90]]:9: note: return a task such as 'firecrash::task<>' from 'by_this' and co_await it, so the handler waits for the operation and sees its exceptions
    [this]() -> lib::bg { co_await lib::pause{}; flush(); }();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: lambda coroutine returns detached type 'lib::bg' and is started from request handler 'on_request'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
    // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
    // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
    // CHECK-NOTES: :[[@LINE-19]]:23: note: 'on_request' is a request handler: it is annotated 'firecrash::request_handler'
    // CHECK-NOTES: :[[@LINE-5]]:5: note: the detached operation borrows from the handler: the lambda's closure is a temporary destroyed at the end of this statement; after its first suspension the coroutine reads captures that no longer exist
    // CHECK-NOTES: :[[@LINE-6]]:50: note: the lambda in 'on_request' uses 'this' here, after it first suspends
    // CHECK-NOTES: :[[@LINE-7]]:6: note: the detached operation borrows from the handler: the lambda captures raw 'this'; nothing keeps the object alive while the coroutine runs
    // CHECK-NOTES: :[[@LINE-8]]:5: note: return a task such as 'firecrash::task<>' from the lambda in 'on_request' and co_await it, so the handler waits for the operation and sees its exceptions
    co_return;
  }
};

// Negative: values moved in and shared ownership borrow nothing.
HANDLER lib::task<> owning(lib::request req) {
  auto shared = std::make_shared<lib::request>(req);
  by_value(std::move(req));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'by_value' returns detached type 'lib::bg' and is started from request handler 'owning'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-6]]:21: note: 'owning' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-114]]:9: note: return a task such as 'firecrash::task<>' from 'by_value' and co_await it, so the handler waits for the operation and sees its exceptions
  by_shared(shared);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'by_shared' returns detached type 'lib::bg' and is started from request handler 'owning'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: {{.*}}coro.h:47:8: note: 'bg' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: {{.*}}coro.h:53:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-12]]:21: note: 'owning' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-119]]:9: note: return a task such as 'firecrash::task<>' from 'by_shared' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}
