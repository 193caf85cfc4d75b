// Tests of the companion runtime: task, fire_and_forget, request_scope,
// sync_wait. The same sources build plain, under ThreadSanitizer and under
// AddressSanitizer+UndefinedBehaviorSanitizer.

#include "TestSupport.hpp"
#include <firecrash/runtime.hpp>
#include <gtest/gtest.h>
#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

namespace firecrash::test {
namespace {

static_assert(!std::is_copy_constructible_v<task<int>>);
static_assert(std::is_nothrow_move_constructible_v<task<int>>);

task<int> forty_two() { co_return 42; }
task<int> add_one(task<int> inner) { co_return co_await std::move(inner) + 1; }
task<> fail() {
  throw std::runtime_error("boom");
  co_return;
}

TEST(Task, ReturnsItsValueToTheAwaiter) {
  EXPECT_EQ(sync_wait(add_one(forty_two())), 43);
}

TEST(Task, PropagatesExceptionsToTheAwaiter) {
  EXPECT_THROW(sync_wait(fail()), std::runtime_error);
}

TEST(Task, IsLazy) {
  bool started = false;
  auto make = [](bool &flag) -> task<> {
    flag = true;
    co_return;
  };
  task<> t = make(started);
  EXPECT_FALSE(started);
  sync_wait(std::move(t));
  EXPECT_TRUE(started);
}

task<int> one() { co_return 1; }
task<long> many_synchronous_awaits(int count) {
  long total = 0;
  for (int i = 0; i < count; ++i)
    total += co_await one();
  co_return total;
}

TEST(Task, MillionSynchronousAwaitsDoNotOverflowTheStack) {
  EXPECT_EQ(sync_wait(many_synchronous_awaits(1'000'000)), 1'000'000);
}

TEST(Task, ResumesOnAnotherThread) {
  thread_pool pool(2);
  auto hop = [](thread_pool &p) -> task<std::thread::id> {
    co_await p.schedule();
    co_return std::this_thread::get_id();
  };
  EXPECT_NE(sync_wait(hop(pool)), std::this_thread::get_id());
}

fire_and_forget detached_add(std::atomic<int> &counter) {
  counter.fetch_add(1);
  co_return;
}

TEST(FireAndForget, StartsAtOnceOutsideAnyScope) {
  std::atomic<int> counter{0};
  detached_add(counter);
  EXPECT_EQ(counter.load(), 1);
}

fire_and_forget detached_throw() {
  throw std::runtime_error("nobody catches this");
  co_return;
}

TEST(FireAndForgetDeathTest, TerminatesOnAnExceptionOutsideAnyScope) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(detached_throw(), "");
}

// The seed scenario: a handler starts detached work and returns first.
task<> awaited_after(event &go, std::atomic<int> &counter) {
  co_await go;
  counter.fetch_add(1);
}

task<> fixed_handler_sync() { co_return; }

fire_and_forget wait_then_add(event &go, std::atomic<int> &counter) {
  co_await go;
  counter.fetch_add(1);
}

task<> leaky_handler(event &go, std::atomic<int> &counter) {
  wait_then_add(go, counter);
  co_return;
}

TEST(RequestScope, HandlerCompletingWithPendingWorkThrows) {
  event go;
  std::atomic<int> counter{0};
  request_scope scope;
  try {
    sync_wait(scope.run(leaky_handler(go, counter)));
    FAIL() << "expected pending_operation_error";
  } catch (const pending_operation_error &error) {
    EXPECT_NE(std::string(error.what())
                  .find("completed while an asynchronous operation was still "
                        "pending (1 outstanding)"),
              std::string::npos)
        << error.what();
    EXPECT_EQ(error.outstanding(), 1u);
  }
  EXPECT_EQ(scope.outstanding(), 1u);
  go.set(); // the late work finishes
  EXPECT_EQ(counter.load(), 1);
  EXPECT_EQ(scope.outstanding(), 0u);
}

// The fix: return a task and await it.
task<> hop_and_add(thread_pool &pool, std::atomic<int> &counter) {
  co_await pool.schedule();
  counter.fetch_add(1);
}

task<> fixed_handler(thread_pool &pool, std::atomic<int> &counter) {
  co_await hop_and_add(pool, counter);
}

TEST(RequestScope, HandlerAwaitingItsWorkIsClean) {
  thread_pool pool(2);
  std::atomic<int> counter{0};
  request_scope scope;
  EXPECT_NO_THROW(sync_wait(scope.run(fixed_handler(pool, counter))));
  EXPECT_EQ(counter.load(), 1);
  EXPECT_EQ(scope.outstanding(), 0u);
}

task<> spawning_handler(request_scope &scope, thread_pool &pool,
                        std::atomic<int> &counter, bool join) {
  for (int i = 0; i < 3; ++i)
    scope.spawn(hop_and_add(pool, counter));
  if (join)
    co_await scope.join();
}

TEST(RequestScope, SpawnAndJoinIsClean) {
  thread_pool pool(2);
  std::atomic<int> counter{0};
  request_scope scope;
  EXPECT_NO_THROW(
      sync_wait(scope.run(spawning_handler(scope, pool, counter, true))));
  EXPECT_EQ(counter.load(), 3);
  EXPECT_EQ(scope.outstanding(), 0u);
}

task<> spawn_then_wait(request_scope &scope, event &go,
                       std::atomic<int> &counter) {
  scope.spawn(awaited_after(go, counter));
  co_return;
}

TEST(RequestScope, SpawnWithoutJoinIsPending) {
  event go;
  std::atomic<int> counter{0};
  request_scope scope;
  EXPECT_THROW(sync_wait(scope.run(spawn_then_wait(scope, go, counter))),
               pending_operation_error);
  go.set();
  EXPECT_EQ(counter.load(), 1);
  EXPECT_EQ(scope.outstanding(), 0u);
}

task<> failing_spawn(request_scope &scope) {
  scope.spawn(fail());
  co_await scope.join();
}

TEST(RequestScope, JoinRethrowsTheFirstExceptionOfSpawnedWork) {
  request_scope scope;
  EXPECT_THROW(sync_wait(scope.run(failing_spawn(scope))), std::runtime_error);
  EXPECT_EQ(scope.exception_count(), 1u);
}

task<> handler_with_throwing_detached_work() {
  detached_throw();
  co_return;
}

TEST(RequestScope, ExceptionInDetachedWorkReachesTheScope) {
  request_scope scope;
  EXPECT_THROW(sync_wait(scope.run(handler_with_throwing_detached_work())),
               std::runtime_error);
  EXPECT_EQ(scope.exception_count(), 1u);
  EXPECT_EQ(scope.outstanding(), 0u);
}

TEST(RequestScope, CallbackPolicyReceivesTheError) {
  event go;
  std::atomic<int> counter{0};
  std::size_t reported = 0;
  request_scope scope([&](const pending_operation_error &error) {
    reported = error.outstanding();
  });
  EXPECT_NO_THROW(sync_wait(scope.run(leaky_handler(go, counter))));
  EXPECT_EQ(reported, 1u);
  go.set();
  EXPECT_EQ(scope.outstanding(), 0u);
}

TEST(RequestScopeDeathTest, AbortPolicyAbortsWithTheMessage) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        event go;
        std::atomic<int> counter{0};
        request_scope scope(pending_policy::abort_process);
        sync_wait(scope.run(leaky_handler(go, counter)));
      },
      "completed while an asynchronous operation was still pending");
}

// Detached work started after the handler resumed on another thread still
// belongs to its request.
task<> hop_then_leak(thread_pool &pool, event &go, std::atomic<int> &counter) {
  co_await pool.schedule();
  co_await pool.schedule();
  wait_then_add(go, counter);
}

TEST(RequestScope, ScopeFollowsTheHandlerAcrossThreads) {
  thread_pool pool(2);
  event go;
  std::atomic<int> counter{0};
  request_scope scope;
  EXPECT_THROW(sync_wait(scope.run(hop_then_leak(pool, go, counter))),
               pending_operation_error);
  EXPECT_EQ(scope.outstanding(), 1u);
  go.set();
  EXPECT_EQ(scope.outstanding(), 0u);
}

TEST(RequestScope, WorkOutsideTheHandlerIsNotCounted) {
  event go;
  std::atomic<int> counter{0};
  request_scope scope;
  sync_wait(scope.run(fixed_handler_sync()));
  wait_then_add(go, counter); // after run: no scope is current
  EXPECT_EQ(scope.outstanding(), 0u);
  go.set();
  EXPECT_EQ(counter.load(), 1);
}

} // namespace
} // namespace firecrash::test
