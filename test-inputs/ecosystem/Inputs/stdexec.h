// A stand-in for stdexec (github.com/NVIDIA/stdexec), the reference
// implementation of P2300 / C++26 std::execution, following its class
// structure where firecrash reads it (checked against its headers):
//  - adaptors and consumers are customization point objects: 'then' is an
//    'inline constexpr then_t then{}' whose operator() takes (sender, fn),
//    or (fn) alone and returns a '__closure' for the pipe;
//  - senders are '__sexpr' objects declaring 'sender_concept';
//  - 'operator|' is a friend of '__sender_adaptor_closure_base', the base
//    of every closure;
//  - 'exec' is an alias of 'experimental::execution', where
//    'start_detached' is a customization point object and 'async_scope'
//    is declared in the internal namespace '__scope' and exported by a
//    using-declaration;
//  - 'counting_scope::join()' is a sender, 'get_token()' a token holding a
//    pointer to the scope, and 'spawn(sender, token)' a customization point.
// Notes point at lines of this file: append, do not insert.
#pragma once
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

namespace stdexec {
struct sender_t {};

template <class Tag, class Data, class... Child> struct __sexpr {
  using sender_concept = sender_t;
  Data __data_;
  std::tuple<Child...> __children_;
};

template <class Tag, class Data, class... Child>
constexpr auto __make_sexpr(Data data, Child... child) {
  return __sexpr<Tag, Data, Child...>{std::move(data), {std::move(child)...}};
}

namespace __clsur {
struct __sender_adaptor_closure_base {
  template <class Sender, class Closure>
    requires requires { typename std::decay_t<Sender>::sender_concept; }
  friend constexpr auto operator|(Sender &&sndr, Closure &&clsur) {
    return static_cast<Closure &&>(clsur)(static_cast<Sender &&>(sndr));
  }
};
} // namespace __clsur

template <class D>
struct sender_adaptor_closure : __clsur::__sender_adaptor_closure_base {};

template <class Fn, class... As>
struct __closure : sender_adaptor_closure<__closure<Fn, As...>> {
  constexpr explicit __closure(Fn fn, As... as)
      : __fn_{fn}, __args_{std::move(as)...} {}
  template <class Sender> constexpr auto operator()(Sender &&sndr) && {
    return std::apply(
        [&](As &...as) {
          return __fn_(static_cast<Sender &&>(sndr), std::move(as)...);
        },
        __args_);
  }
  Fn __fn_;
  std::tuple<As...> __args_;
};

// Adaptors taking a function: then, upon_error, upon_stopped, let_value,
// let_error, bulk.
#define FIRECRASH_STANDIN_ADAPTOR(name)                                        \
  struct name##_t {                                                            \
    template <class Sender, class Fun>                                         \
    constexpr auto operator()(Sender &&sndr, Fun fun) const {                  \
      return __make_sexpr<name##_t>(std::move(fun),                            \
                                    static_cast<Sender &&>(sndr));             \
    }                                                                          \
    template <class Fun> constexpr auto operator()(Fun fun) const {            \
      return __closure(*this, std::move(fun));                                 \
    }                                                                          \
  };                                                                           \
  inline constexpr name##_t name{};
FIRECRASH_STANDIN_ADAPTOR(then)
FIRECRASH_STANDIN_ADAPTOR(upon_error)
FIRECRASH_STANDIN_ADAPTOR(upon_stopped)
FIRECRASH_STANDIN_ADAPTOR(let_value)
FIRECRASH_STANDIN_ADAPTOR(let_error)
#undef FIRECRASH_STANDIN_ADAPTOR

struct bulk_t {
  template <class Sender, class Shape, class Fun>
  constexpr auto operator()(Sender &&sndr, Shape shape, Fun fun) const {
    return __make_sexpr<bulk_t>(std::pair{shape, std::move(fun)},
                                static_cast<Sender &&>(sndr));
  }
  template <class Shape, class Fun>
  constexpr auto operator()(Shape shape, Fun fun) const {
    return __closure(*this, shape, std::move(fun));
  }
};
inline constexpr bulk_t bulk{};

struct just_t {
  template <class... Ts> constexpr auto operator()(Ts... ts) const {
    return __make_sexpr<just_t>(std::tuple<Ts...>{std::move(ts)...});
  }
};
inline constexpr just_t just{};

struct when_all_t {
  template <class... Senders>
  constexpr auto operator()(Senders &&...sndrs) const {
    return __make_sexpr<when_all_t>(0, static_cast<Senders &&>(sndrs)...);
  }
};
inline constexpr when_all_t when_all{};

// A scheduler holds a pointer to its context, as run_loop's does.
class run_loop {
public:
  struct __scheduler {
    run_loop *__loop_;
  };
  __scheduler get_scheduler() noexcept { return {this}; }
  void run();
  void finish();
};

struct schedule_t {
  template <class Scheduler>
  constexpr auto operator()(Scheduler &&sch) const {
    return __make_sexpr<schedule_t>(static_cast<Scheduler &&>(sch));
  }
};
inline constexpr schedule_t schedule{};

struct continues_on_t {
  template <class Sender, class Scheduler>
  constexpr auto operator()(Sender &&sndr, Scheduler sch) const {
    return __make_sexpr<continues_on_t>(sch, static_cast<Sender &&>(sndr));
  }
  template <class Scheduler> constexpr auto operator()(Scheduler sch) const {
    return __closure(*this, sch);
  }
};
inline constexpr continues_on_t continues_on{};

struct sync_wait_t {
  template <class Sender>
  std::optional<std::tuple<>> operator()(Sender &&sndr) const;
};
inline constexpr sync_wait_t sync_wait{};

class counting_scope {
public:
  struct token {
    counting_scope *__scope_;
  };
  [[nodiscard]] token get_token() noexcept { return token{this}; }
  void close() noexcept;
  [[nodiscard]] auto join() noexcept {
    return __make_sexpr<counting_scope>(this);
  }
};

struct spawn_t {
  template <class Sender, class Token>
  void operator()(Sender &&sndr, Token tkn) const;
};
inline constexpr spawn_t spawn{};
} // namespace stdexec

namespace experimental::execution {
struct start_detached_t {
  template <class Sender> void operator()(Sender &&sndr) const;
};
inline constexpr start_detached_t start_detached{};

namespace __scope {
struct async_scope {
  [[nodiscard]] constexpr auto on_empty() const {
    return stdexec::__make_sexpr<async_scope>(this);
  }
  template <class Sender> void spawn(Sender &&sndr);
  bool request_stop() noexcept;
};
} // namespace __scope
using __scope::async_scope;
} // namespace experimental::execution

namespace exec = experimental::execution;
