// RUN: %check_clang_tidy %s firecrash-detaching-spawn %t -- \
// RUN:   -config="{CheckOptions: {RequireBorrowedState: false}}" -- -I%firecrash_include

// Every default detaching API, and every structured spawn that is not
// reported, one per handler; RequireBorrowedState is off so that work that
// borrows nothing is reported too. Asio's co_spawn has inputs of its own, against
// the real Boost.Asio and standalone Asio headers.
#include <firecrash/runtime.hpp>
#include <thread>

// Small stand-ins for libraries Debian does not package.
namespace stdexec {
struct sender {};
inline constexpr struct start_detached_t {
  void operator()(sender) const {}
} start_detached{};
} // namespace stdexec
// C++26 [exec.counting.scopes], [exec.spawn]: a scope hands out tokens and
// joins with a sender; spawn(sender, token) starts the work in the scope.
namespace std::execution {
struct sender {};
class counting_scope {
public:
  struct token {
    counting_scope *scope;
  };
  token get_token() noexcept { return {this}; }
  sender join() noexcept;
  void close() noexcept;
};
void start_detached(sender);
template <class Sndr, class Token> void spawn(Sndr &&sndr, Token token);
} // namespace std::execution
namespace std::this_thread {
template <class Sndr> void sync_wait(Sndr &&sndr);
} // namespace std::this_thread
namespace drogon {
template <typename F> void async_run(F &&coro) {}
} // namespace drogon
namespace folly::coro {
struct AsyncScope {
  void add(firecrash::task<> work);
};
} // namespace folly::coro
namespace cppcoro {
struct async_scope {
  void spawn(firecrash::task<> work);
};
} // namespace cppcoro
namespace unifex {
struct scope {};
template <typename S> void spawn_detached(S sender, scope &s) {}
} // namespace unifex
namespace seastar {
struct gate {};
template <typename F> void with_gate(gate &g, F &&f) {}
} // namespace seastar

void work();
firecrash::task<> async_work();

FIRECRASH_REQUEST_HANDLER firecrash::task<> thread_detach() {
  std::thread t(work);
  t.detach();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'std::thread::detach' detaches work from request handler 'thread_detach'; the handler can complete while this operation is still outstanding [firecrash-detaching-spawn]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'std::thread::detach' is listed as '::std::thread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:45: note: 'thread_detach' is a request handler: it is annotated 'firecrash::request_handler'
  co_return;
}

FIRECRASH_REQUEST_HANDLER firecrash::task<> jthread_detach(int id) {
  std::jthread t([&id] { (void)id; });
  t.detach();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'std::jthread::detach' detaches work from request handler 'jthread_detach'; the handler can complete while this operation is still outstanding [firecrash-detaching-spawn]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'std::jthread::detach' is listed as '::std::jthread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:45: note: 'jthread_detach' is a request handler: it is annotated 'firecrash::request_handler'
  // CHECK-NOTES: :[[@LINE-5]]:20: note: the detached operation borrows from the handler: the lambda captures handler parameter 'id' by reference
  co_return;
}

FIRECRASH_REQUEST_HANDLER firecrash::task<> stdexec_start_detached() {
  stdexec::start_detached(stdexec::sender{});
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'stdexec::start_detached' detaches work from request handler 'stdexec_start_detached'; the handler can complete while this operation is still outstanding [firecrash-detaching-spawn]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'stdexec::start_detached' is listed as '::stdexec::start_detached' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-4]]:45: note: 'stdexec_start_detached' is a request handler: it is annotated 'firecrash::request_handler'
  co_return;
}

FIRECRASH_REQUEST_HANDLER firecrash::task<> std_start_detached() {
  std::execution::start_detached(std::execution::sender{});
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'std::execution::start_detached' detaches work from request handler 'std_start_detached'; the handler can complete while this operation is still outstanding [firecrash-detaching-spawn]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'std::execution::start_detached' is listed as '::std::execution::start_detached' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-4]]:45: note: 'std_start_detached' is a request handler: it is annotated 'firecrash::request_handler'
  co_return;
}

// C++26 spawn onto a scope the handler does not join: the scope's owner
// joins it after the handler has completed.
FIRECRASH_REQUEST_HANDLER firecrash::task<>
std_spawn(std::execution::counting_scope &counting) {
  std::execution::spawn(std::execution::sender{}, counting.get_token());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'std::execution::spawn' detaches work from request handler 'std_spawn'; the handler can complete while this operation is still outstanding [firecrash-detaching-spawn]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'std::execution::spawn' is listed as '::std::execution::spawn' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-4]]:1: note: 'std_spawn' is a request handler: it is annotated 'firecrash::request_handler'
  co_return;
}

// Negative: the handler joins the scope before it returns.
FIRECRASH_REQUEST_HANDLER firecrash::task<> std_spawn_joined() {
  std::execution::counting_scope counting;
  std::execution::spawn(std::execution::sender{}, counting.get_token());
  std::this_thread::sync_wait(counting.join());
  co_return;
}

FIRECRASH_REQUEST_HANDLER firecrash::task<> drogon_async_run() {
  drogon::async_run([]() -> firecrash::task<> { co_return; });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'drogon::async_run' detaches work from request handler 'drogon_async_run'; the handler can complete while this operation is still outstanding [firecrash-detaching-spawn]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'drogon::async_run' is listed as '::drogon::async_run' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-4]]:45: note: 'drogon_async_run' is a request handler: it is annotated 'firecrash::request_handler'
  co_return;
}

// Through a helper.
void fire_thread() { std::thread(work).detach(); }
FIRECRASH_REQUEST_HANDLER firecrash::task<> through_helper() {
  fire_thread();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'std::thread::detach' detaches work through 'fire_thread' from request handler 'through_helper'; the handler can complete while this operation is still outstanding [firecrash-detaching-spawn]
  // CHECK-NOTES: :[[@LINE-4]]:22: note: 'fire_thread' detaches work with 'std::thread::detach' here
  // CHECK-NOTES: :[[@LINE-5]]:22: note: 'std::thread::detach' is listed as '::std::thread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:45: note: 'through_helper' is a request handler: it is annotated 'firecrash::request_handler'
  co_return;
}

// Negative: joined threads.
FIRECRASH_REQUEST_HANDLER firecrash::task<> thread_join() {
  std::thread t(work);
  t.join();
  std::jthread joins_on_destruction(work);
  co_return;
}

// Negative: structured spawns, joined by their scopes.
FIRECRASH_REQUEST_HANDLER firecrash::task<>
structured(firecrash::request_scope &scope, folly::coro::AsyncScope &folly,
           cppcoro::async_scope &cppcoro, unifex::scope &unifex,
           seastar::gate &gate) {
  scope.spawn(async_work());
  folly.add(async_work());
  cppcoro.spawn(async_work());
  unifex::spawn_detached(stdexec::sender{}, unifex);
  seastar::with_gate(gate, [] {});
  co_await scope.join();
}

// Negative: not a request handler.
firecrash::task<> background() {
  std::thread(work).detach();
  co_return;
}

// Negative: the same detaching calls outside request handlers.
firecrash::task<> startup() {
  stdexec::start_detached(stdexec::sender{});
  std::execution::start_detached(std::execution::sender{});
  drogon::async_run([]() -> firecrash::task<> { co_return; });
  co_return;
}
