// RUN: %check_clang_tidy %s firecrash-* %t -- --header-filter=asio_handler -- -I%firecrash_include
// RUN: %check_clang_tidy -check-suffix=ANY-CO-SPAWN %s firecrash-* %t -- --header-filter=asio_handler \
// RUN:   -config="{CheckOptions: {DetachingCallees: '::boost::asio::co_spawn'}}" -- -I%firecrash_include

// Negative: the runtime's Asio server handler as the server test builds it,
// with the work counted by scope.token() and joined: nothing to report, even
// when every co_spawn is listed as detaching (the token makes it structured,
// by StructuredCallees' default).
#include <firecrash/asio.hpp>

namespace net = firecrash::detail::net;
using net::awaitable;
using net::use_awaitable;
using net::ip::tcp;

#define FIRECRASH_SPAWN_TOKEN(scope) (scope).token()
#include "../../tests/runtime/asio_handler.hpp"
