//===--- Workers.cpp - Analyse units in worker processes ------------------===//

#include "Workers.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/Signals.h"
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace firecrash {

namespace {

/// Writes all of \p Data to \p FD; false on failure (the reader is gone).
bool writeAll(int FD, llvm::StringRef Data) {
  while (!Data.empty()) {
    ssize_t Wrote = ::send(FD, Data.data(), Data.size(), MSG_NOSIGNAL);
    if (Wrote < 0 && errno == ENOTSOCK)
      Wrote = ::write(FD, Data.data(), Data.size());
    if (Wrote < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    Data = Data.drop_front(Wrote);
  }
  return true;
}

bool writeFrame(int FD, llvm::StringRef Data) {
  return writeAll(FD, std::to_string(Data.size()) + "\n") &&
         writeAll(FD, Data);
}

/// Takes one complete frame off the front of \p Buffer into \p Frame.
/// Returns false if it is not complete yet; sets \p Bad on a malformed one.
bool takeFrame(std::string &Buffer, std::string &Frame, bool &Bad) {
  size_t End = Buffer.find('\n');
  if (End == std::string::npos) {
    Bad = Buffer.size() > 20;
    return false;
  }
  unsigned long long Length = 0;
  if (llvm::StringRef(Buffer).take_front(End).getAsInteger(10, Length)) {
    Bad = true;
    return false;
  }
  if (Buffer.size() - End - 1 < Length)
    return false;
  Frame = Buffer.substr(End + 1, Length);
  Buffer.erase(0, End + 1 + Length);
  return true;
}

/// What the crash report on \p Stderr says the process was doing: its
/// innermost pretty stack trace entry ("2.\ta.cpp:3:23: parsing function
/// body 'f'"), as "while parsing function body 'f' at a.cpp:3:23".
std::string crashContext(llvm::StringRef Stderr) {
  llvm::StringRef Last;
  llvm::SmallVector<llvm::StringRef, 32> Lines;
  Stderr.split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    auto [Number, Entry] = Line.split(".\t");
    if (Entry.empty() || Number.empty() ||
        !llvm::all_of(Number, llvm::isDigit) ||
        Entry.starts_with("Program arguments"))
      continue;
    Last = Entry.trim();
  }
  if (Last.empty())
    return "";
  // "<file>:<line>:<column>: <what>"
  size_t Split = Last.find(": ");
  while (Split != llvm::StringRef::npos) {
    llvm::StringRef Where = Last.take_front(Split);
    auto [Rest, Column] = Where.rsplit(':');
    auto [File, Line] = Rest.rsplit(':');
    if (!File.empty() && !Line.empty() && !Column.empty() &&
        llvm::all_of(Line, llvm::isDigit) && llvm::all_of(Column, llvm::isDigit))
      return " while " + Last.drop_front(Split + 2).str() + " at " + Where.str();
    Split = Last.find(": ", Split + 2);
  }
  return " while " + Last.str();
}

/// The last non-empty line of \p Stderr.
std::string lastLine(llvm::StringRef Stderr) {
  llvm::StringRef Text = Stderr.rtrim();
  return Text.substr(Text.rfind('\n') + 1).trim().str();
}

using Clock = std::chrono::steady_clock;

struct Worker {
  pid_t Pid = -1;
  /// Units out, answers in (a socket: writing to a dead worker fails
  /// instead of raising SIGPIPE).
  int Sock = -1;
  /// Its stderr.
  int Err = -1;
  std::string Answers;
  std::string Stderr;
  std::optional<size_t> Unit;
  Clock::time_point Started;
  std::optional<UnitFailure> KilledFor;
};

/// Keeps the end of a worker's stderr: a crash report is at the end.
constexpr size_t StderrKept = 64 * 1024;

/// The worker's loop: answers each unit index read from \p In with
/// \p Serve, on \p Out, until \p In ends. Returns the process exit code.
int serveRequests(int In, int Out,
                  llvm::function_ref<std::string(size_t)> Serve) {
  std::string Buffer, Request;
  char Chunk[65536];
  for (;;) {
    bool Bad = false;
    while (takeFrame(Buffer, Request, Bad)) {
      size_t Unit = 0;
      if (llvm::StringRef(Request).getAsInteger(10, Unit))
        return 2;
      if (!writeFrame(Out, Serve(Unit)))
        return 0; // the parent is gone
    }
    if (Bad)
      return 2;
    ssize_t Got = ::read(In, Chunk, sizeof Chunk);
    if (Got < 0 && errno == EINTR)
      continue;
    if (Got <= 0)
      return 0;
    Buffer.append(Chunk, Got);
  }
}

std::optional<std::string>
spawn(llvm::function_ref<std::string(size_t)> Serve, Worker &W) {
  int Pair[2], Pipe[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, Pair) != 0)
    return std::string("socketpair: ") + std::strerror(errno);
  if (::pipe2(Pipe, O_CLOEXEC) != 0) {
    ::close(Pair[0]);
    ::close(Pair[1]);
    return std::string("pipe: ") + std::strerror(errno);
  }
  pid_t Parent = ::getpid();
  pid_t Pid = ::fork();
  if (Pid == 0) {
    // The parent decides what an interruption stops; and a worker never
    // outlives it.
    ::signal(SIGINT, SIG_IGN);
    ::signal(SIGTERM, SIG_DFL);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != Parent)
      ::_exit(1);
    // What anything writes to stdout or stderr goes to the parent's pipe:
    // a crash report among it.
    ::dup2(Pipe[1], 1);
    ::dup2(Pipe[1], 2);
    ::close(Pair[0]);
    ::close(Pipe[0]);
    // A crash prints what clang was doing ("parsing function body 'f'")
    // for the parent to name the cause; it needs no symbols, which would
    // cost seconds.
    ::setenv("LLVM_DISABLE_SYMBOLIZATION", "1", 1);
    llvm::sys::PrintStackTraceOnErrorSignal("firecrash");
    llvm::EnablePrettyStackTrace();
    // Not exit(): the parent's static objects are not this process's to
    // destroy.
    ::_exit(serveRequests(Pair[1], Pair[1], Serve));
  }
  int Errno = errno;
  ::close(Pair[1]);
  ::close(Pipe[1]);
  if (Pid < 0) {
    ::close(Pair[0]);
    ::close(Pipe[0]);
    return std::string("fork: ") + std::strerror(Errno);
  }
  W = Worker();
  W.Pid = Pid;
  W.Sock = Pair[0];
  W.Err = Pipe[0];
  ::fcntl(W.Err, F_SETFL, ::fcntl(W.Err, F_GETFL) | O_NONBLOCK);
  return std::nullopt;
}

/// Reads what is there from the worker's stderr; false at its end.
bool drainStderr(Worker &W) {
  char Buffer[8192];
  for (;;) {
    ssize_t Got = ::read(W.Err, Buffer, sizeof Buffer);
    if (Got > 0) {
      W.Stderr.append(Buffer, Got);
      if (W.Stderr.size() > 2 * StderrKept)
        W.Stderr.erase(0, W.Stderr.size() - StderrKept);
      continue;
    }
    if (Got < 0 && errno == EINTR)
      continue;
    return Got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }
}

/// Ends \p W: kills it unless it already exited, reaps it, and returns
/// why it failed its unit, if it had one.
std::optional<UnitFailure> reap(Worker &W, bool Kill) {
  if (Kill)
    ::kill(W.Pid, SIGKILL);
  int Status = 0;
  while (::waitpid(W.Pid, &Status, 0) < 0 && errno == EINTR) {
  }
  // Whatever it printed before it died.
  int Flags = ::fcntl(W.Err, F_GETFL);
  ::fcntl(W.Err, F_SETFL, Flags & ~O_NONBLOCK);
  drainStderr(W);
  ::close(W.Sock);
  ::close(W.Err);
  W.Pid = -1;
  if (!W.Unit)
    return std::nullopt;
  if (W.KilledFor) {
    W.KilledFor->Stderr = W.Stderr;
    return W.KilledFor;
  }
  UnitFailure Failure;
  Failure.Kind = UnitFailure::Crash;
  Failure.Stderr = W.Stderr;
  if (WIFSIGNALED(Status)) {
    int Signal = WTERMSIG(Status);
    Failure.Message = "crashed (" + signalName(Signal) + ")" +
                      crashContext(W.Stderr);
    if (Signal == SIGKILL)
      Failure.Message += ", killed from outside (the system's out-of-memory "
                         "killer?)";
  } else {
    Failure.Message = "the worker exited with status " +
                      std::to_string(WEXITSTATUS(Status)) + " while analysing";
    std::string Last = lastLine(W.Stderr);
    if (!Last.empty())
      Failure.Message += ": " + Last;
  }
  return Failure;
}

/// Resident memory of \p Pid in MiB, 0 if unknown.
uint64_t residentMiB(pid_t Pid) {
  auto Buffer = llvm::MemoryBuffer::getFileAsStream(
      "/proc/" + std::to_string(Pid) + "/statm");
  if (!Buffer)
    return 0;
  llvm::SmallVector<llvm::StringRef, 8> Fields;
  (*Buffer)->getBuffer().split(Fields, ' ');
  uint64_t Pages = 0;
  if (Fields.size() < 2 || Fields[1].getAsInteger(10, Pages))
    return 0;
  return Pages * static_cast<uint64_t>(::sysconf(_SC_PAGESIZE)) >> 20;
}

/// Runs \p Units on \p Jobs workers. Crashes go to \p Retry when given,
/// else to \p Failed. Returns false if interrupted.
bool runPhase(const PoolOptions &Options, unsigned Jobs,
              std::deque<size_t> Units,
              llvm::function_ref<std::string(size_t)> Serve,
              llvm::function_ref<void(size_t, std::string)> Answer,
              llvm::function_ref<void(size_t, UnitFailure)> Failed,
              std::vector<size_t> *Retry) {
  std::vector<Worker> Workers;
  auto Finish = [&](Worker &W, bool Kill) {
    std::optional<size_t> Unit = W.Unit;
    std::optional<UnitFailure> Failure = reap(W, Kill);
    if (!Unit || !Failure)
      return;
    if (Failure->Kind == UnitFailure::Crash && Retry)
      Retry->push_back(*Unit);
    else
      Failed(*Unit, std::move(*Failure));
  };
  auto StopAll = [&] {
    for (Worker &W : Workers)
      if (W.Pid > 0) {
        W.Unit.reset();
        reap(W, /*Kill=*/true);
      }
  };
  for (;;) {
    if (interruptSignal()) {
      StopAll();
      return false;
    }
    // Give every idle worker the next unit, starting workers as needed.
    auto Give = [&](Worker &W) {
      W.Unit = Units.front();
      Units.pop_front();
      W.Started = Clock::now();
      W.Stderr.clear();
      // The unit's index: the worker is a fork, it has the units already.
      writeFrame(W.Sock, std::to_string(*W.Unit)); // a dead worker shows as EOF
    };
    llvm::erase_if(Workers, [](const Worker &W) { return W.Pid <= 0; });
    for (Worker &W : Workers)
      if (!W.Unit && !Units.empty())
        Give(W);
    while (Workers.size() < Jobs && !Units.empty()) {
      Worker W;
      if (std::optional<std::string> Problem = spawn(Serve, W)) {
        UnitFailure Failure{UnitFailure::Crash,
                            "cannot start a worker process: " + *Problem, ""};
        Failed(Units.front(), Failure);
        Units.pop_front();
        continue;
      }
      Give(W);
      Workers.push_back(std::move(W));
    }
    if (llvm::none_of(Workers, [](const Worker &W) { return W.Unit; }))
      break;

    // Wait for answers, output, deaths, or the next deadline.
    std::vector<pollfd> Polled;
    for (const Worker &W : Workers) {
      Polled.push_back({W.Sock, POLLIN, 0});
      Polled.push_back({W.Err, POLLIN, 0});
    }
    int Wait = -1;
    auto Now = Clock::now();
    for (const Worker &W : Workers) {
      if (!W.Unit)
        continue;
      if (Options.MaxMemoryMiB)
        Wait = Wait < 0 ? 200 : std::min(Wait, 200);
      if (Options.TimeoutSeconds) {
        auto Left = std::chrono::duration_cast<std::chrono::milliseconds>(
                        W.Started + std::chrono::seconds(Options.TimeoutSeconds) -
                        Now)
                        .count();
        int Ms = static_cast<int>(std::max<long long>(0, Left)) + 1;
        Wait = Wait < 0 ? Ms : std::min(Wait, Ms);
      }
    }
    int Ready = ::poll(Polled.data(), Polled.size(), Wait);
    if (Ready < 0 && errno != EINTR) {
      StopAll();
      return false;
    }
    for (size_t I = 0; I < Workers.size(); ++I) {
      Worker &W = Workers[I];
      if (Polled[2 * I + 1].revents)
        drainStderr(W);
      if (!Polled[2 * I].revents)
        continue;
      char Buffer[65536];
      ssize_t Got = ::read(W.Sock, Buffer, sizeof Buffer);
      if (Got < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (Got <= 0) {
        Finish(W, /*Kill=*/true);
        continue;
      }
      W.Answers.append(Buffer, Got);
      std::string Frame;
      bool Bad = false;
      while (W.Unit && takeFrame(W.Answers, Frame, Bad)) {
        size_t Unit = *W.Unit;
        W.Unit.reset();
        Answer(Unit, std::move(Frame));
      }
      if (Bad) {
        W.KilledFor = UnitFailure{UnitFailure::Crash,
                                  "the worker's answer is malformed", ""};
        Finish(W, /*Kill=*/true);
      }
    }
    // Limits.
    Now = Clock::now();
    for (Worker &W : Workers) {
      if (W.Pid <= 0 || !W.Unit)
        continue;
      if (Options.TimeoutSeconds &&
          Now - W.Started >= std::chrono::seconds(Options.TimeoutSeconds)) {
        W.KilledFor = UnitFailure{
            UnitFailure::Timeout,
            "exceeded the time limit (" +
                std::to_string(Options.TimeoutSeconds) + " s, --timeout)",
            ""};
        Finish(W, /*Kill=*/true);
        continue;
      }
      if (Options.MaxMemoryMiB) {
        uint64_t MiB = residentMiB(W.Pid);
        if (MiB > Options.MaxMemoryMiB) {
          W.KilledFor = UnitFailure{
              UnitFailure::Memory,
              "exceeded the memory limit (" +
                  std::to_string(Options.MaxMemoryMiB) +
                  " MiB, --max-memory)",
              ""};
          Finish(W, /*Kill=*/true);
        }
      }
    }
  }
  // Done: idle workers end at the end of their input.
  for (Worker &W : Workers)
    if (W.Pid > 0) {
      ::shutdown(W.Sock, SHUT_WR);
      reap(W, /*Kill=*/false);
    }
  return true;
}

} // namespace

bool runInWorkers(const PoolOptions &Options,
                  const std::vector<size_t> &Order,
                  llvm::function_ref<std::string(size_t)> Serve,
                  llvm::function_ref<void(size_t, std::string)> Answer,
                  llvm::function_ref<void(size_t, UnitFailure)> Failed) {
  std::vector<size_t> Crashed;
  std::deque<size_t> Units(Order.begin(), Order.end());
  if (!runPhase(Options, std::max(1u, Options.Jobs), std::move(Units), Serve,
                Answer, Failed, &Crashed))
    return false;
  // Each crash again, alone, in database order.
  llvm::sort(Crashed);
  for (size_t Unit : Crashed)
    if (!runPhase(Options, 1, std::deque<size_t>{Unit}, Serve, Answer, Failed,
                  nullptr))
      return false;
  return true;
}

} // namespace firecrash
