// The runtime never depends on the optimiser for stack safety: long runs of
// synchronously completing awaits and deep recursion of awaited tasks run in
// constant stack with the default 8 MiB stack, whatever the compiler and the
// optimisation level (tests/runtime/compilers.sh builds this file with g++
// and clang++-19 at -O0 and -O2, plain and under ASan+UBSan).
#include <firecrash/runtime.hpp>
#include <gtest/gtest.h>

namespace {

using firecrash::fire_and_forget;
using firecrash::request_scope;
using firecrash::sync_wait;
using firecrash::task;

task<int> ready_value() { co_return 1; }

task<long> synchronous_awaits(long count) {
  long sum = 0;
  for (long i = 0; i < count; ++i)
    sum += co_await ready_value();
  co_return sum;
}

task<long> recursive_chain(long depth) {
  if (depth == 0)
    co_return 0;
  co_return 1 + co_await recursive_chain(depth - 1);
}

TEST(StackSafety, TenMillionSynchronousAwaitsInOneLoop) {
  EXPECT_EQ(sync_wait(synchronous_awaits(10'000'000)), 10'000'000);
}

TEST(StackSafety, HundredThousandDeepRecursiveChain) {
  EXPECT_EQ(sync_wait(recursive_chain(100'000)), 100'000);
}

fire_and_forget detached_awaits(long count, long &sum) {
  sum = co_await synchronous_awaits(count);
}

TEST(StackSafety, FireAndForgetAwaitingAMillionTasks) {
  long sum = 0;
  detached_awaits(1'000'000, sum);
  EXPECT_EQ(sum, 1'000'000);
}

task<> handler(const request_scope &scope, long &sum) {
  scope.spawn([](long &out) -> task<> {
    out = co_await recursive_chain(100'000);
  }(sum));
  co_await scope.join();
}

TEST(StackSafety, ScopedSpawnOfADeepChainThenJoin) {
  request_scope scope;
  long sum = 0;
  sync_wait(scope.run(handler(scope, sum)));
  EXPECT_EQ(sum, 100'000);
  EXPECT_EQ(scope.outstanding(), 0u);
}

} // namespace
