// RUN: %check_clang_tidy %s firecrash-* %t -- --header-filter=asio_handler -- -I%firecrash_include

// Negative: the runtime's Asio server handler as the server test builds it,
// with the work counted by scope.token() and joined: nothing to report.
#include <firecrash/asio.hpp>

namespace net = firecrash::detail::net;
using net::awaitable;
using net::use_awaitable;
using net::ip::tcp;

#define FIRECRASH_SPAWN_TOKEN(scope) (scope).token()
#include "../../tests/runtime/asio_handler.hpp"
