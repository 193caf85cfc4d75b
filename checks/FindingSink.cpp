//===--- FindingSink.cpp - Structured facts for in-process hosts ----------===//

#include "FindingSink.h"

namespace firecrash {

FindingSink::~FindingSink() = default;

bool FindingSink::wantsDependencies() const { return false; }

void FindingSink::dependencies(std::vector<std::string>) {}

FindingSink *&threadFindingSink() {
  static thread_local FindingSink *Sink = nullptr;
  return Sink;
}

} // namespace firecrash
