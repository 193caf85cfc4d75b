//===--- Interrupt.cpp - A run interrupted by a signal --------------------===//

#include "Interrupt.h"
#include <csignal>
#include <cstring>
#include <ctime>

namespace firecrash {

namespace {

volatile sig_atomic_t Interrupt = 0;
/// When the first signal came, in seconds of CLOCK_MONOTONIC.
volatile sig_atomic_t FirstAt = 0;

long long now() {
  struct timespec Now;
  ::clock_gettime(CLOCK_MONOTONIC, &Now); // async-signal-safe
  return Now.tv_sec;
}

void onInterrupt(int Signal) {
  if (!Interrupt) {
    Interrupt = Signal;
    FirstAt = static_cast<sig_atomic_t>(now());
    return;
  }
  // A second one, later: the user means it. One that comes with the first
  // (a runner that signals the process and its group) is the same request.
  if (now() - FirstAt >= 1) {
    ::signal(Signal, SIG_DFL);
    ::raise(Signal);
  }
}

} // namespace

void installInterruptHandlers() {
  struct sigaction Action;
  std::memset(&Action, 0, sizeof Action);
  Action.sa_handler = onInterrupt;
  sigemptyset(&Action.sa_mask);
  // No SA_RESTART: a wait in poll() returns to look at the flag.
  ::sigaction(SIGINT, &Action, nullptr);
  ::sigaction(SIGTERM, &Action, nullptr);
  ::signal(SIGXFSZ, SIG_IGN);
}

int interruptSignal() { return Interrupt; }

std::string signalName(int Signal) {
  if (const char *Abbrev = ::sigabbrev_np(Signal))
    return std::string("SIG") + Abbrev;
  return "signal " + std::to_string(Signal);
}

} // namespace firecrash
