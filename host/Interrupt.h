//===--- Interrupt.h - A run interrupted by a signal ------------*- C++ -*-===//
//
// Part of firecrash. SIGINT and SIGTERM are recorded, not obeyed at once, so
// the tool stops its workers, writes no partial file and exits with
// 128 + the signal's number.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_TOOL_INTERRUPT_H
#define FIRECRASH_TOOL_INTERRUPT_H

#include <string>

namespace firecrash {

/// Installs handlers that record SIGINT and SIGTERM (a second one, a second
/// or more later, ends the process at once), and ignores SIGXFSZ so a file-size limit fails a
/// write instead of killing the process.
void installInterruptHandlers();

/// The signal that interrupted the run, 0 if none.
int interruptSignal();

/// "SIGINT", "SIGSEGV", ...
std::string signalName(int Signal);

/// The exit code of a run interrupted by \p Signal: 128 + its number.
inline int interruptedExitCode(int Signal) { return 128 + Signal; }

} // namespace firecrash

#endif // FIRECRASH_TOOL_INTERRUPT_H
