// A fire_and_forget coroutine holding a reference to a local of a function
// that returns at once: firecrash-detached-borrow reports it while this file
// compiles.
#include <firecrash/runtime.hpp>
#include <string>

firecrash::fire_and_forget log_later(const std::string &line);

void arm() {
  std::string line = "armed";
  log_later(line);
}
