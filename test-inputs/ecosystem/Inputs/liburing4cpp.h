// A stand-in for liburing4cpp (github.com/CarterLi/liburing4cpp), an
// io_uring coroutine library, following its class structure where firecrash
// reads it (checked against its headers):
//  - uio::task<T, nothrow> is eager (its promise's initial_suspend() never
//    suspends) and detaches the coroutine when destroyed unfinished;
//  - uio::io_service's operations (recv, send, read, poll, accept, close,
//    timeout) return sqe_awaitable, whose 'operator co_await' suspends
//    until io_service::run() sees the completion;
//  - run(const task&) runs the ring until the task it is given is done;
//  - operator|(sqe_awaitable, panic_on_err&&) is an eager coroutine that
//    awaits the operation and then reads the panic_on_err it was given;
//  - on_scope_exit calls its function object from its destructor.
// Notes point at lines of this file: append, do not insert.
#pragma once
#include <coroutine>
#include <exception>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace uio {
template <typename T = void, bool nothrow = false> struct task;

template <typename T, bool nothrow> struct task_promise_base {
  task<T, nothrow> get_return_object();
  auto initial_suspend() { return std::suspend_never(); }
  auto final_suspend() noexcept {
    struct Awaiter : std::suspend_always {
      task_promise_base *me_;
      Awaiter(task_promise_base *me) : me_(me) {}
      std::coroutine_handle<>
      await_suspend(std::coroutine_handle<>) const noexcept {
        return me_->waiter_ ? me_->waiter_ : std::noop_coroutine();
      }
    };
    return Awaiter(this);
  }
  void unhandled_exception() {}

protected:
  std::coroutine_handle<> waiter_;
  std::variant<std::monostate, std::monostate, std::exception_ptr,
               std::monostate>
      result_;
  friend struct task<T, nothrow>;
};

template <typename T, bool nothrow>
struct task_promise final : task_promise_base<T, nothrow> {
  template <typename U> void return_value(U &&) {}
};
template <bool nothrow>
struct task_promise<void, nothrow> final : task_promise_base<void, nothrow> {
  void return_void() {}
};

template <typename T, bool nothrow> struct task final {
  using promise_type = task_promise<T, nothrow>;
  using handle_t = std::coroutine_handle<promise_type>;
  task(const task &) = delete;
  task(task &&other) noexcept : coro_(std::exchange(other.coro_, nullptr)) {}
  bool await_ready() { return coro_.done(); }
  template <typename T_, bool nothrow_>
  void
  await_suspend(std::coroutine_handle<task_promise<T_, nothrow_>> caller) noexcept {
    coro_.promise().waiter_ = caller;
  }
  T await_resume() const;
  bool done() const { return coro_.done(); }
  ~task() {
    if (coro_ && !coro_.done())
      coro_.promise().result_.template emplace<3>(std::monostate{});
  }

private:
  friend struct task_promise_base<T, nothrow>;
  task(promise_type *p) : coro_(handle_t::from_promise(*p)) {}
  handle_t coro_;
};

template <typename T, bool nothrow>
task<T, nothrow> task_promise_base<T, nothrow>::get_return_object() {
  return task<T, nothrow>(static_cast<task_promise<T, nothrow> *>(this));
}

struct sqe_awaitable {
  auto operator co_await() {
    struct await_sqe {
      int result = 0;
      bool await_ready() const noexcept { return false; }
      void await_suspend(std::coroutine_handle<>) noexcept {}
      int await_resume() const noexcept { return result; }
    };
    return await_sqe{};
  }
};

class io_service {
public:
  io_service(int entries = 64);
  ~io_service() noexcept;
  sqe_awaitable read(int fd, void *buf, unsigned nbytes, long offset,
                     unsigned char iflags = 0) noexcept;
  sqe_awaitable recv(int sockfd, void *buf, unsigned nbytes, int flags,
                     unsigned char iflags = 0) noexcept;
  sqe_awaitable send(int sockfd, const void *buf, unsigned nbytes, int flags,
                     unsigned char iflags = 0) noexcept;
  sqe_awaitable poll(int fd, short poll_mask, unsigned char iflags = 0) noexcept;
  sqe_awaitable accept(int fd, void *addr, void *addrlen, int flags = 0,
                       unsigned char iflags = 0) noexcept;
  sqe_awaitable close(int fd, unsigned char iflags = 0) noexcept;
  sqe_awaitable timeout(void *ts, unsigned char iflags = 0) noexcept;
  template <typename T, bool nothrow>
  T run(const task<T, nothrow> &t) noexcept(nothrow) {
    while (!t.done())
      step();
    return T();
  }

private:
  void step();
};

struct panic_on_err {
  panic_on_err(std::string_view command, bool use_errno)
      : command(command), use_errno(use_errno) {}
  std::string_view command;
  bool use_errno;
};
[[noreturn]] void panic(std::string_view sv, int err);
inline int operator|(int ret, panic_on_err &&poe) {
  if (ret < 0)
    panic(poe.command, -ret);
  return ret;
}
inline task<int> operator|(sqe_awaitable tret, panic_on_err &&poe) {
  int ret = co_await tret;
  if (ret < 0)
    panic(poe.command, -ret);
  co_return ret;
}

template <typename Fn> struct on_scope_exit {
  on_scope_exit(Fn &&fn) : _fn(std::move(fn)) {}
  ~on_scope_exit() { this->_fn(); }

private:
  Fn _fn;
};
} // namespace uio
