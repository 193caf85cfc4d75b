#include "jobs.h"
#include <firecrash/runtime.hpp>

FIRECRASH_REQUEST_HANDLER firecrash::task<> update_product(int id) {
  reindex_later(id);
  co_return;
}
