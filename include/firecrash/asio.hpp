// firecrash runtime: request_scope for Boost.Asio and standalone Asio.
//
// Optional, header-only, no link dependency. It uses Boost.Asio when
// <boost/asio.hpp> is already included or available, and standalone Asio when
// <asio.hpp> is already included, or when FIRECRASH_STANDALONE_ASIO is
// defined, or when Boost.Asio is not installed.
//
//   firecrash::request_scope scope;
//   co_spawn(ex, audit(request), scope.token());       // counted, not detached
//   co_await firecrash::asio::async_join(scope, use_awaitable);  // wait for it
//   co_await firecrash::asio::run(scope, handle(request));       // check it
//
// scope.token() is the completion token (request_scope::completion_token):
// the work counts as outstanding until it finishes, and its exception is kept
// for the join. async_join completes on the handler's associated executor once
// nothing is outstanding, with the first exception any of the work threw.
// run() reports a handler that completes while work is still outstanding
// (pending_operation_error by default), exactly as request_scope::run does for
// task<T>. All of it is thread-safe on a multi-threaded io_context.
#ifndef FIRECRASH_ASIO_HPP
#define FIRECRASH_ASIO_HPP

#include "request_scope.hpp"
#include <exception>
#include <memory>
#include <utility>

#if defined(FIRECRASH_STANDALONE_ASIO) ||                                      \
    (defined(ASIO_VERSION) && !defined(BOOST_ASIO_VERSION)) ||                 \
    (!defined(BOOST_ASIO_VERSION) && !__has_include(<boost/asio.hpp>) &&      \
     __has_include(<asio.hpp>))
#include <asio.hpp>
namespace firecrash::detail {
namespace net = ::asio;
} // namespace firecrash::detail
#else
#include <boost/asio.hpp>
namespace firecrash::detail {
namespace net = ::boost::asio;
} // namespace firecrash::detail
#endif

namespace firecrash::asio {

/// Completes once nothing started under \p scope is outstanding, on the
/// completion handler's associated executor, with the first exception any
/// of the work threw (or null). Signature: void(std::exception_ptr).
template <typename CompletionToken>
auto async_join(const request_scope &scope, CompletionToken &&token) {
  auto initiation = [](auto handler, request_scope scope_copy) {
    // Keep the executor busy while we wait, and complete on it.
    auto work = detail::net::make_work_guard(handler);
    auto shared = std::make_shared<decltype(handler)>(std::move(handler));
    scope_copy.when_idle([shared, work, scope_copy]() mutable {
      auto executor = work.get_executor();
      detail::net::post(executor, [shared, scope_copy, work]() mutable {
        std::exception_ptr error = scope_copy.take_exception();
        (*shared)(error);
        work.reset();
      });
    });
  };
  return detail::net::async_initiate<CompletionToken, void(std::exception_ptr)>(
      initiation, token, scope);
}

/// Runs the Asio coroutine \p handler, then applies \p scope's pending
/// policy if work it started is still outstanding (pending_operation_error
/// by default), else rethrows the first exception that escaped that work.
template <typename T, typename Executor>
detail::net::awaitable<T, Executor>
run(request_scope scope, detail::net::awaitable<T, Executor> handler) {
  if constexpr (std::is_void_v<T>) {
    co_await std::move(handler);
    scope.complete();
  } else {
    T value = co_await std::move(handler);
    scope.complete();
    co_return value;
  }
}

} // namespace firecrash::asio

#endif // FIRECRASH_ASIO_HPP
