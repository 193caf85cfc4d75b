// Auditing helpers, called from the handlers in orders.cpp.
#include <shop/shop.h>

namespace shop {

firecrash::fire_and_forget write_audit(int id) { co_await load_order(id); }

static void log_line(int id) { write_audit(id); }

// Starts detached work through a helper: reported at the call in the
// handler in orders.cpp, by merging both files' summaries.
void record_checkout(int id) { log_line(id); }

firecrash::task<> record_view(int id) { co_return; }

} // namespace shop
