// RUN: %check_clang_tidy %s firecrash-detached-borrow %t -- \
// RUN:   -config="{CheckOptions: {DetachingCallees: '::aio::event_loop::create_task'}}"

// A wait given the work runs it to completion: a start inside the
// arguments of run_until_complete (or run, sync_wait, ...) is joined by it,
// whatever the loop's type. An asyncio-style loop whose create_task
// schedules a task on the loop and returns a handle to it.
#include <string>

namespace aio {
struct handle {};
template <typename T> struct lazy {
  struct promise_type;
};
class event_loop {
public:
  template <typename T> handle create_task(lazy<T> work);
  void run_until_complete(handle h);
  void run_forever();
};
} // namespace aio

aio::lazy<void> fetch(std::string &into);

// Negative: the loop runs the task it was given to completion.
std::string wrapped(aio::event_loop &loop) {
  std::string body;
  loop.run_until_complete(loop.create_task(fetch(body)));
  return body;
}

// Running another task leaves this one running.
std::string another(aio::event_loop &loop) {
  std::string body;
  std::string other;
  loop.create_task(fetch(body));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'aio::event_loop::create_task' borrows local 'body' of 'another', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:26: note: the detached operation borrows from 'another': reference parameter 'into' refers to local 'body'
  // CHECK-NOTES: :[[@LINE+5]]:1: note: 'body' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'aio::event_loop::create_task' is listed as '::aio::event_loop::create_task' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-5]]:3: note: pass local 'body' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  loop.run_until_complete(loop.create_task(fetch(other)));
  return body;
}
