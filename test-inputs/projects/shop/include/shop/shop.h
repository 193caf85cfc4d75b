#pragma once
#include <firecrash/runtime.hpp>
#include <string>

namespace shop {

struct order {
  int id = 0;
  std::string email;
};

firecrash::task<order> load_order(int id);

// Defined in audit.cpp; starts detached work there.
void record_checkout(int id);
// Defined in audit.cpp; awaits everything.
firecrash::task<> record_view(int id);

firecrash::fire_and_forget send_email(std::string to);

} // namespace shop
