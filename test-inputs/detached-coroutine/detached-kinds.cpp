// RUN: %check_clang_tidy %s firecrash-detached-coroutine %t

// What makes a coroutine's return type detached, one kind per callee, and
// what each promise does with an exception that escapes.
#include <coroutine>
#include <exception>

#define HANDLER [[clang::annotate("firecrash::request_handler")]]

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

// (a) C++'s "async void": a coroutine_traits specialization makes void
// coroutines possible; this promise swallows exceptions.
template <typename... Args> struct std::coroutine_traits<void, Args...> {
  struct promise_type {
    void get_return_object() {}
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
void async_void(int id) { co_await std::suspend_always{}; }

HANDLER task calls_async_void(int id) {
  async_void(id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'async_void' returns detached type 'void' and is started from request handler 'calls_async_void'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: :[[@LINE-5]]:6: note: 'async_void' is a coroutine returning 'void': it starts at once and nobody can co_await it
  // CHECK-NOTES: :[[@LINE-9]]:10: note: an exception escaping the coroutine is swallowed: unhandled_exception() neither rethrows nor terminates, so nobody sees the error
  // CHECK-NOTES: :[[@LINE-5]]:14: note: 'calls_async_void' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-8]]:6: note: return a task such as 'firecrash::task<>' from 'async_void' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// (b) Structurally detached through an awaiter whose await_ready() is
// constant true; this promise rethrows.
struct ready_awaiter {
  constexpr bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
struct eager_fire {
  struct promise_type {
    eager_fire get_return_object() { return {}; }
    ready_awaiter initial_suspend() noexcept { return {}; }
    ready_awaiter final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { throw; }
  };
};
eager_fire fire(int id) { co_await std::suspend_always{}; }

HANDLER task calls_ready_awaiter(int id) {
  fire(id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'fire' returns detached type 'eager_fire' and is started from request handler 'calls_ready_awaiter'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: :[[@LINE-14]]:8: note: 'eager_fire' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'ready_awaiter', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: :[[@LINE-9]]:10: note: an exception escaping the coroutine is rethrown by unhandled_exception() into whichever thread resumes it, where nothing catches it
  // CHECK-NOTES: :[[@LINE-5]]:14: note: 'calls_ready_awaiter' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-8]]:12: note: return a task such as 'firecrash::task<>' from 'fire' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// (b) Structurally detached through a class template specialization named
// by an alias, with only a declaration of the callee; this one terminates.
template <typename Tag> struct detached_t {
  struct promise_type {
    detached_t get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};
using job = detached_t<struct job_tag>;
job declared_job(int id);

HANDLER task calls_alias_of_specialization(int id) {
  declared_job(id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'declared_job' returns detached type 'job' and is started from request handler 'calls_alias_of_specialization'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: :[[@LINE-15]]:32: note: 'detached_t<job_tag>' is detached: its promise starts eagerly and destroys itself (initial_suspend() and final_suspend() both return 'std::suspend_never', which never suspends) and it cannot be co_awaited
  // CHECK-NOTES: :[[@LINE-10]]:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
  // CHECK-NOTES: :[[@LINE-5]]:14: note: 'calls_alias_of_specialization' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-8]]:5: note: return a task such as 'firecrash::task<>' from 'declared_job' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// (c) Listed in option DetachedTypes by default; its promise is not visible,
// so the exception policy is unknown.
namespace winrt {
struct fire_and_forget {
  struct promise_type;
};
} // namespace winrt
winrt::fire_and_forget listed(int id);

HANDLER task calls_listed(int id) {
  listed(id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'listed' returns detached type 'winrt::fire_and_forget' and is started from request handler 'calls_listed'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: :[[@LINE-9]]:8: note: 'fire_and_forget' is detached: it is listed as '::winrt::fire_and_forget' in option 'DetachedTypes'
  // CHECK-NOTES: :[[@LINE-10]]:8: note: what happens to an exception escaping the coroutine is unknown: no definition of unhandled_exception() is visible
  // CHECK-NOTES: :[[@LINE-5]]:14: note: 'calls_listed' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-8]]:24: note: return a task such as 'firecrash::task<>' from 'listed' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// (d) Annotated, on the type or on an alias of a type.
struct [[clang::annotate("firecrash::detached")]] marked {
  struct promise_type {
    marked get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
marked annotated(int id);

struct plain_handle {
  struct promise_type;
};
using spawned [[clang::annotate("firecrash::detached")]] = plain_handle;
spawned annotated_alias(int id);

HANDLER task calls_annotated(int id) {
  annotated(id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'annotated' returns detached type 'marked' and is started from request handler 'calls_annotated'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: :[[@LINE-20]]:51: note: 'marked' is detached: it is annotated 'firecrash::detached'
  // CHECK-NOTES: :[[@LINE-15]]:10: note: an exception escaping the coroutine is swallowed: unhandled_exception() neither rethrows nor terminates, so nobody sees the error
  // CHECK-NOTES: :[[@LINE-5]]:14: note: 'calls_annotated' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-14]]:8: note: return a task such as 'firecrash::task<>' from 'annotated' and co_await it, so the handler waits for the operation and sees its exceptions
  annotated_alias(id);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: coroutine 'annotated_alias' returns detached type 'spawned' and is started from request handler 'calls_annotated'; the handler can complete while this operation is still outstanding [firecrash-detached-coroutine]
  // CHECK-NOTES: :[[@LINE-12]]:7: note: 'spawned' is detached: it is annotated 'firecrash::detached'
  // CHECK-NOTES: :[[@LINE-13]]:7: note: what happens to an exception escaping the coroutine is unknown: no definition of unhandled_exception() is visible
  // CHECK-NOTES: :[[@LINE-11]]:14: note: 'calls_annotated' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-14]]:9: note: return a task such as 'firecrash::task<>' from 'annotated_alias' and co_await it, so the handler waits for the operation and sees its exceptions
  co_return;
}

// Negative: a void function that is not a coroutine.
void plain_void(int id);

// Negative: eager and self-destroying, but awaitable through a free
// operator co_await.
struct eager_awaitable {
  struct promise_type {
    eager_awaitable get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
ready_awaiter operator co_await(eager_awaitable);
eager_awaitable eager_work(int id);

// Negative: starts eagerly but suspends at the end, so someone owns it.
struct eager_owned {
  struct promise_type {
    eager_owned get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
eager_owned owned_work(int id);

// Negative: await_ready() is not constant.
struct maybe_ready {
  bool ready = false;
  bool await_ready() const noexcept { return ready; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
struct sometimes {
  struct promise_type {
    sometimes get_return_object() { return {}; }
    maybe_ready initial_suspend() noexcept { return {}; }
    maybe_ready final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
sometimes maybe_work(int id);

HANDLER task calls_nothing_detached(int id) {
  plain_void(id);
  co_await eager_work(id);
  owned_work(id);
  maybe_work(id);
  co_return;
}
