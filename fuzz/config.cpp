//===--- config.cpp - fuzz configuration and option parsing ---------------===//
//
// `--config` / .clang-tidy text as the tool reads it, then every firecrash
// check created under it: their constructors parse every option, list
// syntax included (add, `-name`, `-*`, `wait=signal,signal`, `[polled]`).
//
//===----------------------------------------------------------------------===//

#include "Runner.h"
#include "clang-tidy/ClangTidy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  firecrash::RunOptions Options;
  Options.Config.assign(reinterpret_cast<const char *>(Data), Size);
  if (Options.Config.empty())
    Options.Config = "{}";
  auto Provider = firecrash::makeOptionsProvider(Options);
  if (!Provider) {
    llvm::consumeError(Provider.takeError());
    return 0;
  }
  clang::tidy::ClangTidyOptions Effective =
      (*Provider)->getOptions("/fuzz/src/a.cpp");
  // Whatever the configuration enables, the firecrash checks parse it.
  Effective.Checks = "-*,firecrash-*";
  (void)clang::tidy::getCheckOptions(Effective, false);
  (void)clang::tidy::configurationAsText(Effective);
  return 0;
}
