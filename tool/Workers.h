//===--- Workers.h - Analyse units in worker processes ----------*- C++ -*-===//
//
// Part of firecrash. The tool analyses translation units in worker processes
// (forked from it, so they share its loaded database and options at no
// cost), so a unit that crashes clang, hangs or eats memory costs that unit,
// not the run. Workers take a unit's index on a socket and answer with the
// unit's summary document, each as a frame "<length>\n<bytes>"; the parent
// schedules, times, measures and replaces them.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_TOOL_WORKERS_H
#define FIRECRASH_TOOL_WORKERS_H

#include "Interrupt.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace firecrash {

/// How the parent runs its workers.
struct PoolOptions {
  /// Workers at once (at least 1).
  unsigned Jobs = 1;
  /// A unit that takes longer fails (0: no limit).
  unsigned TimeoutSeconds = 0;
  /// A worker whose resident memory exceeds this fails its unit (0: none).
  unsigned MaxMemoryMiB = 0;
};

/// Why a unit has no answer.
struct UnitFailure {
  enum KindType { Crash, Timeout, Memory } Kind;
  /// One line: "crashed (SIGSEGV) while parsing function body 'f' at
  /// a.cpp:3:23", "exceeded the time limit (120 s)".
  std::string Message;
  /// What the worker printed on stderr for this unit (its crash report).
  std::string Stderr;
};

/// Has workers analyse the units \p Order lists, in that order: a worker
/// is sent a unit's index and answers with what \p Serve returns for it.
/// \p Serve runs in a child forked from this process, so it must be safe to
/// call there (no other thread may be running).
/// Calls \p Answer with a unit's index and the worker's answer, or
/// \p Failed when its worker crashed (twice: a crash is retried once, in a
/// worker running alone, so a neighbour's memory use is not blamed on it),
/// ran out of time or of memory. Both are called on this thread. Returns
/// false if the run was interrupted (then some units have neither).
bool runInWorkers(const PoolOptions &Options,
                  const std::vector<size_t> &Order,
                  llvm::function_ref<std::string(size_t)> Serve,
                  llvm::function_ref<void(size_t, std::string)> Answer,
                  llvm::function_ref<void(size_t, UnitFailure)> Failed);

} // namespace firecrash

#endif // FIRECRASH_TOOL_WORKERS_H
