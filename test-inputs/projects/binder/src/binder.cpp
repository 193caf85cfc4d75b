// A binder in the manner of a web framework's: a class template over the
// controller method's type, whose handleHttpRequest is the request handler.
#include <firecrash/runtime.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace web::internal {

// Defined elsewhere; it suspends, so it outlives the call.
firecrash::fire_and_forget send_email(std::string to);

template <typename Method> struct HttpBinder {
  FIRECRASH_REQUEST_HANDLER firecrash::task<>
  handleHttpRequest(std::shared_ptr<std::map<std::string, std::vector<int>>> req,
                    std::function<void(const std::string &)> respond) {
    // The detached start happens two lambdas deep.
    auto notify = [&](const std::string &to) {
      auto send = [&] { send_email(to); };
      send();
    };
    notify("ops@example.com");
    co_return;
  }
};

struct CoroTest {
  firecrash::task<> get(std::shared_ptr<std::map<std::string, std::vector<int>>>,
                        std::function<void(const std::string &)>);
};

template struct HttpBinder<firecrash::task<> (CoroTest::*)(
    std::shared_ptr<std::map<std::string, std::vector<int>>>,
    std::function<void(const std::string &)>)>;

} // namespace web::internal
