//===--- MergeMode.cpp - firecrash merge: report from summaries -----------===//
//
// Part of firecrash. `firecrash merge` reads summary documents (of shards,
// of the compiler plugin, of a build engine's actions) and publishes their
// report as a run would.
//
//===----------------------------------------------------------------------===//

#include "Cli.h"
#include "SummaryFile.h"
#include "clang-tidy/GlobList.h"
#include "llvm/Support/BuryPointer.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include <set>

using namespace llvm;

namespace firecrash::cli {

namespace {

/// The summary documents named by \p Inputs: files, and in directories
/// every *.firecrash.json below them, in path order.
Expected<std::vector<std::string>>
summaryInputs(const std::vector<std::string> &Inputs) {
  std::vector<std::string> Files;
  for (const std::string &Input : Inputs) {
    if (!sys::fs::is_directory(Input)) {
      if (!sys::fs::exists(Input))
        return createStringError(std::errc::no_such_file_or_directory,
                                 "no summary file '%s'", Input.c_str());
      Files.push_back(Input);
      continue;
    }
    std::vector<std::string> Found;
    std::error_code EC;
    for (sys::fs::recursive_directory_iterator It(Input, EC), End;
         It != End && !EC; It.increment(EC))
      if (StringRef(It->path()).ends_with(".firecrash.json") &&
          sys::fs::is_regular_file(It->path()))
        Found.push_back(It->path());
    if (EC)
      return createStringError(EC, "cannot list '%s': %s", Input.c_str(),
                               EC.message().c_str());
    llvm::sort(Found);
    Files.insert(Files.end(), Found.begin(), Found.end());
  }
  return Files;
}

/// Reads summary documents in parallel; a file summarized twice counts once
/// (the first document given wins).
Expected<std::vector<UnitResult>>
readSummaries(const std::vector<std::string> &Files, const std::string &Root) {
  std::vector<Expected<std::vector<UnitResult>>> Read;
  for (size_t I = 0; I < Files.size(); ++I)
    Read.emplace_back(std::vector<UnitResult>());
  forEachInParallel(Jobs, Files.size(), [&](size_t I) {
    auto Buffer = MemoryBuffer::getFile(Files[I]);
    if (!Buffer) {
      Read[I] = createStringError(
          Buffer.getError(), "cannot read summary '%s': %s", Files[I].c_str(),
          Buffer.getError().message().c_str());
      return;
    }
    Read[I] = readSummaryText((*Buffer)->getBuffer(), Root, Files[I]);
  });
  std::vector<UnitResult> Units;
  std::set<std::string> Seen;
  for (auto &Result : Read) {
    if (!Result)
      return Result.takeError();
    for (UnitResult &Unit : *Result)
      if (Seen.insert(Unit.File).second)
        Units.push_back(std::move(Unit));
  }
  return Units;
}

} // namespace

int runMerge(Invocation &Run) {
  auto Inputs = summaryInputs(Sources);
  if (!Inputs)
    return fail(ExitUsage, toString(Inputs.takeError()));
  if (Inputs->empty())
    return fail(ExitUsage, "no summary files (*.firecrash.json) found");
  Publication What;
  auto Baseline = prepareOutputs();
  if (!Baseline)
    return fail(ExitUsage, toString(Baseline.takeError()));
  What.Baseline = std::move(*Baseline);
  // Kept until the process exits, as a run's results are.
  auto *Units = new std::vector<UnitResult>;
  llvm::BuryPointer(Units);
  auto Read = readSummaries(*Inputs, Run.Root);
  if (!Read)
    return fail(ExitUsage, toString(Read.takeError()));
  *Units = std::move(*Read);
  // Severities were decided where the summaries were written; a merge may
  // decide them again.
  if (WarningsAsErrors.getNumOccurrences()) {
    clang::tidy::GlobList AsErrors(WarningsAsErrors);
    for (UnitResult &Unit : *Units)
      for (clang::tidy::ClangTidyError &E : Unit.Errors)
        E.IsWarningAsError =
            E.DiagLevel == clang::tidy::ClangTidyError::Warning &&
            AsErrors.contains(E.DiagnosticName);
  }
  return publish(Run, *Units, What);
}

} // namespace firecrash::cli
