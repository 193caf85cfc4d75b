// concurrencpp's idioms against its real headers (bench/ecosystem-real.sh
// concurrencpp=DIR). "// EXPECT" marks a line that must get a finding;
// every other line must get none.
#include <concurrencpp/concurrencpp.h>
#include <string>

concurrencpp::null_result log_line(const std::string &line);
concurrencpp::result<void> count_lines(const std::string &text);

void fire(const std::shared_ptr<concurrencpp::thread_pool_executor> &) {
  std::string line = "started";
  log_line(line); // EXPECT
}

void posted(concurrencpp::thread_pool_executor &pool) {
  std::string line = "started";
  pool.post([&line] { (void)line.size(); }); // EXPECT
}

void result_looked_at() {
  std::string text = "a\nb";
  auto counted = count_lines(text); // EXPECT
  if (!counted)
    return;
}

// Quiet: the executor is shut down first; the result is waited for.
void posted_then_shut_down(concurrencpp::thread_pool_executor &pool) {
  std::string line = "started";
  pool.post([&line] { (void)line.size(); });
  pool.shutdown();
}

void result_waited() {
  std::string text = "a\nb";
  auto counted = count_lines(text);
  counted.get();
}
