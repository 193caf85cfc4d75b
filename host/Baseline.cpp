//===--- Baseline.cpp - Baselines: the findings a project accepts --------===//

#include "CheckRegistry.h"
#include "Report.h"
#include "Writers.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <map>
#include <set>
#include "llvm/Support/JSON.h"
#include <simdjson.h>

namespace firecrash {

std::string baselineText(const Report &R) {
  std::set<std::string> Fingerprints;
  for (const ReportFinding &F : R.Findings)
    Fingerprints.insert(F.Fingerprint);
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  llvm::json::OStream J(OS, /*IndentSize=*/2);
  J.object([&] {
    J.attribute("version", ReportFormatVersion);
    J.attribute("tool", "firecrash");
    J.attributeArray("fingerprints", [&] {
      for (const std::string &Fingerprint : Fingerprints)
        J.value(jsonText(Fingerprint));
    });
  });
  OS << "\n";
  return Text;
}

llvm::Expected<std::set<std::string>> readBaseline(const std::string &Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(),
                                   "cannot read baseline '%s': %s",
                                   Path.c_str(),
                                   Buffer.getError().message().c_str());
  return parseBaseline((*Buffer)->getBuffer(), Path);
}

llvm::Expected<std::set<std::string>> parseBaseline(llvm::StringRef Text,
                                                    const std::string &Path) {
  auto NotABaseline = [&Path] {
    return llvm::createStringError(
        std::make_error_code(std::errc::invalid_argument),
        "'%s' is not a firecrash baseline (expected a JSON object with a "
        "'fingerprints' array)",
        Path.c_str());
  };
  simdjson::dom::parser Parser;
  simdjson::dom::element Top;
  simdjson::dom::array Fingerprints;
  // simdjson copies from the text's pointer, which an empty one may not
  // have.
  if (Text.empty() ||
      Parser.parse(Text.data(), Text.size(), /*realloc_if_needed=*/true)
          .get(Top) ||
      Top["fingerprints"].get_array().get(Fingerprints))
    return NotABaseline();
  std::set<std::string> Result;
  for (simdjson::dom::element Entry : Fingerprints) {
    std::string_view Fingerprint;
    if (!Entry.get_string().get(Fingerprint))
      Result.emplace(Fingerprint);
  }
  return Result;
}

size_t keepIntroduced(Report &Here, const Report &Base) {
  llvm::StringMap<unsigned> AtBase;
  for (const ReportFinding &F : Base.Findings)
    ++AtBase[F.MoveKey];
  std::vector<ReportFinding> Kept;
  size_t Existing = 0;
  for (ReportFinding &F : Here.Findings) {
    auto It = AtBase.find(F.MoveKey);
    if (It != AtBase.end() && It->second > 0) {
      --It->second;
      ++Existing;
      continue;
    }
    Kept.push_back(std::move(F));
  }
  Here.Findings = std::move(Kept);
  return Existing;
}

void applyBaseline(Report &R, const std::set<std::string> &Baseline) {
  std::vector<ReportFinding> Kept;
  for (ReportFinding &F : R.Findings)
    (Baseline.count(F.Fingerprint) ? R.BaselinedFindings : Kept)
        .push_back(std::move(F));
  R.Baselined += R.Findings.size() - Kept.size();
  R.Findings = std::move(Kept);
}

} // namespace firecrash
