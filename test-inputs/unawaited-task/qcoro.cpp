// RUN: %check_clang_tidy %s firecrash-unawaited-task %t -- \
// RUN:   -config="{CheckOptions: {HandlerFunctions: '^Server::handle'}}" -- \
// RUN:   -I/usr/include/qcoro6 -I/usr/include/x86_64-linux-gnu/qt6 \
// RUN:   -I/usr/include/x86_64-linux-gnu/qt6/QtCore -fPIC

// Against the real QCoro (Debian's qcoro-qt6-dev): QCoro::Task is eager, so a
// task the handler drops runs detached, here holding a reference to the
// handler's own parameter.
#include <QString>
#include <qcoro/qcorotask.h>

QCoro::Task<int> fetchCount(const QString &key);
QCoro::Task<> logVisit(QString path);

class Server {
public:
  QCoro::Task<> handleRequest(QString path) {
    fetchCount(path);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: task returned by 'fetchCount' is discarded in request handler 'handleRequest'; an eager task runs detached, and the handler can complete while it is still outstanding [firecrash-unawaited-task]
    // CHECK-NOTES: {{.*}}qcorotask.h:{{[0-9]+}}:{{[0-9]+}}: note: 'Task<int>' is a task: it is listed as '::QCoro::Task' in option 'TaskTypes'
    // CHECK-NOTES: {{.*}}qcorotask.h:{{[0-9]+}}:{{[0-9]+}}: note: the task starts eagerly: initial_suspend() never suspends
    // CHECK-NOTES: :[[@LINE-5]]:17: note: 'handleRequest' is a request handler: its name matches '^Server::handle' in option 'HandlerFunctions'
    // CHECK-NOTES: :[[@LINE-5]]:16: note: the detached operation borrows from the handler: reference parameter 'key' refers to handler parameter 'path'
    // CHECK-NOTES: :[[@LINE-6]]:5: note: co_await the task, or spawn it on the request's scope and join it
    co_return;
  }

  // CHECK-FIXES: co_await fetchCount(path);

  // Negative: the handler awaits what it starts.
  QCoro::Task<> handleCount(QString path) {
    int count = co_await fetchCount(path);
    co_await logVisit(path + QString::number(count));
  }
};

// Negative: not a request handler.
QCoro::Task<> warmCache() {
  fetchCount(QStringLiteral("all"));
  co_return;
}
