// RUN: %check_clang_tidy %s firecrash-detached-borrow %t

// A start whose handle owns the work: destroying the handle waits for it
// (std::jthread joins in its destructor, the future of std::async blocks, a
// class of the project whose destructor joins). The work lives exactly as
// long as the handle: quiet while the handle dies before what the work
// borrows; reported where the handle escapes the frame (stored in a member,
// a global or an outliving container, returned, moved into a function that
// keeps it) or where a local that outlives the borrowed state keeps it.
#include <functional>
#include <future>
#include <thread>
#include <utility>
#include <vector>

void use(int &);

// A class of the project whose destructor joins: read from its body.
class Worker {
public:
  explicit Worker(std::function<void()> Fn) : T(std::move(Fn)) {}
  Worker(Worker &&) = default;
  ~Worker() { T.join(); }

private:
  std::thread T;
};

std::vector<std::jthread> GThreads;
std::vector<std::future<void>> GFutures;
std::vector<Worker> GWorkers;

// Positive: built in a global container.
void emplacedGlobally() {
  int Hits = 0;
  GThreads.emplace_back([&] { use(Hits); });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::jthread', which waits for the work it owns only when destroyed, is stored in 'GThreads' by 'emplacedGlobally' while the work borrows local 'Hits', which can be destroyed while the work still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:25: note: the owned work borrows from 'emplacedGlobally': the lambda captures local 'Hits' by reference
  // CHECK-NOTES: :[[@LINE+2]]:1: note: 'Hits' is destroyed here, before the handle that waits for the work
  // CHECK-NOTES: :[[@LINE-4]]:3: note: keep the handle in a local declared after local 'Hits', whose destruction then waits for the work in time, or pass local 'Hits' to the work by value
}

// Negative: built in a local container declared after what it borrows.
void emplacedLocally() {
  int Hits = 0;
  std::vector<std::jthread> Pool;
  Pool.emplace_back([&] { use(Hits); });
}

// Positive: a local container declared before what the work borrows.
void emplacedEarly() {
  std::vector<std::jthread> Pool;
  int Hits = 0;
  Pool.emplace_back([&] { use(Hits); });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::jthread' kept in 'Pool' outlives local 'Hits', which the work it owns borrows and which can be destroyed while the work still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-4]]:29: note: 'Pool' is declared here, before local 'Hits', so it is destroyed after it
  // CHECK-NOTES: :[[@LINE-3]]:21: note: the owned work borrows from 'emplacedEarly': the lambda captures local 'Hits' by reference
  // CHECK-NOTES: :[[@LINE+2]]:1: note: 'Hits' is destroyed here, before the handle that waits for the work
  // CHECK-NOTES: :[[@LINE-5]]:3: note: keep the handle in a local declared after local 'Hits', whose destruction then waits for the work in time, or pass local 'Hits' to the work by value
}

// Negative: a local handle, destroyed (joined) before what it borrows.
void localThread() {
  int Hits = 0;
  std::jthread T([&] { use(Hits); });
}

// Positive: a local declared before what the work borrows.
void assignedLater() {
  std::jthread T;
  int Hits = 0;
  T = std::jthread([&] { use(Hits); });
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'std::jthread' kept in 'T' outlives local 'Hits', which the work it owns borrows and which can be destroyed while the work still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-4]]:16: note: 'T' is declared here, before local 'Hits', so it is destroyed after it
  // CHECK-NOTES: :[[@LINE-3]]:20: note: the owned work borrows from 'assignedLater': the lambda captures local 'Hits' by reference
  // CHECK-NOTES: :[[@LINE+2]]:1: note: 'Hits' is destroyed here, before the handle that waits for the work
  // CHECK-NOTES: :[[@LINE-5]]:7: note: keep the handle in a local declared after local 'Hits', whose destruction then waits for the work in time, or pass local 'Hits' to the work by value
}

// Positive: the future stored in a global container.
void futureStored() {
  int Hits = 0;
  GFutures.push_back(std::async(std::launch::async, [&] { use(Hits); }));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the future of 'std::async', which waits for the work it owns only when destroyed, is stored in 'GFutures' by 'futureStored' while the work borrows local 'Hits', which can be destroyed while the work still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:22: note: the work starts here, owned by the future of 'std::async', which waits for it when destroyed
  // CHECK-NOTES: :[[@LINE-3]]:53: note: the owned work borrows from 'futureStored': the lambda captures local 'Hits' by reference
  // CHECK-NOTES: :[[@LINE+2]]:1: note: 'Hits' is destroyed here, before the handle that waits for the work
  // CHECK-NOTES: :[[@LINE-5]]:3: note: keep the handle in a local declared after local 'Hits', whose destruction then waits for the work in time, or pass local 'Hits' to the work by value
}

// Positive: the future returned.
std::future<void> futureReturned() {
  int Hits = 0;
  return std::async(std::launch::async, [&] { use(Hits); });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the future of 'std::async', which waits for the work it owns only when destroyed, is returned from 'futureReturned' while the work borrows local 'Hits', which can be destroyed while the work still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:10: note: the work starts here, owned by the future of 'std::async', which waits for it when destroyed
  // CHECK-NOTES: :[[@LINE-3]]:41: note: the owned work borrows from 'futureReturned': the lambda captures local 'Hits' by reference
  // CHECK-NOTES: :[[@LINE+2]]:1: note: 'Hits' is destroyed here, before the handle that waits for the work
  // CHECK-NOTES: :[[@LINE-5]]:3: note: keep the handle in a local declared after local 'Hits', whose destruction then waits for the work in time, or pass local 'Hits' to the work by value
}

// Positive: a local future returned.
std::future<void> localFutureReturned() {
  int Hits = 0;
  auto F = std::async(std::launch::async, [&] { use(Hits); });
  return F;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the future of 'std::async', which waits for the work it owns only when destroyed, is returned from 'localFutureReturned' while the work borrows local 'Hits', which can be destroyed while the work still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-3]]:12: note: the work starts here, owned by the future of 'std::async', which waits for it when destroyed
  // CHECK-NOTES: :[[@LINE-4]]:43: note: the owned work borrows from 'localFutureReturned': the lambda captures local 'Hits' by reference
  // CHECK-NOTES: :[[@LINE+2]]:1: note: 'Hits' is destroyed here, before the handle that waits for the work
  // CHECK-NOTES: :[[@LINE-5]]:3: note: keep the handle in a local declared after local 'Hits', whose destruction then waits for the work in time, or pass local 'Hits' to the work by value
}

// Negative: a discarded future waits at the end of its statement.
void futureDiscarded() {
  int Hits = 0;
  std::async(std::launch::async, [&] { use(Hits); });
}

// Negative: a local future.
void futureKept() {
  int Hits = 0;
  auto F = std::async(std::launch::async, [&] { use(Hits); });
  F.wait();
}

// Negative: the work takes what it needs by value.
void futureByValue() {
  int Hits = 0;
  GFutures.push_back(std::async(std::launch::async, [Hits] {
    int Copy = Hits;
    use(Copy);
  }));
}

// Positive: a local moved into a global container.
void movedToGlobal() {
  int Hits = 0;
  std::jthread T([&] { use(Hits); });
  GThreads.push_back(std::move(T));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::jthread', which waits for the work it owns only when destroyed, is stored in 'GThreads' by 'movedToGlobal' while the work borrows local 'Hits', which can be destroyed while the work still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-3]]:16: note: the work starts here, owned by 'std::jthread', which waits for it when destroyed
  // CHECK-NOTES: :[[@LINE-4]]:18: note: the owned work borrows from 'movedToGlobal': the lambda captures local 'Hits' by reference
  // CHECK-NOTES: :[[@LINE+2]]:1: note: 'Hits' is destroyed here, before the handle that waits for the work
  // CHECK-NOTES: :[[@LINE-5]]:3: note: keep the handle in a local declared after local 'Hits', whose destruction then waits for the work in time, or pass local 'Hits' to the work by value
}

// Negative: a local moved into another local.
void movedToLocal() {
  int Hits = 0;
  std::jthread T([&] { use(Hits); });
  std::jthread U = std::move(T);
}

void keep(std::jthread T) { GThreads.push_back(std::move(T)); }
void finish(std::jthread T) { T.join(); }
void look(std::jthread &T);
void handOff(std::jthread T);

// Positive: moved into a function that keeps it.
void movedIntoKeeper() {
  int Hits = 0;
  std::jthread T([&] { use(Hits); });
  keep(std::move(T));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::jthread', which waits for the work it owns only when destroyed, is moved into 'keep' by 'movedIntoKeeper' while the work borrows local 'Hits', which can be destroyed while the work still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-3]]:16: note: the work starts here, owned by 'std::jthread', which waits for it when destroyed
  // CHECK-NOTES: :[[@LINE-4]]:18: note: the owned work borrows from 'movedIntoKeeper': the lambda captures local 'Hits' by reference
  // CHECK-NOTES: :[[@LINE+2]]:1: note: 'Hits' is destroyed here, before the handle that waits for the work
  // CHECK-NOTES: :[[@LINE-5]]:3: note: keep the handle in a local declared after local 'Hits', whose destruction then waits for the work in time, or pass local 'Hits' to the work by value
}

// Negative: moved into a function that joins it before returning.
void movedIntoFinisher() {
  int Hits = 0;
  std::jthread T([&] { use(Hits); });
  finish(std::move(T));
}

// Positive: moved into a function only declared here, which may keep it.
void movedIntoDeclared() {
  int Hits = 0;
  std::jthread T([&] { use(Hits); });
  handOff(std::move(T));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::jthread', which waits for the work it owns only when destroyed, is moved into 'handOff' by 'movedIntoDeclared' while the work borrows local 'Hits', which can be destroyed while the work still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-3]]:16: note: the work starts here, owned by 'std::jthread', which waits for it when destroyed
  // CHECK-NOTES: :[[@LINE-4]]:18: note: the owned work borrows from 'movedIntoDeclared': the lambda captures local 'Hits' by reference
  // CHECK-NOTES: :[[@LINE+2]]:1: note: 'Hits' is destroyed here, before the handle that waits for the work
  // CHECK-NOTES: :[[@LINE-5]]:3: note: keep the handle in a local declared after local 'Hits', whose destruction then waits for the work in time, or pass local 'Hits' to the work by value
}

// Negative: lent by reference, it stays in the frame.
void lent() {
  int Hits = 0;
  std::jthread T([&] { use(Hits); });
  look(T);
}

// Negative: a handle of the project's class kept in a local.
void workerKept() {
  int Hits = 0;
  Worker W([&] { use(Hits); });
}

// Positive: a handle of the project's class built in a global container.
void workerStored() {
  int Hits = 0;
  GWorkers.emplace_back([&] { use(Hits); });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'Worker', which waits for the work it owns only when destroyed, is stored in 'GWorkers' by 'workerStored' while the work borrows local 'Hits', which can be destroyed while the work still runs [firecrash-detached-borrow]
  // CHECK-NOTES: :[[@LINE-2]]:25: note: the owned work borrows from 'workerStored': the lambda captures local 'Hits' by reference
  // CHECK-NOTES: :[[@LINE+2]]:1: note: 'Hits' is destroyed here, before the handle that waits for the work
  // CHECK-NOTES: :[[@LINE-4]]:3: note: keep the handle in a local declared after local 'Hits', whose destruction then waits for the work in time, or pass local 'Hits' to the work by value
}

// Positive: assigned to a member.
class Server {
public:
  void start() {
    int Hits = 0;
    Poller = std::jthread([&] { use(Hits); });
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'std::jthread', which waits for the work it owns only when destroyed, is assigned to 'Poller' by 'start' while the work borrows local 'Hits', which can be destroyed while the work still runs [firecrash-detached-borrow]
    // CHECK-NOTES: :[[@LINE-2]]:14: note: the work starts here, owned by 'std::jthread', which waits for it when destroyed
    // CHECK-NOTES: :[[@LINE-3]]:27: note: the owned work borrows from 'start': the lambda captures local 'Hits' by reference
    // CHECK-NOTES: :[[@LINE+2]]:3: note: 'Hits' is destroyed here, before the handle that waits for the work
    // CHECK-NOTES: :[[@LINE-5]]:5: note: keep the handle in a local declared after local 'Hits', whose destruction then waits for the work in time, or pass local 'Hits' to the work by value
  }
  // Negative: 'this' of an object whose owner outlives the call.
  void startTicking() {
    Poller = std::jthread([this] { tick(); });
  }

private:
  void tick();
  std::jthread Poller;
};

// Negative: a lambda the capture names but never uses borrows nothing.
void unusedCapture() {
  int Hits = 0;
  GThreads.emplace_back([&Hits] { int Local = 0; use(Local); });
}
