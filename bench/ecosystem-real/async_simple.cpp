// async_simple's idioms (docs/how-firecrash-decides.md, async_simple table)
// against the library's real headers: bench/ecosystem-real.sh async_simple=DIR.
// "// EXPECT" marks a line that must get a finding; every other line must
// get none.
#include <async_simple/coro/Lazy.h>
#include <async_simple/coro/SyncAwait.h>
#include <future>
#include <string>

using async_simple::Executor;
using async_simple::coro::Lazy;

Lazy<void> log_line(const std::string &line);
Lazy<void> log_copy(std::string line);
Lazy<void> log_defined(const std::string &line) {
  co_await async_simple::coro::Yield{};
  (void)line.size();
}

void started(Executor *ex) {
  std::string line = "started";
  log_line(line).via(ex).start([](auto &&) {}); // EXPECT
}

void detached(Executor *ex) {
  std::string line = "started";
  log_line(line).via(ex).detach(); // EXPECT
}

void started_without_via() {
  std::string line = "started";
  log_line(line).start([](auto &&) {}); // EXPECT
}

void started_directly(Executor *ex) {
  std::string line = "started";
  log_line(line).directlyStart([](auto &&) {}, ex); // EXPECT
}

void defined_work(Executor *ex) {
  std::string line = "started";
  log_defined(line).via(ex).detach(); // EXPECT
}

void from_a_local(Executor *ex) {
  std::string line = "started";
  auto task = log_line(line);
  std::move(task).via(ex).start([](auto &&) {}); // EXPECT
}

struct request_local : async_simple::coro::LazyLocalBase {
  inline static char tag;
  explicit request_local(int id) : LazyLocalBase(&tag), id(id) {}
  static bool classof(const LazyLocalBase *base) {
    return base->getTypeTag() == &tag;
  }
  int id;
};

void with_lazy_local(Executor *ex) {
  std::string line = "started";
  log_line(line).setLazyLocal<request_local>(7).via(ex).detach(); // EXPECT
}

// Quiet: owned, waited for, joined by a rendezvous.
void owned(Executor *ex) {
  std::string line = "started";
  log_copy(line).via(ex).start([](auto &&) {});
}

void waited(Executor *ex) {
  std::string line = "started";
  async_simple::coro::syncAwait(log_line(line).via(ex));
}

void completion_signals(Executor *ex) {
  std::string line = "started";
  std::promise<void> done;
  log_line(line).via(ex).start([&](auto &&) { done.set_value(); });
  done.get_future().wait();
}
