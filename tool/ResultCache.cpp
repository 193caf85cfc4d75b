//===--- ResultCache.cpp - Reuse the results of unchanged units -----------===//

#include "ResultCache.h"
#include "SummaryFile.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/JSON.h"

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

std::string ResultCache::entryPath(llvm::StringRef Key) const {
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, Key.take_front(2), Key + ".json");
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
  if (llvm::sys::fs::is_regular_file(File))
    if (auto Buffer = llvm::MemoryBuffer::getFile(
            File, /*IsText=*/false, /*RequiresNullTerminator=*/false))
      Hash = digest((*Buffer)->getBuffer());
  std::lock_guard<std::mutex> Guard(HashesLock);
  return Hashes.try_emplace(File, Hash).first->second;
}

std::string ResultCache::sealEntry(llvm::StringRef Payload) {
  return (Magic + digest(Payload) + "\n" + Payload).str();
}

std::optional<UnitResult> ResultCache::lookup(llvm::StringRef Key) {
  std::string Path = entryPath(Key);
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer) {
    ++Misses;
    return std::nullopt;
  }
  return readEntry((*Buffer)->getBuffer(), Path);
}

std::optional<UnitResult> ResultCache::readEntry(llvm::StringRef Text,
                                                 llvm::StringRef Path) {
  auto Untrusted = [this]() -> std::optional<UnitResult> {
    ++Corrupt;
    ++Misses;
    return std::nullopt;
  };
  // "firecrash-cache 1 <checksum>\n<files>\n<summary>"
  auto [Header, Payload] = Text.split('\n');
  if (!Header.consume_front(Magic) || Header != digest(Payload))
    return Untrusted();
  auto [FilesLine, Summary] = Payload.split('\n');
  llvm::Expected<llvm::json::Value> Files = llvm::json::parse(FilesLine);
  if (!Files) {
    llvm::consumeError(Files.takeError());
    return Untrusted();
  }
  const llvm::json::Array *List = Files->getAsArray();
  if (!List)
    return Untrusted();
  for (const llvm::json::Value &Entry : *List) {
    const llvm::json::Array *Pair = Entry.getAsArray();
    std::optional<llvm::StringRef> File, Hash;
    if (Pair && Pair->size() == 2) {
      File = (*Pair)[0].getAsString();
      Hash = (*Pair)[1].getAsString();
    }
    if (!File || !Hash)
      return Untrusted();
    if (contentHash(decodePath(*File)) != *Hash) {
      ++Misses;
      return std::nullopt;
    }
  }
  auto Units = readSummaryText(Summary, "", Path);
  if (!Units || Units->size() != 1) {
    if (!Units)
      llvm::consumeError(Units.takeError());
    return Untrusted();
  }
  ++Hits;
  return std::move(Units->front());
}

void ResultCache::store(llvm::StringRef Key, const UnitResult &Unit,
                        const std::vector<std::string> &Files) {
  llvm::json::Array List;
  for (const std::string &File : Files)
    List.push_back(llvm::json::Array{encodePath(File), contentHash(File)});
  std::string Payload;
  llvm::raw_string_ostream(Payload)
      << llvm::json::Value(std::move(List)) << "\n" << summaryText({&Unit}, "");
  std::string Path = entryPath(Key);
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path));
  if (llvm::Error E = writeAtomically(Path, sealEntry(Payload)))
    llvm::consumeError(std::move(E));
}

} // namespace firecrash
