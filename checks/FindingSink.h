//===--- FindingSink.h - Structured facts for in-process hosts -*- C++ -*-===//
//
// Part of firecrash. clang-tidy carries only text; a host that runs the checks
// in process (the firecrash tool) installs a sink on its worker thread to
// receive each finding's structured facts and each translation unit's
// summary. Under clang-tidy-19 --load no sink is installed and nothing extra
// is computed.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_CHECKS_FINDINGSINK_H
#define FIRECRASH_CHECKS_FINDINGSINK_H

#include "Summary.h"
#include <string>
#include <vector>

namespace firecrash {

struct BorrowRecord {
  std::string Kind;
  std::string Name;
  std::string Explanation;
};

/// The structured facts behind one warning, keyed like its ClangTidyError:
/// check name, file path and byte offset of the primary location.
struct FindingRecord {
  std::string Check;
  std::string File;
  unsigned Offset = 0;
  std::string Handler;
  std::string HandlerReason;
  std::string Callee;
  std::string DetachedType;
  std::string DetachedReason;
  std::string ExceptionPolicy;
  /// The way out the diagnostic suggests, in words.
  std::string Suggestion;
  /// Functions from the handler's callee to the detached coroutine.
  std::vector<std::string> Chain;
  std::vector<BorrowRecord> Borrows;
};

class FindingSink {
public:
  virtual ~FindingSink();
  virtual void finding(FindingRecord Record) = 0;
  virtual void summary(TUSummary Summary) = 0;
  /// True if the host still needs the files the translation unit read:
  /// only then do the checks list them for dependencies().
  virtual bool wantsDependencies() const;
  /// Receives every file the translation unit read (the main file and each
  /// header, as the compiler named them), for hosts that cache results.
  virtual void dependencies(std::vector<std::string> Files);
};

/// The sink of the calling thread (null when none is installed).
FindingSink *&threadFindingSink();

} // namespace firecrash

#endif // FIRECRASH_CHECKS_FINDINGSINK_H
