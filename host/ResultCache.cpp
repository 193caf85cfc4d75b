//===--- ResultCache.cpp - Reuse the results of unchanged units -----------===//

#include "ResultCache.h"
#include "SummaryFile.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/JSON.h"
#include <simdjson.h>

namespace firecrash {

namespace {
constexpr llvm::StringLiteral Magic = "firecrash-cache 1 ";
}

std::string digest(llvm::StringRef Data) {
  auto Hash = llvm::BLAKE3::hash<16>(llvm::arrayRefFromStringRef(Data));
  return llvm::toHex(Hash, /*LowerCase=*/true);
}

llvm::Expected<std::unique_ptr<ResultCache>>
ResultCache::open(llvm::StringRef Directory, llvm::StringRef ToolIdentity) {
  llvm::SmallString<256> Dir(Directory);
  llvm::sys::fs::make_absolute(Dir);
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir))
    return llvm::createStringError(EC, "cannot use cache directory '%s': %s",
                                   Dir.c_str(), EC.message().c_str());
  if (!llvm::sys::fs::is_directory(Dir))
    return llvm::createStringError(std::errc::not_a_directory,
                                   "cache directory '%s' is not a directory",
                                   Dir.c_str());
  return std::unique_ptr<ResultCache>(
      new ResultCache(Dir.str().str(), ToolIdentity.str()));
}

std::string ResultCache::key(const clang::tooling::CompileCommand &Command,
                             llvm::StringRef Configuration) const {
  std::string Text = ToolIdentity;
  auto Add = [&Text](llvm::StringRef Part) {
    Text += '\0';
    Text += Part;
  };
  Add(Command.Directory);
  Add(Command.Filename);
  for (const std::string &Arg : Command.CommandLine)
    Add(Arg);
  Add(Configuration);
  return digest(Text);
}

std::string ResultCache::entryDirectory(llvm::StringRef Key) const {
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, Key.take_front(2), Key);
  return Path.str().str();
}

std::string ResultCache::contentHash(llvm::StringRef File) {
  {
    std::lock_guard<std::mutex> Guard(HashesLock);
    auto It = Hashes.find(File);
    if (It != Hashes.end())
      return It->second;
  }
  // Only regular files: an entry that names a device (/dev/zero) must not
  // make the lookup read forever.
  std::string Hash = "missing";
  std::optional<llvm::StringRef> Override;
  if (Overrides && Overrides->overrides(File, Override)) {
    if (Override)
      Hash = digest(*Override);
  } else if (llvm::sys::fs::is_regular_file(File))
    if (auto Buffer = llvm::MemoryBuffer::getFile(
            File, /*IsText=*/false, /*RequiresNullTerminator=*/false))
      Hash = digest((*Buffer)->getBuffer());
  std::lock_guard<std::mutex> Guard(HashesLock);
  return Hashes.try_emplace(File, Hash).first->second;
}

std::string ResultCache::sealEntry(llvm::StringRef Payload) {
  return (Magic + digest(Payload) + "\n" + Payload).str();
}

namespace {

/// The entries in a key's directory, newest first.
std::vector<std::string> variantsNewestFirst(llvm::StringRef Dir) {
  std::vector<std::pair<llvm::sys::TimePoint<>, std::string>> Variants;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::sys::fs::file_status Status;
    if (llvm::sys::path::extension(It->path()) == ".json" &&
        !llvm::sys::fs::status(It->path(), Status))
      Variants.emplace_back(Status.getLastModificationTime(), It->path());
  }
  llvm::sort(Variants, [](const auto &A, const auto &B) {
    return A.first != B.first ? A.first > B.first : A.second < B.second;
  });
  std::vector<std::string> Paths;
  for (auto &Variant : Variants)
    Paths.push_back(std::move(Variant.second));
  return Paths;
}

} // namespace

std::optional<UnitResult> ResultCache::lookup(llvm::StringRef Key) {
  // The key's variants, newest first: the same unit as other revisions
  // left it (a branch, a pull request's base).
  for (const std::string &Variant : variantsNewestFirst(entryDirectory(Key))) {
    auto Buffer = llvm::MemoryBuffer::getFile(Variant, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer) // Removed by another process meanwhile.
      continue;
    bool Damaged = false;
    if (std::optional<UnitResult> Unit =
            validate((*Buffer)->getBuffer(), Variant, Damaged)) {
      ++Hits;
      return Unit;
    }
    Corrupt += Damaged;
  }
  ++Misses;
  return std::nullopt;
}

std::optional<UnitResult> ResultCache::readEntry(llvm::StringRef Text,
                                                 llvm::StringRef Path) {
  bool Damaged = false;
  std::optional<UnitResult> Unit = validate(Text, Path, Damaged);
  if (Unit) {
    ++Hits;
    return Unit;
  }
  Corrupt += Damaged;
  ++Misses;
  return std::nullopt;
}

std::optional<UnitResult> ResultCache::validate(llvm::StringRef Text,
                                                llvm::StringRef Path,
                                                bool &Damaged) {
  auto Untrusted = [&Damaged]() -> std::optional<UnitResult> {
    Damaged = true;
    return std::nullopt;
  };
  // "firecrash-cache 1 <checksum>\n<files>\n<summary>"
  auto [Header, Payload] = Text.split('\n');
  if (!Header.consume_front(Magic) || Header != digest(Payload))
    return Untrusted();
  auto [FilesLine, Summary] = Payload.split('\n');
  // [[file, hash], ...], read as the summaries are.
  static thread_local simdjson::dom::parser Parser;
  simdjson::dom::array List;
  if (FilesLine.empty() ||
      Parser.parse(FilesLine.data(), FilesLine.size(), true).get_array().get(
          List))
    return Untrusted();
  std::vector<std::string> Read;
  for (simdjson::dom::element Entry : List) {
    simdjson::dom::array Pair;
    std::string_view File, Hash;
    if (Entry.get_array().get(Pair) || Pair.size() != 2 ||
        Pair.at(0).get_string().get(File) || Pair.at(1).get_string().get(Hash))
      return Untrusted();
    Read.push_back(decodePath(llvm::StringRef(File.data(), File.size())));
    if (contentHash(Read.back()) != llvm::StringRef(Hash.data(), Hash.size()))
      return std::nullopt;
  }
  auto Units = readSummaryText(Summary, "", Path);
  if (!Units || Units->size() != 1) {
    if (!Units)
      llvm::consumeError(Units.takeError());
    return Untrusted();
  }
  Units->front().Dependencies = std::move(Read);
  return std::move(Units->front());
}

void ResultCache::store(llvm::StringRef Key, const UnitResult &Unit,
                        const std::vector<std::string> &Files) {
  std::string FilesLine;
  llvm::raw_string_ostream FilesStream(FilesLine);
  llvm::json::OStream J(FilesStream);
  J.array([&] {
    for (const std::string &File : Files)
      J.array([&] {
        J.value(encodePath(File));
        J.value(contentHash(File));
      });
  });
  FilesStream.flush();
  std::string Payload;
  llvm::raw_string_ostream(Payload) << FilesLine << "\n"
                                    << summaryText({&Unit}, "");
  // One variant per content of the files read: another revision's result
  // is kept next to this one, not replaced.
  std::string Dir = entryDirectory(Key);
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, digest(FilesLine) + ".json");
  llvm::sys::fs::create_directories(Dir);
  if (llvm::Error E = writeAtomically(Path.str().str(), sealEntry(Payload)))
    llvm::consumeError(std::move(E));
  // The oldest variants beyond the limit go.
  std::vector<std::string> Variants = variantsNewestFirst(Dir);
  for (size_t I = MaxVariants; I < Variants.size(); ++I)
    llvm::sys::fs::remove(Variants[I]);
}

} // namespace firecrash
