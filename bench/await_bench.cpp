// What an await costs: an awaited no-op firecrash::task<int> inside a
// firecrash::task, against a no-op boost::asio::awaitable<int> awaited inside
// an Asio coroutine, against a plain function call; and a scoped spawn with
// scope.token() against the same co_spawn with detached. Prints ns/op (best
// of 5 rounds) and the ratios to Asio.
//
//   build/bench/firecrash_await_bench [operations]
#include <firecrash/asio.hpp>
#include <firecrash/runtime.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>

namespace {

namespace net = boost::asio;
volatile int Sink = 0;

using clock_type = std::chrono::steady_clock;

double per_op(clock_type::time_point start, long count) {
  return std::chrono::duration<double, std::nano>(clock_type::now() - start)
             .count() /
         static_cast<double>(count);
}

double best_of(int rounds, const std::function<double()> &round) {
  double best = 1e300;
  for (int i = 0; i < rounds; ++i)
    best = std::min(best, round());
  return best;
}

[[gnu::noinline]] int plain_call(int x) { return x + Sink; }

firecrash::task<int> task_noop(int x) { co_return x; }
firecrash::task<long> task_loop(long count) {
  long sum = 0;
  for (long i = 0; i < count; ++i)
    sum += co_await task_noop(1);
  co_return sum;
}

net::awaitable<int> asio_noop(int x) { co_return x; }
net::awaitable<void> asio_loop(long count, long &sum) {
  for (long i = 0; i < count; ++i)
    sum += co_await asio_noop(1);
}

net::awaitable<void> spawned_noop() {
  Sink = Sink + 1;
  co_return;
}

} // namespace

int main(int argc, char **argv) {
  long count = argc > 1 ? std::atol(argv[1]) : 2'000'000;
  if (count <= 0) {
    std::fprintf(stderr, "usage: %s [operations > 0]\n", argv[0]);
    return 2;
  }
  double plain = best_of(5, [&] {
    auto start = clock_type::now();
    long sum = 0;
    for (long i = 0; i < count; ++i)
      sum += plain_call(1);
    Sink = static_cast<int>(sum);
    return per_op(start, count);
  });
  double task = best_of(5, [&] {
    auto start = clock_type::now();
    long sum = firecrash::sync_wait(task_loop(count));
    Sink = static_cast<int>(sum);
    return per_op(start, count);
  });
  double asio = best_of(5, [&] {
    net::io_context context;
    long sum = 0;
    auto start = clock_type::now();
    net::co_spawn(context, asio_loop(count, sum), net::detached);
    context.run();
    Sink = static_cast<int>(sum);
    return per_op(start, count);
  });
  long spawns = std::max(1L, count / 10);
  double detached = best_of(5, [&] {
    net::io_context context;
    auto start = clock_type::now();
    for (long i = 0; i < spawns; ++i)
      net::co_spawn(context, spawned_noop(), net::detached);
    context.run();
    return per_op(start, spawns);
  });
  double scoped = best_of(5, [&] {
    net::io_context context;
    firecrash::request_scope scope;
    auto start = clock_type::now();
    for (long i = 0; i < spawns; ++i)
      net::co_spawn(context, spawned_noop(), scope.token());
    context.run();
    if (scope.outstanding() != 0)
      std::abort();
    return per_op(start, spawns);
  });
  std::printf("awaits per round: %ld, spawns per round: %ld (best of 5)\n",
              count, spawns);
  std::printf("plain function call:            %7.2f ns/op\n", plain);
  std::printf("co_await firecrash::task<int>:  %7.2f ns/op  %.2fx Asio\n", task,
              task / asio);
  std::printf("co_await asio::awaitable<int>:  %7.2f ns/op\n", asio);
  std::printf("co_spawn(..., detached):        %7.2f ns/op\n", detached);
  std::printf("co_spawn(..., scope.token()):   %7.2f ns/op  %.2fx detached "
              "(%+.1f ns)\n",
              scoped, scoped / detached, scoped - detached);
  return 0;
}
