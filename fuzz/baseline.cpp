//===--- baseline.cpp - fuzz the baseline reader --------------------------===//

#include "Report.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  auto Read = firecrash::parseBaseline(Text, "fuzz.json");
  if (!Read)
    llvm::consumeError(Read.takeError());
  return 0;
}
