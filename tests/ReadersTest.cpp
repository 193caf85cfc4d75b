//===--- ReadersTest.cpp - what the fuzzers found, kept found --------------===//
//
// Each input a fuzz target (fuzz/) crashed on, as a test of the reader's
// answer: a clear error or a miss, never undefined behaviour. The sanitized
// build runs these too (label sanitize), where the original bug was seen.
//
//===----------------------------------------------------------------------===//

#include "ResultCache.h"
#include "SummaryFile.h"
#include "Support.h"
#include <gtest/gtest.h>

namespace firecrash::test {
namespace {

TEST(Readers, AnEmptySummaryIsAnErrorNotACrash) {
  // fuzz.cache-entry: simdjson was handed an empty text's null pointer.
  auto Read = readSummaryText("", "/root", "empty.firecrash.json");
  ASSERT_FALSE(static_cast<bool>(Read));
  EXPECT_EQ(llvm::toString(Read.takeError()),
            "'empty.firecrash.json' is not a firecrash summary: it is empty");
}

TEST(Readers, ACacheEntryWithAnEmptySummaryIsAMiss) {
  auto Cache = ResultCache::open(makeTempDir(), "test");
  ASSERT_TRUE(static_cast<bool>(Cache));
  EXPECT_FALSE((*Cache)->readEntry(ResultCache::sealEntry("[]"), "entry"));
  EXPECT_EQ((*Cache)->Corrupt, 1u);
  EXPECT_EQ((*Cache)->Misses, 1u);
}

TEST(Readers, ACacheEntryNamingADeviceIsNotReadForever) {
  // A file list naming /dev/zero: the lookup hashes regular files only.
  auto Cache = ResultCache::open(makeTempDir(), "test");
  ASSERT_TRUE(static_cast<bool>(Cache));
  EXPECT_EQ((*Cache)->contentHash("/dev/zero"), "missing");
  EXPECT_FALSE((*Cache)->readEntry(
      ResultCache::sealEntry("[[\"/dev/zero\",\"0\"]]\n{}"), "entry"));
}

} // namespace
} // namespace firecrash::test
