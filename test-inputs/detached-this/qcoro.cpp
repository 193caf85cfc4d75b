// RUN: %check_clang_tidy %s firecrash-detached-this %t -- -- \
// RUN:   -I/usr/include/qcoro6 -I/usr/include/x86_64-linux-gnu/qt6 \
// RUN:   -I/usr/include/x86_64-linux-gnu/qt6/QtCore -fPIC

// Against the real Qt 6 and QCoro (Debian's qcoro-qt6-dev): a slot
// coroutine returning QCoro::Task<> (eager) is invoked by a signal that
// drops the task; the widget can be deleted while it awaits.
#include <QObject>
#include <QPointer>
#include <QString>
#include <qcoro/qcorotask.h>

QCoro::Task<QString> download(QString url);

class Viewer : public QObject {
  Q_OBJECT
public:
  QString text;
  QCoro::Task<> load(QString url); // not a slot: its caller may await it

public Q_SLOTS:
  // Reported: 'text' after resuming, nothing guards the viewer.
  QCoro::Task<> onOpen(QString url) {
    QString body = co_await download(url);
    text = body;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'onOpen', a detached coroutine, uses 'this' after it suspends; nothing keeps the object alive, so it can resume into a destroyed object [firecrash-detached-this]
    // CHECK-NOTES: :[[@LINE-3]]:20: note: the object can be destroyed while the coroutine is suspended here
    // CHECK-NOTES: :[[@LINE-5]]:17: note: 'onOpen' is a Qt slot returning eager task 'QCoro::Task<>': a signal invokes it and nobody awaits the task, so nothing keeps the object alive while it is suspended
    // CHECK-NOTES: :[[@LINE-6]]:37: note: take a strong reference to the object before the first suspension, or a weak one (a 'QPointer', a 'std::weak_ptr') before it and check it after resuming
  }

  // Quiet: a QPointer checked after resuming.
  QCoro::Task<> onOpenGuarded(QString url) {
    QPointer<Viewer> self(this);
    QString body = co_await download(url);
    if (!self)
      co_return;
    text = body;
  }

  // Quiet: 'this' only before the first suspension.
  QCoro::Task<> onReset(QString url) {
    text.clear();
    co_await download(url);
  }
};

QCoro::Task<> Viewer::load(QString url) {
  text = co_await download(url);
}
