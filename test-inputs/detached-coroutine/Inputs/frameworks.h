// Declarations shaped like the web frameworks' own, enough to name their
// request, response and controller types. Notes point at lines of this file:
// append, do not insert.
#pragma once
#include <coroutine>
#include <exception>
#include <functional>
#include <memory>

namespace drogon {
class HttpRequest {};
using HttpRequestPtr = std::shared_ptr<HttpRequest>;
class HttpResponse {};
using HttpResponsePtr = std::shared_ptr<HttpResponse>;
template <typename T, bool AutoCreation = true> class HttpController {};
template <typename T, bool AutoCreation = true> class HttpSimpleController {};

// Drogon's detached coroutine type: eager, self-destroying, not awaitable.
struct AsyncTask {
  struct promise_type {
    AsyncTask get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() const noexcept { return {}; }
    std::suspend_never final_suspend() const noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() { std::terminate(); }
  };
};

// Drogon's lazy, awaitable task.
template <typename T = void> struct Task {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_value(T) {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  T await_resume() const noexcept { return T(); }
};
template <> struct Task<void> {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
} // namespace drogon

namespace boost::beast::http {
struct fields {};
struct string_body {};
template <bool IsRequest, class Body, class Fields = fields> struct message {};
template <class Body, class Fields = fields>
using request = message<true, Body, Fields>;
template <class Body, class Fields = fields>
using response = message<false, Body, Fields>;
} // namespace boost::beast::http

namespace firecrash {
class request_scope {};
} // namespace firecrash

namespace shop {
struct http_request {};
} // namespace shop

// Drogon-shaped pieces the precision inputs use: an awaitable that
// suspends, the bases of framework-owned objects, and the detaching API.
namespace drogon {
struct sleep_awaiter {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
inline sleep_awaiter sleepCoro(double) { return {}; }
HttpResponsePtr makeResponse(const HttpRequest &req);
HttpResponsePtr errorResponse();
using ResponseCallback = std::function<void(const HttpResponsePtr &)>;
class HttpFilterBase {
public:
  virtual ~HttpFilterBase() = default;
};
class HttpMiddlewareBase {
public:
  virtual ~HttpMiddlewareBase() = default;
};
class PluginBase {
public:
  virtual ~PluginBase() = default;
};
} // namespace drogon

namespace drogon {
// The detaching API: runs a coroutine from a regular function, through an
// eager AsyncTask that awaits it.
template <typename Coro> void async_run(Coro &&coro) {
  auto functor = [](std::decay_t<Coro> coro) -> AsyncTask {
    auto frame = coro();
    co_await frame;
  };
  functor(static_cast<Coro &&>(coro));
}
} // namespace drogon
