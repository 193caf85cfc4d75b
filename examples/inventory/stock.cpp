// An inventory service whose repository has its own .clang-tidy (next to
// this file) listing only unrelated checks. firecrash finds its two bugs all
// the same:
//
//   cmake -S examples/inventory -B build/examples-inventory
//   build/bin/firecrash -p build/examples-inventory
#include <firecrash/runtime.hpp>
#include <string>
#include <thread>

namespace inventory {

struct item {
  int sku = 0;
  int count = 0;
};

void reindex(const item &i);
firecrash::fire_and_forget notify_buyers(int sku);

// Bug 1: the thread borrows the handler's item and is never joined.
FIRECRASH_REQUEST_HANDLER firecrash::task<> restock(int sku, int count) {
  item i{sku, count};
  std::thread t([&i] { reindex(i); });
  t.detach();
  co_return;
}

// Bug 2: detached work started from a request handler.
FIRECRASH_REQUEST_HANDLER firecrash::task<> sell(int sku) {
  notify_buyers(sku);
  co_return;
}

} // namespace inventory
