//===--- Suppressions.cpp - NOLINT markers and what they suppress -------===//

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

namespace {

bool globMatches(llvm::StringRef Glob, llvm::StringRef Name) {
  Glob = Glob.trim();
  if (Glob.empty())
    return false;
  if (!Glob.contains('*'))
    return Glob == Name;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Glob.split(Parts, '*');
  if (!Name.consume_front(Parts.front()))
    return false;
  for (size_t I = 1; I + 1 < Parts.size(); ++I) {
    size_t At = Name.find(Parts[I]);
    if (At == llvm::StringRef::npos)
      return false;
    Name = Name.drop_front(At + Parts[I].size());
  }
  return Name.ends_with(Parts.back());
}

/// The NOLINT-style markers on \p Text, line \p Line.
std::vector<SuppressionMarker> markersOn(llvm::StringRef Text, unsigned Line) {
  std::vector<SuppressionMarker> Markers;
  for (size_t At = Text.find("NOLINT"); At != llvm::StringRef::npos;
       At = Text.find("NOLINT", At + 6)) {
    SuppressionMarker M;
    M.Line = Line;
    M.Column = static_cast<unsigned>(At + 1);
    llvm::StringRef Rest = Text.drop_front(At + 6);
    M.Kind = "NOLINT";
    for (llvm::StringRef Longer : {"NEXTLINE", "BEGIN", "END"})
      if (Rest.consume_front(Longer)) {
        M.Kind += Longer.str();
        break;
      }
    if (Rest.consume_front("(")) {
      auto [List, After] = Rest.split(')');
      M.Checks = List.str();
      llvm::SmallVector<llvm::StringRef, 4> Globs;
      List.split(Globs, ',', -1, /*KeepEmpty=*/false);
      for (llvm::StringRef Glob : Globs)
        M.Globs.push_back(Glob.trim().str());
      Rest = After;
    }
    // "NOLINT(check): the reason", up to the end of a block comment.
    Rest = Rest.ltrim();
    if (Rest.consume_front(":")) {
      Rest = Rest.split("*/").first.trim();
      M.Reason = Rest.str();
    }
    Markers.push_back(std::move(M));
  }
  return Markers;
}

} // namespace


bool SuppressionMarker::covers(llvm::StringRef Check) const {
  if (Globs.empty())
    return true;
  return llvm::any_of(Globs, [&](const std::string &Glob) {
    return globMatches(Glob, Check);
  });
}

bool SuppressionMarker::namesFirecrash() const {
  return llvm::any_of(Globs, [](const std::string &Glob) {
    return llvm::any_of(allChecks(), [&](const CheckInfo &Check) {
      return globMatches(Glob, Check.Name);
    });
  });
}

std::vector<SuppressionMarker> suppressionMarkers(SourceFiles &Lines,
                                                  llvm::StringRef File) {
  std::vector<SuppressionMarker> All;
  unsigned Count = Lines.lineCount(File);
  for (unsigned L = 1; L <= Count; ++L) {
    llvm::StringRef Text = Lines.line(File, L);
    if (!Text.contains("NOLINT"))
      continue;
    for (SuppressionMarker &M : markersOn(Text, L))
      All.push_back(std::move(M));
  }
  return All;
}

std::optional<SuppressionMarker> suppressionOf(SourceFiles &Lines,
                                               llvm::StringRef File,
                                               unsigned Line,
                                               llvm::StringRef Check) {
  for (SuppressionMarker &M : markersOn(Lines.line(File, Line), Line))
    if (M.Kind == "NOLINT" && M.covers(Check))
      return M;
  if (Line > 1)
    for (SuppressionMarker &M : markersOn(Lines.line(File, Line - 1), Line - 1))
      if (M.Kind == "NOLINTNEXTLINE" && M.covers(Check))
        return M;
  std::vector<SuppressionMarker> Open;
  for (unsigned L = 1; L < Line; ++L) {
    llvm::StringRef Text = Lines.line(File, L);
    if (!Text.contains("NOLINT"))
      continue;
    for (SuppressionMarker &M : markersOn(Text, L)) {
      if (M.Kind == "NOLINTBEGIN" && M.covers(Check))
        Open.push_back(std::move(M));
      else if (M.Kind == "NOLINTEND" && M.covers(Check) && !Open.empty())
        Open.pop_back();
    }
  }
  if (Open.empty())
    return std::nullopt;
  return Open.back();
}


bool suppressedByNolint(SourceFiles &Lines, llvm::StringRef File,
                        unsigned Line, llvm::StringRef Check) {
  return suppressionOf(Lines, File, Line, Check).has_value();
}
} // namespace firecrash
