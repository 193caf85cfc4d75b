// libcoro's idioms against its real headers (bench/ecosystem-real.sh
// libcoro=DIR). "// EXPECT" marks a line that must get a finding; every
// other line must get none.
#include <coro/latch.hpp>
#include <coro/sync_wait.hpp>
#include <coro/task.hpp>
#include <coro/thread_pool.hpp>
#include <string>

coro::task<void> log_line(const std::string &line);
coro::task<void> log_copy(std::string line);

void detached_on_pool(coro::thread_pool &pool) {
  std::string line = "started";
  pool.spawn_detached(log_line(line)); // EXPECT
}

// A pool shut down for another pool leaves this one's work running.
void shuts_down_another(coro::thread_pool &pool, coro::thread_pool &other) {
  std::string line = "started";
  pool.spawn_detached(log_line(line)); // EXPECT
  other.shutdown();
}

// Quiet: owned, joinable and awaited, shut down, waited for.
void owned(coro::thread_pool &pool) {
  std::string line = "started";
  pool.spawn_detached(log_copy(line));
}

coro::task<void> joinable(coro::thread_pool &pool) {
  std::string line = "started";
  co_await pool.spawn_joinable(log_line(line));
}

void shut_down(coro::thread_pool &pool) {
  std::string line = "started";
  pool.spawn_detached(log_line(line));
  pool.shutdown();
}

void waited() {
  std::string line = "started";
  coro::sync_wait(log_line(line));
}
