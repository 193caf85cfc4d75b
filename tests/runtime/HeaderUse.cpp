// Instantiates every part of the runtime, so the header warning checks see
// all of it.
#include <firecrash/runtime.hpp>
#include <string>

namespace {

firecrash::task<std::string> text() { co_return "text"; }
firecrash::task<> nothing() { co_return; }
firecrash::fire_and_forget detached() { co_await nothing(); }

FIRECRASH_REQUEST_HANDLER firecrash::task<int> handler(firecrash::request_scope &scope) {
  detached();
  scope.spawn(nothing());
  co_await scope.join();
  std::string value = co_await text();
  co_return static_cast<int>(value.size());
}

} // namespace

int main() {
  firecrash::request_scope scope;
  firecrash::request_scope with_callback(
      [](const firecrash::pending_operation_error &) {});
  firecrash::request_scope aborting(firecrash::pending_policy::abort_process);
  int size = firecrash::sync_wait(scope.run(handler(scope)));
  firecrash::sync_wait(with_callback.run(nothing()));
  firecrash::sync_wait(aborting.run(nothing()));
  return size == 4 ? 0 : 1;
}
