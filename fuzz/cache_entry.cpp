//===--- cache_entry.cpp - fuzz the result cache's entry reader -----------===//
//
// Entries as found in a --cache-dir: raw bytes (a torn or foreign file), and
// payloads sealed with a valid checksum so the fuzzer reaches the readers
// behind it. Files an entry names are looked up on disk; their names are
// kept under a directory that does not exist.
//
//===----------------------------------------------------------------------===//

#include "ResultCache.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  static std::unique_ptr<firecrash::ResultCache> Cache = [] {
    llvm::SmallString<128> Dir;
    llvm::sys::fs::createUniqueDirectory("firecrash-fuzz-cache", Dir);
    auto Opened = firecrash::ResultCache::open(Dir, "fuzz");
    if (!Opened) {
      llvm::errs() << llvm::toString(Opened.takeError()) << "\n";
      std::abort();
    }
    return std::move(*Opened);
  }();
  if (Size == 0)
    return 0;
  llvm::StringRef Text(reinterpret_cast<const char *>(Data) + 1, Size - 1);
  if (Data[0] & 1)
    (void)Cache->readEntry(Text, "fuzz-entry");
  else
    (void)Cache->readEntry(firecrash::ResultCache::sealEntry(Text),
                           "fuzz-entry");
  return 0;
}
