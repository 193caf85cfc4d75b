// The ASP.NET seed, in C++ with the firecrash runtime: the broken handler
// starts detached work and returns first; request_scope reports it the way
// ASP.NET does. The fixed handler returns a task and awaits it.
//
//   build/examples/firecrash_example_home_controller
#include <firecrash/runtime.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

namespace {

/// Task.Delay: resumes the coroutine on a new thread after a while.
struct delay {
  std::chrono::milliseconds how_long;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> handle) const {
    std::thread([handle, ms = how_long] {
      std::this_thread::sleep_for(ms);
      handle.resume();
    }).detach();
  }
  void await_resume() const noexcept {}
};

namespace broken {
// public async Task<ActionResult> Index() { DoSomethingAsync(); return View(); }
// async void DoSomethingAsync() { await Task.Delay(100); }
firecrash::fire_and_forget DoSomethingAsync() {
  co_await delay{std::chrono::milliseconds(100)};
}
FIRECRASH_REQUEST_HANDLER firecrash::task<std::string> Index() {
  DoSomethingAsync();
  co_return "View";
}
} // namespace broken

namespace fixed {
// public async Task<ActionResult> Index() { await DoSomethingAsync(); return View(); }
// async Task DoSomethingAsync() { await Task.Delay(100); }
firecrash::task<> DoSomethingAsync() {
  co_await delay{std::chrono::milliseconds(100)};
}
FIRECRASH_REQUEST_HANDLER firecrash::task<std::string> Index() {
  co_await DoSomethingAsync();
  co_return "View";
}
} // namespace fixed

} // namespace

int main() {
  int failures = 0;
  {
    firecrash::request_scope scope;
    try {
      std::string view = firecrash::sync_wait(scope.run(broken::Index()));
      std::printf("broken: returned '%s' (unexpected)\n", view.c_str());
      ++failures;
    } catch (const firecrash::pending_operation_error &error) {
      std::printf("broken: %s\n", error.what());
    }
    while (scope.outstanding() != 0) // let the late work finish
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  {
    firecrash::request_scope scope;
    try {
      std::string view = firecrash::sync_wait(scope.run(fixed::Index()));
      std::printf("fixed: returned '%s'\n", view.c_str());
    } catch (const std::exception &error) {
      std::printf("fixed: %s (unexpected)\n", error.what());
      ++failures;
    }
  }
  return failures;
}
