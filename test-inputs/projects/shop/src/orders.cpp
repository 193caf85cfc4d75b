// Request handlers of the shop.
#include <shop/shop.h>

namespace shop {

// A direct start: found within this file.
FIRECRASH_REQUEST_HANDLER firecrash::task<> checkout(int id) {
  order o = co_await load_order(id);
  send_email(o.email);
  record_checkout(o.id);
}

// Clean: awaits what it starts.
FIRECRASH_REQUEST_HANDLER firecrash::task<> view(int id) {
  co_await record_view(id);
}

} // namespace shop
