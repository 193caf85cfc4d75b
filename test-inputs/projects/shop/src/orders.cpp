// Request handlers of the shop.
#include <shop/shop.h>

namespace shop {

// A direct start: found within this file.
FIRECRASH_REQUEST_HANDLER firecrash::task<> checkout(int id) {
  order o = co_await load_order(id);
  send_email(o.email);
  record_checkout(o.id);
}

// Fixable: the detached coroutine is private to this file.
namespace {
firecrash::fire_and_forget notify_warehouse(int id) { co_await load_order(id); }
} // namespace
FIRECRASH_REQUEST_HANDLER firecrash::task<> ship(int id) {
  notify_warehouse(id);
  co_return;
}

// Clean: awaits what it starts.
FIRECRASH_REQUEST_HANDLER firecrash::task<> view(int id) {
  co_await record_view(id);
}

} // namespace shop
