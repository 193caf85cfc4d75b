// RUN: %check_clang_tidy %s firecrash-detached-borrow %t -- -- \
// RUN:   -I/usr/include/qcoro6 -I/usr/include/x86_64-linux-gnu/qt6 \
// RUN:   -I/usr/include/x86_64-linux-gnu/qt6/QtCore -fPIC

// Event-loop joins, against the real Qt 6 and QCoro: running a QEventLoop
// right after starting the work, which quits it as its last act, is a join
// (QCoro's own waitFor() does this); quitting before a later use is not.
#include <QEventLoop>
#include <QString>
#include <QTimer>
#include <qcoro/qcorotask.h>
#include <qcoro/qcorotimer.h>

struct Context {
  QEventLoop loop;
  QString result;
};

QCoro::Task<> fetch(Context &context) {
  QTimer timer;
  timer.start(10);
  co_await timer;
  context.result = QStringLiteral("done");
  context.loop.quit();
}

// Negative: the loop runs until the work quits it, after its last use.
QString wait_for_fetch() {
  Context context;
  fetch(context);
  context.loop.exec();
  return context.result;
}

QCoro::Task<> fetch_and_log(Context &context) {
  QTimer timer;
  timer.start(10);
  co_await timer;
  context.loop.quit();
  context.result.append(QStringLiteral(" (logged)"));
}

// Quit first: exec() returns, 'context' dies, and the work still writes it.
QString quits_too_early() {
  Context context;
  fetch_and_log(context);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: detached eager task returned by 'fetch_and_log' borrows local 'context' of 'quits_too_early', which can be destroyed while the operation still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:17: note: the detached operation borrows from 'quits_too_early': reference parameter 'context' refers to local 'context'
  // CHECK-NOTES: :[[@LINE-10]]:3: note: 'fetch_and_log' uses 'context' here, after it first suspends
  // CHECK-NOTES: :[[@LINE-11]]:3: note: the frame resumes here ('QEventLoop::exec' returns) while the work still uses 'context'
  // CHECK-NOTES: :[[@LINE-11]]:3: note: the work uses 'context' here, after it has let the frame resume
  // CHECK-NOTES: :[[@LINE+5]]:1: note: 'context' is destroyed here, at the end of its scope, while the detached operation may still use it
  // CHECK-NOTES: {{.*}}qcorotask.h:{{[0-9]+}}:{{[0-9]+}}: note: the task starts eagerly (initial_suspend() never suspends) and nothing awaits it, so it runs detached
  // CHECK-NOTES: :[[@LINE-8]]:3: note: pass local 'context' to the operation by value (move it, or share it through a 'std::shared_ptr'), or wait for the operation before it is destroyed (co_await it, or join it)
  context.loop.exec();
  return context.result;
}
