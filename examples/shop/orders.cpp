// A small shop backend with three fire-and-crash bugs that firecrash finds:
//
//   bash scripts/dev.sh example
//
// runs firecrash-detached-coroutine over this file. The handlers use the
// companion runtime's types (include/firecrash/runtime.hpp); any coroutine
// library works the same way.
#include <firecrash/runtime.hpp>
#include <memory>
#include <string>

namespace shop {

struct order {
  int id = 0;
  std::string email;
  std::string items;
};

struct database {
  firecrash::task<order> load(int id);
  firecrash::task<> save(const order &o);
};

// Detached work: starts at once, nobody can await it.
firecrash::fire_and_forget send_confirmation(const order &o);
firecrash::fire_and_forget refresh_recommendations(int user);
firecrash::fire_and_forget write_audit_log(std::string line);

void after_checkout(const order &o) {
  write_audit_log("checkout " + std::to_string(o.id));
}

// Bug 1: the confirmation borrows the handler's order, which dies with it.
FIRECRASH_REQUEST_HANDLER firecrash::task<> checkout(database &db, int id) {
  order o = co_await db.load(id);
  co_await db.save(o);
  send_confirmation(o);
}

// Bug 2: the detached start hides behind a helper.
FIRECRASH_REQUEST_HANDLER firecrash::task<> finish_checkout(database &db,
                                                             int id) {
  order o = co_await db.load(id);
  after_checkout(o);
}

// Bug 3: a lambda coroutine whose closure dies at the end of the statement.
FIRECRASH_REQUEST_HANDLER firecrash::task<> view_item(database &db, int user) {
  [&db, user]() -> firecrash::fire_and_forget {
    order recent = co_await db.load(user);
    refresh_recommendations(recent.id);
  }();
  co_return;
}

// Fine: everything the handler starts is awaited or joined.
firecrash::task<> send_confirmation_task(order o);
FIRECRASH_REQUEST_HANDLER firecrash::task<> checkout_fixed(
    firecrash::request_scope &scope, database &db, int id) {
  order o = co_await db.load(id);
  co_await db.save(o);
  scope.spawn(send_confirmation_task(o));
  co_await scope.join();
}

// Fine: not a request handler; a nightly job owns its work.
firecrash::task<> nightly_cleanup() {
  write_audit_log("cleanup");
  co_return;
}

} // namespace shop
