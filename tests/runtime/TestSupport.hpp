// Helpers for the runtime tests: a thread pool to resume coroutines on, and
// a one-shot event a coroutine can wait for.
#ifndef FIRECRASH_TESTS_RUNTIME_TESTSUPPORT_HPP
#define FIRECRASH_TESTS_RUNTIME_TESTSUPPORT_HPP

#include <condition_variable>
#include <coroutine>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace firecrash::test {

/// Resumes coroutines on its worker threads.
class thread_pool {
public:
  explicit thread_pool(unsigned threads) {
    for (unsigned i = 0; i < threads; ++i)
      workers_.emplace_back([this] { work(); });
  }
  ~thread_pool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (std::thread &worker : workers_)
      worker.join();
  }

  void post(std::coroutine_handle<> handle) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      queue_.push_back(handle);
    }
    ready_.notify_one();
  }

  /// co_await pool.schedule() continues on a worker thread.
  auto schedule() {
    struct awaiter {
      thread_pool *pool;
      bool await_ready() const noexcept { return false; }
      void await_suspend(std::coroutine_handle<> handle) { pool->post(handle); }
      void await_resume() const noexcept {}
    };
    return awaiter{this};
  }

private:
  void work() {
    for (;;) {
      std::coroutine_handle<> next;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty())
          return;
        next = queue_.front();
        queue_.pop_front();
      }
      next.resume();
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::coroutine_handle<>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

/// A one-shot event: co_await waits until set(); set() resumes the waiter
/// on the setting thread.
class event {
public:
  void set() {
    std::coroutine_handle<> waiter;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      is_set_ = true;
      waiter = std::exchange(waiter_, {});
    }
    if (waiter)
      waiter.resume();
  }

  auto operator co_await() {
    struct awaiter {
      event *self;
      bool await_ready() const noexcept { return false; }
      bool await_suspend(std::coroutine_handle<> handle) {
        std::lock_guard<std::mutex> lock(self->mutex_);
        if (self->is_set_)
          return false;
        self->waiter_ = handle;
        return true;
      }
      void await_resume() const noexcept {}
    };
    return awaiter{this};
  }

private:
  std::mutex mutex_;
  bool is_set_ = false;
  std::coroutine_handle<> waiter_;
};

} // namespace firecrash::test

#endif // FIRECRASH_TESTS_RUNTIME_TESTSUPPORT_HPP
