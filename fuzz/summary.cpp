//===--- summary.cpp - fuzz the summary document reader -------------------===//
//
// What `firecrash merge` reads. A document that reads must write back to
// text that reads to the same units: rendering what was read, reading that
// and rendering again gives the same bytes.
//
//===----------------------------------------------------------------------===//

#include "SummaryFile.h"
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  auto Units = firecrash::readSummaryText(Text, "/fuzz", "fuzz.firecrash.json");
  if (!Units) {
    llvm::consumeError(Units.takeError());
    return 0;
  }
  std::vector<const firecrash::UnitResult *> Pointers;
  for (const firecrash::UnitResult &Unit : *Units)
    Pointers.push_back(&Unit);
  std::string Written = firecrash::summaryText(Pointers, "/fuzz");
  auto Again = firecrash::readSummaryText(Written, "/fuzz", "rewritten");
  if (!Again) {
    llvm::errs() << "a summary that was read does not read once rewritten: "
                 << llvm::toString(Again.takeError()) << "\n"
                 << Written << "\n";
    std::abort();
  }
  Pointers.clear();
  for (const firecrash::UnitResult &Unit : *Again)
    Pointers.push_back(&Unit);
  if (firecrash::summaryText(Pointers, "/fuzz") != Written) {
    llvm::errs() << "a rewritten summary does not round-trip:\n" << Written;
    std::abort();
  }
  return 0;
}
