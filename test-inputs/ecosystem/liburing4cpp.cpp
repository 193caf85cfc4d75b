// RUN: %check_clang_tidy %s firecrash-detached-borrow %t

// An io_uring coroutine library (liburing4cpp) with default options. The
// per-connection work borrows the io_service that alone resumes it: once
// the service is gone the work is never resumed, so that borrow is no
// use-after-free. A descriptor rendezvous (the work writes an eventfd the
// frame polls) joins. An eager pipeline task that outlives the temporary it
// reads is reported.
#include "Inputs/liburing4cpp.h"
#include <sys/eventfd.h>
#include <poll.h>
#include <thread>
#include <vector>

// Negative: each connection's task suspends only on operations of
// 'service'; main runs the service until the accept loop ends.
uio::task<> accept_connection(uio::io_service &service, int serverfd) {
  while (int clientfd = co_await service.accept(serverfd, nullptr, nullptr)) {
    [](uio::io_service &service, int clientfd) -> uio::task<> {
      std::vector<char> buf(512);
      while (true) {
        int r = co_await service.recv(clientfd, buf.data(), 512, 0);
        if (r <= 0)
          break;
        co_await service.send(clientfd, buf.data(), r, 0) |
            uio::panic_on_err("send", false);
      }
      co_await service.close(clientfd);
    }(service, clientfd);
  }
}
int serve(int sockfd) {
  uio::io_service service(512);
  service.run(accept_connection(service, sockfd));
  return 0;
}

// The work also awaits another service: 'service' is not its only resumer.
uio::task<> relay(uio::io_service &service, uio::io_service &other, int fd) {
  co_await other.poll(fd, POLLIN);
  co_await service.close(fd);
}
void starts_relay(uio::io_service &other, int fd) {
  uio::io_service service(8);
  relay(service, other, fd);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached eager task returned by 'relay' borrows local 'service' of 'starts_relay', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:9: note: the detached operation borrows from 'starts_relay': reference parameter 'service' refers to local 'service'
  // CHECK-NOTES: :[[@LINE-7]]:12: note: 'relay' uses 'service' here, after it first suspends
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'service' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}liburing4cpp.h:27:8: note: the task starts eagerly (initial_suspend() never suspends) and nothing awaits it, so it runs detached
  // CHECK-NOTES: :[[@LINE-6]]:3: note: pass local 'service' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
}

// Negative: a thread that writes an eventfd after its last use of
// 'result', which the frame polls (liburing4cpp's own 'invoke').
template <typename Fn>
uio::task<int> invoke(uio::io_service &service, Fn &&fn) {
  int efd = ::eventfd(0, EFD_CLOEXEC);
  int result = 0;
  std::thread([&]() {
    uio::on_scope_exit writefd([=]() { ::eventfd_write(efd, 1); });
    result = fn();
  }).detach();
  co_await service.poll(efd, POLLIN);
  co_return result;
}
uio::task<> uses_invoke(uio::io_service &service) {
  co_await invoke(service, [] { return 42; });
}

// An eager pipeline task, not awaited, reads the temporary panic_on_err
// after it suspends.
uio::task<> copy_block(uio::io_service &service, int fd, char *buf) {
  auto t = service.read(fd, buf, 512, 0) | uio::panic_on_err("read", false);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: detached eager task returned by 'operator|' borrows a temporary of 'copy_block', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:44: note: the detached operation borrows from 'copy_block': a temporary is bound to reference parameter 'poe'; it is destroyed at the end of the statement while the coroutine still refers to it
  // CHECK-NOTES: {{.*}}liburing4cpp.h:140:11: note: 'operator|' uses 'poe' here, after it first suspends
  // CHECK-NOTES: :[[@LINE-4]]:75: note: the temporary is destroyed at the end of the full-expression, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}liburing4cpp.h:27:8: note: the task starts eagerly (initial_suspend() never suspends) and nothing awaits it, so it runs detached
  // CHECK-NOTES: :[[@LINE-6]]:12: note: take the value by value in the detached operation, or keep it alive until the operation finishes
  co_await service.close(fd);
}
