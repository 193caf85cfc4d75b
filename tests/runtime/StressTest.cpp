// Many handlers on many threads, each under its own request scope, resuming
// on pool threads, starting detached, spawned and awaited work. Built under
// ThreadSanitizer and AddressSanitizer+UBSan as part of the test command.

#include "TestSupport.hpp"
#include <firecrash/runtime.hpp>
#include <gtest/gtest.h>
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace firecrash::test {
namespace {

task<> hop_and_count(thread_pool &pool, std::atomic<long> &work) {
  co_await pool.schedule();
  work.fetch_add(1, std::memory_order_relaxed);
}

fire_and_forget detached_hop(thread_pool &pool, std::atomic<long> &work) {
  co_await pool.schedule();
  work.fetch_add(1, std::memory_order_relaxed);
}

fire_and_forget detached_until(event &go, std::atomic<long> &work) {
  co_await go;
  work.fetch_add(1, std::memory_order_relaxed);
}

/// A clean handler: everything it starts is awaited or joined.
task<> clean_handler(request_scope &scope, thread_pool &pool,
                     std::atomic<long> &work) {
  co_await pool.schedule();
  co_await hop_and_count(pool, work);
  scope.spawn(hop_and_count(pool, work));
  detached_hop(pool, work); // counted, then joined below
  co_await pool.schedule();
  scope.spawn(hop_and_count(pool, work));
  co_await scope.join();
}

/// A leaky handler: its detached work waits for an event set only after the
/// handler has completed, so the scope must always report it.
task<> leaky_handler(thread_pool &pool, event &go, std::atomic<long> &work) {
  co_await pool.schedule();
  detached_until(go, work);
  co_await hop_and_count(pool, work);
}

TEST(RuntimeStress, ManyHandlersOnManyThreads) {
  constexpr int Drivers = 4;
  constexpr int HandlersPerDriver = 500;
  thread_pool pool(4);
  std::atomic<long> work{0};
  std::atomic<long> clean_failures{0};
  std::atomic<long> leaks_reported{0};
  std::atomic<long> counts_back_to_zero{0};

  std::vector<std::thread> drivers;
  for (int d = 0; d < Drivers; ++d) {
    drivers.emplace_back([&] {
      for (int i = 0; i < HandlersPerDriver; ++i) {
        if (i % 2 == 0) {
          request_scope scope;
          try {
            sync_wait(scope.run(clean_handler(scope, pool, work)));
          } catch (...) {
            clean_failures.fetch_add(1);
          }
          if (scope.outstanding() != 0)
            clean_failures.fetch_add(1);
        } else {
          request_scope scope;
          event go;
          try {
            sync_wait(scope.run(leaky_handler(pool, go, work)));
          } catch (const pending_operation_error &error) {
            if (error.outstanding() == 1)
              leaks_reported.fetch_add(1);
          }
          go.set();
          if (scope.outstanding() == 0)
            counts_back_to_zero.fetch_add(1);
        }
      }
    });
  }
  for (std::thread &driver : drivers)
    driver.join();

  constexpr long Handlers = Drivers * HandlersPerDriver;
  EXPECT_EQ(clean_failures.load(), 0);
  EXPECT_EQ(leaks_reported.load(), Handlers / 2);
  EXPECT_EQ(counts_back_to_zero.load(), Handlers / 2);
  EXPECT_EQ(work.load(), (Handlers / 2) * 4 + (Handlers / 2) * 2);
}

} // namespace
} // namespace firecrash::test
