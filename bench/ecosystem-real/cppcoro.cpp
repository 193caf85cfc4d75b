// cppcoro's idioms against its real headers (bench/ecosystem-real.sh
// cppcoro=DIR). "// EXPECT" marks a line that must get a finding; every
// other line must get none.
#include <cppcoro/async_scope.hpp>
#include <cppcoro/single_consumer_event.hpp>
#include <cppcoro/sync_wait.hpp>
#include <cppcoro/task.hpp>
#include <string>

cppcoro::task<void> log_line(const std::string &line);

cppcoro::task<void> write_then_set(cppcoro::single_consumer_event &done,
                                   const std::string &line) {
  (void)line.size();
  done.set();
  co_return;
}

// A task that is never awaited does nothing; one awaited is structured.
cppcoro::task<void> awaited() {
  std::string line = "started";
  co_await log_line(line);
}

cppcoro::task<void> scoped(cppcoro::async_scope &scope) {
  std::string line = "started";
  scope.spawn(log_line(line));
  co_await scope.join();
}

void waited() {
  std::string line = "started";
  cppcoro::sync_wait(log_line(line));
}
