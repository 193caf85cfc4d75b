// A stand-in for libunifex (github.com/facebookexperimental/libunifex),
// following its class structure where firecrash reads it (checked against
// its headers):
//  - adaptors are customization point objects declared in implementation
//    namespaces ('then' is 'inline constexpr _then::_cpo::_fn then{}');
//    'then(sender, func)' returns '_then::sender<Predecessor, Func>', and
//    'then(func)' a '_bind_back::_result' whose friend 'operator|' applies it;
//  - senders declare the 'value_types' template and 'sends_done';
//  - 'async_scope' lives in 'unifex::v1::_async_scope' (v1 an inline
//    namespace) and is exported by a using-declaration; 'detached_spawn'
//    starts a sender on it, 'complete()' is the sender that joins it;
//  - manual_event_loop's scheduler holds a pointer to its loop.
// Notes point at lines of this file: append, do not insert.
#pragma once
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

namespace unifex {
template <typename... Ts> struct type_list {};

namespace _bind_back {
template <typename Cpo, typename... ArgN> struct _result {
  Cpo cpo_;
  std::tuple<ArgN...> argN_;
  template <typename Target>
  friend auto operator|(Target &&target, _result &&self) {
    return std::apply(
        [&](ArgN &...args) {
          return self.cpo_(static_cast<Target &&>(target), std::move(args)...);
        },
        self.argN_);
  }
};
} // namespace _bind_back

namespace _then {
template <typename Predecessor, typename Func> struct sender {
  template <template <typename...> class Variant,
            template <typename...> class Tuple>
  using value_types = Variant<Tuple<>>;
  static constexpr bool sends_done = true;
  Predecessor pred_;
  Func func_;
};
namespace _cpo {
struct _fn {
  template <typename Sender, typename Func>
  auto operator()(Sender &&predecessor, Func &&func) const
      -> sender<std::remove_cvref_t<Sender>, std::remove_cvref_t<Func>> {
    return {static_cast<Sender &&>(predecessor), static_cast<Func &&>(func)};
  }
  template <typename Func>
  constexpr auto operator()(Func &&func) const
      -> _bind_back::_result<_fn, std::remove_cvref_t<Func>> {
    return {{}, {static_cast<Func &&>(func)}};
  }
};
} // namespace _cpo
} // namespace _then
inline constexpr _then::_cpo::_fn then{};

namespace _let_v {
template <typename Predecessor, typename Func> struct _sender {
  template <template <typename...> class Variant,
            template <typename...> class Tuple>
  using value_types = Variant<Tuple<>>;
  static constexpr bool sends_done = true;
  Predecessor pred_;
  Func func_;
};
namespace _cpo {
struct _fn {
  template <typename Sender, typename Func>
  auto operator()(Sender &&predecessor, Func &&func) const
      -> _sender<std::remove_cvref_t<Sender>, std::remove_cvref_t<Func>> {
    return {static_cast<Sender &&>(predecessor), static_cast<Func &&>(func)};
  }
};
} // namespace _cpo
} // namespace _let_v
inline constexpr _let_v::_cpo::_fn let_value{};

namespace _just {
template <typename... Values> struct _sender {
  template <template <typename...> class Variant,
            template <typename...> class Tuple>
  using value_types = Variant<Tuple<Values...>>;
  static constexpr bool sends_done = false;
  std::tuple<Values...> values_;
};
struct _fn {
  template <typename... Values> auto operator()(Values &&...values) const {
    return _sender<std::remove_cvref_t<Values>...>{
        {static_cast<Values &&>(values)...}};
  }
};
} // namespace _just
inline constexpr _just::_fn just{};

namespace _manual_event_loop {
class context {
public:
  class scheduler {
  public:
    struct schedule_task {
      template <template <typename...> class Variant,
                template <typename...> class Tuple>
      using value_types = Variant<Tuple<>>;
      static constexpr bool sends_done = true;
      context *loop_;
    };
    schedule_task schedule() const noexcept { return {loop_}; }
    context *loop_;
  };
  scheduler get_scheduler() noexcept { return {this}; }
  void run();
  void stop();
};
} // namespace _manual_event_loop
using manual_event_loop = _manual_event_loop::context;

namespace _schedule {
struct _fn {
  template <typename Scheduler> auto operator()(Scheduler &&s) const {
    return s.schedule();
  }
};
} // namespace _schedule
inline constexpr _schedule::_fn schedule{};

namespace _sync_wait_cpo {
struct _fn {
  template <typename Sender>
  std::optional<std::tuple<>> operator()(Sender &&sender) const;
};
} // namespace _sync_wait_cpo
inline constexpr _sync_wait_cpo::_fn sync_wait{};

inline namespace v1 {
namespace _async_scope {
struct async_scope {
  template <typename Sender> void detached_spawn(Sender &&sender);
  [[nodiscard]] auto complete() noexcept {
    return _just::_sender<>{};
  }
  [[nodiscard]] auto cleanup() noexcept { return _just::_sender<>{}; }
};
} // namespace _async_scope
using v1::_async_scope::async_scope;
} // namespace v1
} // namespace unifex
