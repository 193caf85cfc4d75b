//===--- Writers.h - What the report writers share ------------*- C++ -*-===//
//
// Part of firecrash. Internal to the report writers (text, JSON, SARIF,
// HTML, baselines): the JSON report's schema version and the tool's, and
// strings that are safe to write as JSON.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_HOST_WRITERS_H
#define FIRECRASH_HOST_WRITERS_H

#include "llvm/Support/JSON.h"

namespace firecrash {

/// A string for a JSON report: text that is not UTF-8 (a file name in
/// another encoding) is written with U+FFFD.
inline llvm::json::Value jsonText(llvm::StringRef Text) {
  if (LLVM_LIKELY(llvm::json::isUTF8(Text)))
    return Text;
  return llvm::json::fixUTF8(Text);
}

/// The version of the JSON report's schema (docs/report-format.md).
inline constexpr int ReportFormatVersion = 1;
inline constexpr const char *ToolVersion = FIRECRASH_VERSION;

} // namespace firecrash

#endif // FIRECRASH_HOST_WRITERS_H
