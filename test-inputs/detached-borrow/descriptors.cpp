// RUN: %check_clang_tidy %s firecrash-detached-borrow %t

// Rendezvous on a descriptor: the work writes an eventfd or a pipe, and the
// frame blocks reading it. Signal and wait are free functions naming the
// same variable ("read(0)=write(0)"); the work must write after its last
// use of what it borrowed.
#include <sys/eventfd.h>
#include <thread>
#include <unistd.h>

int compute();

// Negative: the thread writes the eventfd after its last use of 'result'.
int eventfd_joined() {
  int efd = ::eventfd(0, EFD_CLOEXEC);
  int result = 0;
  std::thread([&] {
    result = compute();
    ::eventfd_write(efd, 1);
  }).detach();
  eventfd_t value;
  ::eventfd_read(efd, &value);
  ::close(efd);
  return result;
}

// The signal comes before a later use of 'result'.
int eventfd_early() {
  int efd = ::eventfd(0, EFD_CLOEXEC);
  int result = 0;
  std::thread([&] {
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'std::thread::detach' borrows local 'result' of 'eventfd_early', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:15: note: the detached operation borrows from 'eventfd_early': the lambda captures local 'result' by reference
  // CHECK-NOTES: :[[@LINE+5]]:21: note: the frame resumes here ('eventfd_read' returns) while the work still uses 'result'
  // CHECK-NOTES: :[[@LINE+5]]:5: note: the work uses 'result' here, after it has let the frame resume
  // CHECK-NOTES: :[[@LINE+9]]:1: note: 'result' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-6]]:3: note: 'std::thread::detach' is listed as '::std::thread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-7]]:3: note: pass local 'result' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
    ::eventfd_write(efd, 1);
    result = compute();
  }).detach();
  eventfd_t value;
  ::eventfd_read(efd, &value);
  return result;
}

// Negative: a pipe, written at one end and read at the other.
int pipe_joined() {
  int fds[2];
  if (::pipe(fds) != 0)
    return -1;
  int result = 0;
  std::thread([&] {
    result = compute();
    char done = 1;
    ::write(fds[1], &done, 1);
  }).detach();
  char done;
  ::read(fds[0], &done, 1);
  return result;
}

// A read of another descriptor waits for something else.
int other_descriptor(int other) {
  int fds[2];
  if (::pipe(fds) != 0)
    return -1;
  int result = 0;
  std::thread([&] {
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached work passed to 'std::thread::detach' borrows local 'result' of 'other_descriptor', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:15: note: the detached operation borrows from 'other_descriptor': the lambda captures local 'result' by reference
  // CHECK-NOTES: :[[@LINE-3]]:15: note: the detached operation borrows from 'other_descriptor': the lambda captures local 'fds' by reference
  // CHECK-NOTES: :[[@LINE+11]]:1: note: 'result' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE+10]]:1: note: 'fds' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: :[[@LINE-6]]:3: note: 'std::thread::detach' is listed as '::std::thread::detach' in option 'DetachingCallees'; co_await the work instead, or spawn it on the request's scope and join it
  // CHECK-NOTES: :[[@LINE-7]]:3: note: pass local 'result' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
    result = compute();
    char done = 1;
    ::write(fds[1], &done, 1);
  }).detach();
  char done;
  ::read(other, &done, 1);
  return result;
}

// Negative: the work hands the descriptor to a helper that signals it.
void finish(int fd) { ::eventfd_write(fd, 1); }
int helper_signals() {
  int efd = ::eventfd(0, EFD_CLOEXEC);
  int result = 0;
  std::thread([&] {
    result = compute();
    finish(efd);
  }).detach();
  eventfd_t value;
  ::eventfd_read(efd, &value);
  return result;
}
