// firecrash runtime: the trampoline every resumption goes through.
//
// Symmetric transfer (await_suspend returning the next coroutine) keeps the
// stack flat only when the compiler turns the resume into a tail call, which
// GCC does only when optimising: a Debug build then overflows the stack on a
// long run of synchronously completing awaits. Instead, a coroutine that
// hands control to another one queues it here and suspends; a loop at the
// bottom of the thread's stack resumes one queued coroutine after the other.
// The stack stays flat at every optimisation level, on every compiler, for
// chains of any length and recursion of any depth.
#ifndef FIRECRASH_DETAIL_TRAMPOLINE_HPP
#define FIRECRASH_DETAIL_TRAMPOLINE_HPP

#include <coroutine>
#include <cstddef>
#include <utility>
#include <vector>

namespace firecrash::detail {

// Trivially destructible, so reaching it is a plain thread-local access.
struct trampoline_state {
  bool running;
  /// The one coroutine queued in the common case (an await hands over to
  /// the task, a finished task hands back to its awaiter).
  void *single;
  /// More, rarely (a scope waking several joiners); allocated on demand and
  /// freed when the loop ends.
  std::vector<std::coroutine_handle<>> *more;
  std::size_t next;
};

inline thread_local trampoline_state tl_trampoline{};

/// Resumes \p handle: at once when no trampoline loop runs on this thread
/// (the loop starts here and runs until nothing is queued), else after the
/// coroutine that called this suspends, from the loop below it.
///
/// Call it as the last thing an await_suspend does: the coroutine that calls
/// it may be resumed, finish and be destroyed before it returns.
inline void resume_on_trampoline(std::coroutine_handle<> handle) {
  trampoline_state &t = tl_trampoline;
  if (t.running) {
    if (!t.single) {
      t.single = handle.address();
    } else {
      if (!t.more)
        t.more = new std::vector<std::coroutine_handle<>>();
      t.more->push_back(handle);
    }
    return;
  }
  t.running = true;
  t.single = handle.address();
  for (;;) {
    std::coroutine_handle<> next;
    if (t.single)
      next = std::coroutine_handle<>::from_address(std::exchange(t.single, nullptr));
    else if (t.more && t.next < t.more->size())
      next = (*t.more)[t.next++];
    else
      break;
    next.resume();
  }
  delete std::exchange(t.more, nullptr);
  t.next = 0;
  t.running = false;
}

} // namespace firecrash::detail

#endif // FIRECRASH_DETAIL_TRAMPOLINE_HPP
