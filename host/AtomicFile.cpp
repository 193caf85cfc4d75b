//===--- AtomicFile.cpp - Files written whole or not at all -------------===//

#include "Report.h"
#include "CheckRegistry.h"
#include "Interrupt.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"
#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <tuple>
#include <unordered_map>

using namespace clang;
using namespace clang::tidy;

namespace firecrash {

bool isDeviceOrPipe(llvm::StringRef Path) {
  llvm::sys::fs::file_status Status;
  return !llvm::sys::fs::status(Path, Status) &&
         llvm::sys::fs::exists(Status) &&
         Status.type() != llvm::sys::fs::file_type::regular_file &&
         Status.type() != llvm::sys::fs::file_type::directory_file;
}

llvm::Error writeAtomically(const std::string &Path, llvm::StringRef Text) {
  return writeAtomically(Path, [&](llvm::raw_ostream &OS) { OS << Text; });
}

llvm::Error writeAtomically(const std::string &Path,
                            llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  auto Failed = [&Path](std::error_code EC) {
    return llvm::createStringError(EC, "cannot write '%s': %s", Path.c_str(),
                                   EC.message().c_str());
  };
  // Never replaced by a renamed file.
  if (isDeviceOrPipe(Path)) {
    std::error_code EC;
    llvm::raw_fd_ostream Out(Path, EC, llvm::sys::fs::OF_Append);
    if (!EC) {
      Write(Out);
      Out.flush();
      EC = Out.error();
      Out.clear_error();
    }
    return EC ? Failed(EC) : llvm::Error::success();
  }
  llvm::SmallString<256> Dir(Path);
  llvm::sys::path::remove_filename(Dir);
  if (Dir.empty())
    Dir = ".";
  llvm::SmallString<256> Temp;
  int FD = -1;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(
          Dir + "/.firecrash-%%%%%%%%.tmp", FD, Temp))
    return Failed(EC);
  {
    llvm::raw_fd_ostream Out(FD, /*shouldClose=*/true);
    Write(Out);
    Out.flush();
    if (Out.has_error()) {
      std::error_code EC = Out.error();
      Out.clear_error();
      llvm::sys::fs::remove(Temp);
      return Failed(EC);
    }
  }
  // An interrupted run leaves the previous file as it was.
  if (int Signal = interruptSignal()) {
    llvm::sys::fs::remove(Temp);
    return llvm::createStringError(std::errc::interrupted,
                                   "interrupted by %s before writing '%s'",
                                   signalName(Signal).c_str(),
                                   Path.c_str());
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Path)) {
    llvm::sys::fs::remove(Temp);
    return Failed(EC);
  }
  return llvm::Error::success();
}

} // namespace firecrash
