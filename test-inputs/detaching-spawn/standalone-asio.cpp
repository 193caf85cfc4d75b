// RUN: %check_clang_tidy %s firecrash-detaching-spawn %t -- \
// RUN:   -config="{CheckOptions: {HandlerFunctions: '^handle_', RequireBorrowedState: false}}" -- \
// RUN:   -DASIO_HAS_CO_AWAIT -DASIO_HAS_STD_COROUTINE

// Against the real standalone Asio (Debian's libasio-dev): co_spawn detaches
// only with asio::detached.
#include <asio.hpp>

asio::awaitable<void> audit(int id) { co_return; }


// The bug, with standalone Asio's token.
asio::awaitable<void> handle_order(int id) {
  auto executor = co_await asio::this_coro::executor;
  asio::co_spawn(executor, audit(id), asio::detached);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'asio::co_spawn' detaches work from request handler 'handle_order'; the handler can complete while this operation is still outstanding [firecrash-detaching-spawn]
  // CHECK-NOTES: :[[@LINE-2]]:39: note: 'asio::co_spawn' completes through 'asio::detached', which gives nothing to await: the work runs detached ('::asio::co_spawn[handler]' in option 'DetachingCallees'); co_await the work instead (co_spawn with use_awaitable), or pass the request's 'firecrash::request_scope' token() and co_await 'firecrash::asio::async_join'
  // CHECK-NOTES: :[[@LINE-5]]:23: note: 'handle_order' is a request handler: its name matches '^handle_' in option 'HandlerFunctions'
}

// Negative: the same call awaited.
asio::awaitable<void> handle_order_awaited(int id) {
  auto executor = co_await asio::this_coro::executor;
  co_await asio::co_spawn(executor, audit(id), asio::use_awaitable);
}
