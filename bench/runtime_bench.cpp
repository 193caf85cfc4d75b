// Cost of a tracked operation: a fire_and_forget started under a
// request_scope (counted, attributed, exception-safe) against the same
// fire_and_forget started outside any scope. Prints ns/op and the ratio.
//
//   build/bench/firecrash_runtime_bench [operations]

#include <firecrash/runtime.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace {

volatile long Sink = 0;

firecrash::fire_and_forget operation() {
  Sink = Sink + 1;
  co_return;
}

firecrash::task<> start_many(long count) {
  for (long i = 0; i < count; ++i)
    operation();
  co_return;
}

double nanoseconds_per_op(long count, bool tracked) {
  auto start = std::chrono::steady_clock::now();
  if (tracked) {
    firecrash::request_scope scope;
    firecrash::sync_wait(scope.run(start_many(count)));
  } else {
    firecrash::sync_wait(start_many(count));
  }
  auto elapsed = std::chrono::steady_clock::now() - start;
  return std::chrono::duration<double, std::nano>(elapsed).count() /
         static_cast<double>(count);
}

} // namespace

int main(int argc, char **argv) {
  long count = argc > 1 ? std::atol(argv[1]) : 5'000'000;
  nanoseconds_per_op(count / 10, false); // warm up
  double best_untracked = 1e18, best_tracked = 1e18;
  for (int round = 0; round < 5; ++round) {
    double untracked = nanoseconds_per_op(count, false);
    double tracked = nanoseconds_per_op(count, true);
    if (untracked < best_untracked)
      best_untracked = untracked;
    if (tracked < best_tracked)
      best_tracked = tracked;
  }
  std::printf("operations per round: %ld (best of 5)\n", count);
  std::printf("untracked fire_and_forget: %.1f ns/op\n", best_untracked);
  std::printf("tracked fire_and_forget:   %.1f ns/op\n", best_tracked);
  std::printf("tracked / untracked:       %.2fx (+%.1f ns/op)\n",
              best_tracked / best_untracked, best_tracked - best_untracked);
  return 0;
}
