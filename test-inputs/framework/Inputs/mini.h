// mini: a miniature callback-style web framework, written for firecrash's
// precision tests. It has the shapes of a real one: a lazy task with
// symmetric transfer, a detached coroutine type, a detaching API that runs a
// coroutine from a regular function, a router whose dispatcher wraps user
// coroutines, a filter chain, a middleware and a websocket client. Its code
// is correct except where a comment says "planted bug"; firecrash must
// report those and nothing else. Notes point at lines of this file: append,
// do not insert.
#pragma once
#include <coroutine>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace mini {

struct Request {
  std::string path;
  std::string body;
};
using RequestPtr = std::shared_ptr<Request>;
struct Response {
  int status = 200;
  std::string body;
};
using Callback = std::function<void(Response)>;

// A lazy task: it runs when awaited, by symmetric transfer, and transfers
// back to its awaiter when it finishes.
template <typename T = void> class Task {
public:
  struct promise_type;
  using Handle = std::coroutine_handle<promise_type>;
  struct final_awaiter {
    bool await_ready() noexcept { return false; }
    std::coroutine_handle<> await_suspend(Handle h) noexcept {
      return h.promise().continuation;
    }
    void await_resume() noexcept {}
  };
  struct promise_base {
    std::coroutine_handle<> continuation = std::noop_coroutine();
    std::exception_ptr error;
    std::suspend_always initial_suspend() noexcept { return {}; }
    final_awaiter final_suspend() noexcept { return {}; }
    void unhandled_exception() { error = std::current_exception(); }
  };
  struct promise_type : promise_base {
    std::optional<T> value;
    Task get_return_object() { return Task(Handle::from_promise(*this)); }
    void return_value(T v) { value = std::move(v); }
  };
  explicit Task(Handle h) : h(h) {}
  Task(Task &&other) noexcept : h(std::exchange(other.h, {})) {}
  ~Task() {
    if (h)
      h.destroy();
  }
  bool await_ready() const noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiting) {
    h.promise().continuation = awaiting;
    return h;
  }
  T await_resume() {
    if (h.promise().error)
      std::rethrow_exception(h.promise().error);
    return std::move(*h.promise().value);
  }

private:
  Handle h;
};

template <> class Task<void> {
public:
  struct promise_type;
  using Handle = std::coroutine_handle<promise_type>;
  struct final_awaiter {
    bool await_ready() noexcept { return false; }
    std::coroutine_handle<> await_suspend(Handle h) noexcept;
    void await_resume() noexcept {}
  };
  struct promise_type {
    std::coroutine_handle<> continuation = std::noop_coroutine();
    std::exception_ptr error;
    Task get_return_object() { return Task(Handle::from_promise(*this)); }
    std::suspend_always initial_suspend() noexcept { return {}; }
    final_awaiter final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { error = std::current_exception(); }
  };
  explicit Task(Handle h) : h(h) {}
  Task(Task &&other) noexcept : h(std::exchange(other.h, {})) {}
  ~Task() {
    if (h)
      h.destroy();
  }
  bool await_ready() const noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiting) {
    h.promise().continuation = awaiting;
    return h;
  }
  void await_resume() {
    if (h.promise().error)
      std::rethrow_exception(h.promise().error);
  }

private:
  Handle h;
};
inline std::coroutine_handle<>
Task<void>::final_awaiter::await_suspend(Handle h) noexcept {
  return h.promise().continuation;
}

// Detached: starts at once, destroys itself, nothing can await it, and an
// exception escaping it ends the process.
struct Detached {
  struct promise_type {
    Detached get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() { std::terminate(); }
  };
};

// Runs a coroutine from a regular function: an eager Detached runner takes
// the work by value and awaits the task it returns.
template <typename Work> void run_detached(Work &&work) {
  auto runner = [](std::decay_t<Work> work) -> Detached { co_await work(); };
  runner(std::forward<Work>(work));
}

// Suspends; the event loop resumes the coroutine later.
struct sleep_for {
  int milliseconds;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> resume) const;
  void await_resume() const noexcept {}
};

// Objects the framework creates once and keeps for the life of the process.
class Controller {
public:
  virtual ~Controller() = default;
};

using SyncHandler = std::function<void(const RequestPtr &, Callback &&)>;
using CoroHandler = std::function<Task<Response>(RequestPtr)>;

// The router. Its dispatcher wraps a user coroutine in the safe
// fire-and-forget idiom: the handler, the request and the callback are
// parameters taken by value (they live in the coroutine's frame) and the
// whole body is guarded, so the coroutine owns its state and no exception
// can escape it.
class Router : public Controller {
public:
  void add(const std::string &path, SyncHandler handler) {
    routes[path] = std::move(handler);
  }
  void add(const std::string &path, CoroHandler handler) {
    routes[path] = [handler = std::move(handler)](const RequestPtr &req,
                                                  Callback &&callback) {
      [](CoroHandler handler, RequestPtr req, Callback callback) -> Detached {
        try {
          Response resp = co_await handler(req);
          callback(std::move(resp));
        } catch (...) {
          callback(Response{500, "internal error"});
        }
      }(handler, req, std::move(callback));
    };
  }
  void dispatch(const RequestPtr &req, Callback &&callback) {
    auto route = routes.find(req->path);
    if (route == routes.end()) {
      callback(Response{404, "not found"});
      return;
    }
    route->second(req, std::move(callback));
  }

private:
  std::map<std::string, SyncHandler> routes;
};

// The filter chain: a filter decides asynchronously whether a request goes
// on. The work captures the filter's 'this' (the framework keeps filters),
// the request (shared ownership) and the continuations (copies).
class FilterBase {
public:
  virtual ~FilterBase() = default;
  virtual void doFilter(const RequestPtr &req, Callback &&reject,
                        std::function<void()> &&next) = 0;
};
template <typename Derived> class CoroFilter : public FilterBase {
public:
  void doFilter(const RequestPtr &req, Callback &&reject,
                std::function<void()> &&next) final {
    run_detached([this, req, reject = std::move(reject),
                  next = std::move(next)]() -> Task<> {
      std::optional<Response> denied;
      try {
        denied = co_await static_cast<Derived *>(this)->check(req);
      } catch (...) {
        denied = Response{500, "filter failed"};
      }
      if (denied)
        reject(std::move(*denied));
      else
        next();
    });
  }
};

// A middleware around every handler, the same way.
class MiddlewareBase {
public:
  virtual ~MiddlewareBase() = default;
  virtual void invoke(const RequestPtr &req,
                      std::function<void(Callback &&)> &&next,
                      Callback &&done) = 0;
};
class TimingMiddleware : public MiddlewareBase {
public:
  void invoke(const RequestPtr &req, std::function<void(Callback &&)> &&next,
              Callback &&done) override {
    run_detached([this, req, next = std::move(next),
                  done = std::move(done)]() -> Task<> {
      co_await sleep_for{0};
      ++requests;
      next([done](Response resp) { done(std::move(resp)); });
    });
  }
  int requests = 0;
};

// A websocket client. A message handler coroutine gets the callable and the
// message as parameters, so both live in its frame.
class WebSocketClient {
public:
  void setMessageHandler(std::function<void(std::string &&)> handler) {
    onMessage = std::move(handler);
  }
  void setAsyncMessageHandler(std::function<Task<>(std::string)> callback) {
    setMessageHandler([callback](std::string &&message) {
      [](std::function<Task<>(std::string)> callback,
         std::string message) -> Detached {
        try {
          co_await callback(std::move(message));
        } catch (...) {
        }
      }(callback, std::move(message));
    });
  }
  void setCloseHandler(std::function<void()> handler) {
    onClose = std::move(handler);
  }
  // Planted bug: the callable is a capture of a temporary closure, and the
  // task it returns can point into that copy after the closure is gone.
  void setAsyncCloseHandler(std::function<Task<>()> callback) {
    setCloseHandler([callback]() {
      [callback]() -> Detached {
        try {
          co_await callback();
        } catch (...) {
        }
      }();
    });
  }

private:
  std::function<void(std::string &&)> onMessage;
  std::function<void()> onClose;
};

} // namespace mini
