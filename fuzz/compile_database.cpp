//===--- compile_database.cpp - fuzz the compile database reader ----------===//
//
// What `firecrash -p` does with compile_commands.json: LLVM's reader, then
// firecrash's adjusters, file selection and the C/C++ filter.
//
//===----------------------------------------------------------------------===//

#include "Report.h"
#include "Runner.h"
#include "clang/Tooling/JSONCompilationDatabase.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  std::string Error;
  auto DB = clang::tooling::JSONCompilationDatabase::loadFromBuffer(
      Text, Error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!DB)
    return 0;
  auto Adjusted = firecrash::withBuiltinHeaders(
      firecrash::withGccOnlyFlagsRemoved(std::move(DB)));
  for (const std::string &File : Adjusted->getAllFiles()) {
    (void)firecrash::absolutePath(File, "/fuzz");
    (void)firecrash::isCOrCxx(firecrash::languageOf(*Adjusted, File));
    for (const clang::tooling::CompileCommand &Command :
         Adjusted->getCompileCommands(File))
      for (const std::string &Arg : Command.CommandLine)
        (void)firecrash::isGccOnlyFlag(Arg);
  }
  return 0;
}
