//===--- AnalysisState.h - Per-translation-unit analysis state -*- C++ -*-===//
//
// Part of firecrash.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_CHECKS_ANALYSISSTATE_H
#define FIRECRASH_CHECKS_ANALYSISSTATE_H

#include "Borrows.h"
#include "DetachedTypes.h"
#include "Handlers.h"
#include "Joins.h"
#include "Reach.h"
#include "SharedOptions.h"
#include "Suspension.h"
#include "Uses.h"
#include "llvm/ADT/DenseSet.h"

namespace firecrash {

/// What a check learns about one translation unit, computed once per
/// function and reused across matches.
struct AnalysisState {
  AnalysisState(clang::ASTContext &Ctx, const SharedOptions &Shared,
                const HandlerOptions &HandlerOpts)
      : Ctx(Ctx), Detached(Ctx, NameList(effectiveList(Shared.DetachedTypes,
                                                   DefaultDetachedTypes))),
        Suspensions(Ctx, Detached), DetachedStarts(Detached, &Suspensions),
        Handlers(Ctx, HandlerOpts), Calls(Ctx, DetachedStarts),
        References(Ctx),
        Joins(Ctx, parseWaitEntries(effectiveList(Shared.WaitingCallees,
                                                  DefaultWaitingCallees),
                                    WaitErrors)),
        Borrows(Ctx, Suspensions, Handlers, Joins) {}

  clang::ASTContext &Ctx;
  DetachedTypeOracle Detached;
  SuspensionAnalysis Suspensions;
  DetachedCoroutineStarts DetachedStarts;
  HandlerOracle Handlers;
  Reach Calls;
  ReferenceCounter References;
  /// Malformed WaitingCallees entries, reported once.
  std::vector<std::string> WaitErrors;
  JoinOracle Joins;
  BorrowFinder Borrows;
  /// Reported call locations (expansion and spelling), so a template's
  /// instantiations give one diagnostic per written call.
  llvm::DenseSet<std::pair<unsigned, unsigned>> Reported;
};

} // namespace firecrash

#endif // FIRECRASH_CHECKS_ANALYSISSTATE_H
