//===--- SummarizeMode.cpp - firecrash summarize ---------------------------===//
//
// Part of firecrash. `firecrash summarize` analyses the units as a run does
// and writes their results as one summary document, for `firecrash merge`
// (of shards, of a build engine's actions) to report.
//
//===----------------------------------------------------------------------===//

#include "Cli.h"
#include "Interrupt.h"
#include "SummaryFile.h"
#include "llvm/Support/BuryPointer.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace firecrash::cli {

int runSummarize(Invocation &Run) {
  auto Chosen = selectUnits(Run);
  if (!Chosen)
    return fail(ExitUsage, toString(Chosen.takeError()));
  if (std::optional<std::string> Problem =
          OutputFile.empty() ? std::nullopt : checkWritable(OutputFile))
    return fail(ExitUsage, *Problem);
  auto Cache = openCache(Run.Argv0);
  if (!Cache)
    return fail(ExitUsage, toString(Cache.takeError()));
  size_t Parsed = 0;
  auto Analysed = analyseAll(*Chosen->DB, Chosen->Files, Run.Options, Run.Root,
                             Cache->get(), /*WantsFiles=*/false, Parsed);
  if (!Analysed)
    return interrupted(interruptSignal());
  // Kept until the process exits, as a report's units are.
  auto *Units = new std::vector<UnitResult>(std::move(*Analysed));
  llvm::BuryPointer(Units);
  if (int Signal = interruptSignal())
    return interrupted(Signal);
  std::vector<const UnitResult *> Pointers;
  for (UnitResult &Unit : *Units) {
    Unit.Dependencies.clear(); // The cache's business, not the document's.
    Pointers.push_back(&Unit);
  }
  std::string Text = summaryText(Pointers, Run.Root);
  if (OutputFile.empty()) {
    outs() << Text;
    outs().flush();
  } else if (Error E = writeAtomically(OutputFile, Text)) {
    return fail(ExitUsage, toString(std::move(E)));
  }
  // Failures are in the document, for the merge to report; say them here
  // too, but only a failure to write fails a build step.
  size_t Failed = 0;
  for (const UnitResult &Unit : *Units) {
    Failed += !Unit.Failures.empty();
    if (!Quiet)
      for (const std::string &Failure : Unit.Failures)
        errs() << "firecrash: error: " << Unit.File << ": " << Failure
               << "\n";
  }
  if (!Quiet)
    errs() << "firecrash: summarized " << Units->size() << " file"
           << (Units->size() == 1 ? "" : "s")
           << (Failed ? ", " + std::to_string(Failed) + " not analysed"
                      : std::string())
           << cacheLine(Cache->get(), nullptr) << "\n";
  return ExitClean;
}

} // namespace firecrash::cli
