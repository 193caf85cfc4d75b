// The seed scenario, ported from ASP.NET:
//
//   public class HomeController : Controller {
//     public async Task<ActionResult> Index() {
//       DoSomethingAsync();          // async void: fire and crash
//       return View();
//     }
//     async void DoSomethingAsync() { await Task.Delay(1000); }
//   }
//
// ASP.NET throws "An asynchronous module or handler completed while an
// asynchronous operation was still pending". The broken port fails the same
// way under request_scope; the fixed one (return a task, await it) passes.

#include "TestSupport.hpp"
#include <firecrash/runtime.hpp>
#include <gtest/gtest.h>
#include <chrono>
#include <string>
#include <thread>

namespace firecrash::test {
namespace {

/// Task.Delay: resumes on another thread after a while.
task<> delay(thread_pool &pool, std::chrono::milliseconds how_long) {
  co_await pool.schedule();
  std::this_thread::sleep_for(how_long);
}

namespace broken {
struct HomeController {
  thread_pool &pool;

  FIRECRASH_REQUEST_HANDLER task<std::string> Index() {
    DoSomethingAsync();
    co_return "View";
  }
  fire_and_forget DoSomethingAsync() {
    co_await delay(pool, std::chrono::milliseconds(50));
  }
};
} // namespace broken

namespace fixed {
struct HomeController {
  thread_pool &pool;

  FIRECRASH_REQUEST_HANDLER task<std::string> Index() {
    co_await DoSomethingAsync();
    co_return "View";
  }
  task<> DoSomethingAsync() {
    co_await delay(pool, std::chrono::milliseconds(50));
  }
};
} // namespace fixed

TEST(HomeController, BrokenPortFailsWithThePendingOperationError) {
  thread_pool pool(1);
  broken::HomeController controller{pool};
  request_scope scope;
  try {
    sync_wait(scope.run(controller.Index()));
    FAIL() << "the handler completed with its operation still pending";
  } catch (const pending_operation_error &error) {
    EXPECT_STREQ(error.what(),
                 "An asynchronous module or handler completed while an "
                 "asynchronous operation was still pending (1 outstanding)");
  }
  // The late operation still finishes, and the count returns to zero.
  while (scope.outstanding() != 0)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

TEST(HomeController, FixedPortPasses) {
  thread_pool pool(1);
  fixed::HomeController controller{pool};
  request_scope scope;
  EXPECT_EQ(sync_wait(scope.run(controller.Index())), "View");
  EXPECT_EQ(scope.outstanding(), 0u);
}

} // namespace
} // namespace firecrash::test
