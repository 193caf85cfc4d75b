// RUN: %check_clang_tidy %s firecrash-detached-this %t

// C++/WinRT event handlers that are themselves detached coroutines: after
// the first co_await the page can be closed and destroyed, and the handler
// resumes into it (microsoft/terminal PR #16065).
#include "Inputs/winrt.h"

struct Page : winrt::implements<Page> {
  int count = 0;
  void refresh();

  // Uses a member after resuming: reported.
  winrt::fire_and_forget OnDrop() {
    co_await winrt::resume_background();
    refresh();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'OnDrop', a detached coroutine, uses 'this' after it suspends; nothing keeps the object alive, so it can resume into a destroyed object [firecrash-detached-this]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: the object can be destroyed while the coroutine is suspended here
    // CHECK-NOTES: :[[@LINE-5]]:26: note: 'OnDrop' returns detached type 'winrt::fire_and_forget': nobody awaits it, and nothing keeps the object alive while it is suspended
    // CHECK-NOTES: {{.*}}winrt.h:11:8: note: 'fire_and_forget' is detached: it is listed as '::winrt::fire_and_forget' in option 'DetachedTypes'
    // CHECK-NOTES: {{.*}}winrt.h:17:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
    // CHECK-NOTES: :[[@LINE-8]]:35: note: take a strong reference before the first suspension ('auto strong_this = get_strong();'), or a weak one checked after resuming
    // CHECK-FIXES: {{^}}    auto strong_this = get_strong();{{$}}
  }

  // A strong reference taken before the first suspension: quiet.
  winrt::fire_and_forget OnDropStrong() {
    auto strong = get_strong();
    co_await winrt::resume_background();
    refresh();
  }

  // A weak reference, checked after resuming around the use: quiet.
  winrt::fire_and_forget OnDropWeak() {
    auto weak = get_weak();
    co_await winrt::resume_background();
    if (auto strong = weak.get()) {
      refresh();
    }
  }

  // A weak reference, checked after resuming as an early exit: quiet.
  winrt::fire_and_forget OnDropEarlyExit() {
    auto weak = get_weak();
    co_await winrt::resume_background();
    auto strong = weak.get();
    if (!strong)
      co_return;
    refresh();
  }

  // 'this' only before the first suspension: quiet.
  winrt::fire_and_forget OnDropBefore() {
    refresh();
    ++count;
    co_await winrt::resume_background();
  }

  // A use early in a loop runs again after the loop's co_await: reported.
  winrt::fire_and_forget OnTick() {
    for (int i = 0; i < 3; ++i) {
      ++count;
      // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'OnTick', a detached coroutine, uses 'this' after it suspends; nothing keeps the object alive, so it can resume into a destroyed object [firecrash-detached-this]
      // CHECK-NOTES: :[[@LINE+6]]:7: note: the object can be destroyed while the coroutine is suspended here
      // CHECK-NOTES: :[[@LINE-5]]:26: note: 'OnTick' returns detached type 'winrt::fire_and_forget': nobody awaits it, and nothing keeps the object alive while it is suspended
      // CHECK-NOTES: {{.*}}winrt.h:11:8: note: 'fire_and_forget' is detached: it is listed as '::winrt::fire_and_forget' in option 'DetachedTypes'
      // CHECK-NOTES: {{.*}}winrt.h:17:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
      // CHECK-NOTES: :[[@LINE-8]]:35: note: take a strong reference before the first suspension ('auto strong_this = get_strong();'), or a weak one checked after resuming
      // CHECK-FIXES: {{^}}    auto strong_this = get_strong();{{$}}
      co_await winrt::resume_background();
    }
  }

  // Checked once, then suspended again before the use: reported.
  winrt::fire_and_forget OnDropCheckedTooEarly() {
    auto weak = get_weak();
    co_await winrt::resume_background();
    if (!weak.get())
      co_return;
    co_await winrt::resume_background();
    refresh();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'OnDropCheckedTooEarly', a detached coroutine, uses 'this' after it suspends; nothing keeps the object alive, so it can resume into a destroyed object [firecrash-detached-this]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: the object can be destroyed while the coroutine is suspended here
    // CHECK-NOTES: :[[@LINE-9]]:26: note: 'OnDropCheckedTooEarly' returns detached type 'winrt::fire_and_forget': nobody awaits it, and nothing keeps the object alive while it is suspended
    // CHECK-NOTES: {{.*}}winrt.h:11:8: note: 'fire_and_forget' is detached: it is listed as '::winrt::fire_and_forget' in option 'DetachedTypes'
    // CHECK-NOTES: {{.*}}winrt.h:17:10: note: an exception escaping the coroutine ends the process: unhandled_exception() calls 'std::terminate'
    // CHECK-NOTES: :[[@LINE-12]]:50: note: take a strong reference before the first suspension ('auto strong_this = get_strong();'), or a weak one checked after resuming
    // CHECK-FIXES: {{^}}    auto strong_this = get_strong();{{$}}
  }
};
