// RUN: %check_clang_tidy %s firecrash-* %t -- --header-filter=asio_handler -- -I%firecrash_include

// The request handler of the runtime's Asio server test
// (tests/runtime/asio_handler.hpp), built with plain 'detached' instead of
// scope.token(): the spawned audit borrows the request's body and nobody
// waits for it. With scope.token() the same source is quiet, and the server
// test shows it correct under ASan and TSan.
#include <firecrash/asio.hpp>

namespace net = firecrash::detail::net;
using net::awaitable;
using net::use_awaitable;
using net::ip::tcp;

#define FIRECRASH_SPAWN_TOKEN(scope) net::detached
#include "../../tests/runtime/asio_handler.hpp"
// CHECK-NOTES: {{.*}}asio_handler.hpp:29:3: warning: call to 'boost::asio::co_spawn' detaches work from request handler 'handle'; the handler can complete while this operation is still outstanding [firecrash-detaching-spawn]
// CHECK-NOTES: {{.*}}asio_handler.hpp:29:35: note: 'boost::asio::co_spawn' completes through 'FIRECRASH_SPAWN_TOKEN(scope)', which gives nothing to await: the work runs detached ('::boost::asio::co_spawn[handler]' in option 'DetachingCallees'); co_await the work instead (co_spawn with use_awaitable), or pass the request's 'firecrash::request_scope' token() and co_await 'firecrash::asio::async_join'
// CHECK-NOTES: {{.*}}asio_handler.hpp:23:43: note: 'handle' is a request handler: it serves a connection, taking 'socket' of type 'tcp::socket' by value, listed as '::boost::asio::basic_stream_socket' in option 'HandlerConnectionTypes'
// CHECK-NOTES: {{.*}}asio_handler.hpp:29:28: note: the detached operation borrows from the handler: reference parameter 'body' refers to handler local 'body'
// CHECK-NOTES: {{.*}}asio_handler.hpp:19:38: note: 'audit' uses 'body' here, after it first suspends
