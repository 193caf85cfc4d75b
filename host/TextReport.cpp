//===--- TextReport.cpp - The report as clang prints diagnostics ---------===//

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

namespace firecrash {


static void printLocated(llvm::raw_ostream &OS, bool Color,
                         const ReportLocation &Loc, llvm::StringRef Severity,
                         llvm::StringRef Message, llvm::StringRef Suffix,
                         const std::string &Root, SourceFiles &Sources) {
  if (Color)
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  if (!Loc.File.empty())
    OS << Loc.File << ":" << Loc.Line << ":" << Loc.Column << ": ";
  if (Color)
    OS.changeColor(Severity == "note" ? llvm::raw_ostream::BLACK
                   : Severity == "error" ? llvm::raw_ostream::RED
                                         : llvm::raw_ostream::MAGENTA,
                   /*Bold=*/true);
  OS << Severity << ": ";
  if (Color)
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  OS << Message << Suffix;
  if (Color)
    OS.resetColor();
  OS << "\n";
  if (Loc.File.empty() || Loc.Line == 0)
    return;
  std::string Path = Loc.File;
  if (!llvm::sys::path::is_absolute(Path) && !Root.empty())
    Path = Root + "/" + Path;
  if (Loc.Line > Sources.lineCount(Path))
    return;
  llvm::StringRef Text = Sources.line(Path, Loc.Line);
  OS << llvm::format("%5u | ", Loc.Line) << Text << "\n";
  OS << "      | ";
  for (unsigned I = 1; I < Loc.Column && I - 1 < Text.size(); ++I)
    OS << (Text[I - 1] == '\t' ? '\t' : ' ');
  if (Color)
    OS.changeColor(llvm::raw_ostream::GREEN, /*Bold=*/true);
  OS << "^";
  if (Color)
    OS.resetColor();
  OS << "\n";
}

void writeReportText(const Report &R, bool Color, const std::string &Root,
                     llvm::raw_ostream &OS) {
  OS.enable_colors(Color);
  SourceFiles Sources;
  for (const ReportFinding &F : R.Findings) {
    // As clang-tidy marks a finding promoted by --warnings-as-errors.
    std::string Suffix = " [" + F.Check +
                         (F.Severity == "error" ? ",-warnings-as-errors]" : "]");
    printLocated(OS, Color, F.Loc, F.Severity, F.Message, Suffix, Root,
                 Sources);
    for (const ReportNote &N : F.Notes)
      printLocated(OS, Color, N.Loc, "note", N.Message, "", Root, Sources);
  }
  if (!R.ListSuppressed)
    return;
  for (const ReportFinding &F : R.Suppressed) {
    printLocated(OS, Color, F.Loc, "remark", F.Message, " [" + F.Check + "]",
                 Root, Sources);
    const ReportSuppression &S = *F.Suppression;
    printLocated(OS, Color, S.Loc, "note",
                 "suppressed by '" + S.Marker + "': " +
                     (S.Justification.empty() ? "no reason given"
                                              : S.Justification),
                 "", Root, Sources);
  }
}

} // namespace firecrash
