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

TEST(Readers, ACacheKeyKeepsItsNewestResultsOnePerContent) {
  std::string Dir = makeTempDir();
  std::string Source = makeTempDir() + "/unit.cpp";
  auto Store = [&](int Version) {
    writeFile(Source, "int v = " + std::to_string(Version) + ";\n");
    // A new cache object per content: hashes are read once per run.
    auto Cache = ResultCache::open(Dir, "test");
    ASSERT_TRUE(static_cast<bool>(Cache));
    UnitResult Unit;
    Unit.File = Source;
    Unit.Failures.push_back("version " + std::to_string(Version));
    (*Cache)->store("00key", Unit, {Source});
  };
  auto Found = [&](int Version) -> std::string {
    writeFile(Source, "int v = " + std::to_string(Version) + ";\n");
    auto Cache = ResultCache::open(Dir, "test");
    std::optional<UnitResult> Unit = (*Cache)->lookup("00key");
    return Unit ? Unit->Failures.front() : "miss";
  };
  for (int Version = 0; Version < 10; ++Version)
    Store(Version);
  EXPECT_EQ(Found(9), "version 9");
  EXPECT_EQ(Found(2), "version 2") << "an older content is found again";
  EXPECT_EQ(Found(1), "miss") << "beyond the 8 newest";
  EXPECT_EQ(Found(0), "miss");
  EXPECT_EQ(Found(10), "miss");

  // Another tree's content, given in place of the file on disk, finds its
  // own result.
  FileOverrides Base;
  Base.Contents[Source] = "int v = 5;\n";
  auto Cache = ResultCache::open(Dir, "test");
  (*Cache)->setOverrides(&Base);
  std::optional<UnitResult> Unit = (*Cache)->lookup("00key");
  ASSERT_TRUE(Unit.has_value());
  EXPECT_EQ(Unit->Failures.front(), "version 5");
  EXPECT_EQ(Unit->Dependencies, std::vector<std::string>{Source});
}

} // namespace
} // namespace firecrash::test
