// A stand-in for yalantinglibs' coro_rpc (include/ylt/coro_rpc), following
// its real headers: a handler takes the request's context,
// coro_rpc::context<T>, an alias of context_base<return_msg_type,
// rpc_protocol> (impl/context.hpp, protocol/coro_rpc_protocol.hpp), and
// answers through response_msg(). Notes point at lines of this file:
// append, do not insert.
#pragma once
#include <memory>

namespace coro_rpc {
namespace protocol {
struct coro_rpc_protocol {};
} // namespace protocol
template <typename return_msg_type, typename rpc_protocol> class context_base {
public:
  void response_msg() {}

protected:
  std::shared_ptr<void> self_;
};
template <typename return_msg_type>
using context = coro_rpc::context_base<return_msg_type,
                                       protocol::coro_rpc_protocol>;
} // namespace coro_rpc
