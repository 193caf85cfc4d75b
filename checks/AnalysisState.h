//===--- AnalysisState.h - Per-translation-unit analysis state -*- C++ -*-===//
//
// Part of firecrash.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_CHECKS_ANALYSISSTATE_H
#define FIRECRASH_CHECKS_ANALYSISSTATE_H

#include "DetachedTypes.h"
#include "Handlers.h"
#include "Reach.h"
#include "SharedOptions.h"
#include "Uses.h"
#include "llvm/ADT/DenseSet.h"

namespace firecrash {

/// What a check learns about one translation unit, computed once per
/// function and reused across matches.
struct AnalysisState {
  AnalysisState(clang::ASTContext &Ctx, const SharedOptions &Shared,
                const HandlerOptions &HandlerOpts)
      : Ctx(Ctx), Detached(Ctx, NameList(Shared.DetachedTypes)),
        DetachedStarts(Detached), Handlers(Ctx, HandlerOpts),
        Calls(Ctx, DetachedStarts), References(Ctx) {}

  clang::ASTContext &Ctx;
  DetachedTypeOracle Detached;
  DetachedCoroutineStarts DetachedStarts;
  HandlerOracle Handlers;
  Reach Calls;
  ReferenceCounter References;
  /// Reported call locations (expansion and spelling), so a template's
  /// instantiations give one diagnostic per written call.
  llvm::DenseSet<std::pair<unsigned, unsigned>> Reported;
};

} // namespace firecrash

#endif // FIRECRASH_CHECKS_ANALYSISSTATE_H
