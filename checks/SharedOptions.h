//===--- SharedOptions.h - Options every firecrash check reads -*- C++ -*-===//
//
// Part of firecrash. The handler definition and the detached types are the
// same for every check; they are read with getLocalOrGlobal so one top-level
// CheckOptions entry serves all of them.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_CHECKS_SHAREDOPTIONS_H
#define FIRECRASH_CHECKS_SHAREDOPTIONS_H

#include "Defaults.h"
#include "Handlers.h"
#include "clang-tidy/ClangTidyCheck.h"
#include <string>

namespace firecrash {

inline constexpr unsigned DefaultMaxCallDepth = 5;

/// The options shared by the checks, as written in the configuration.
struct SharedOptions {
  std::string DetachedTypes;
  std::string HandlerFunctions;
  std::string HandlerParameterTypes;
  std::string HandlerConnectionTypes;
  std::string HandlerResultTypes;
  std::string HandlerBaseClasses;
  std::string LongLivedTypes;
  std::string WaitingCallees;
  unsigned MaxCallDepth = DefaultMaxCallDepth;
  /// Report only starts that borrow state from the handler's frame.
  bool RequireBorrowedState = false;

  /// Reads every shared option, local first, then global; a check chooses
  /// its own default of RequireBorrowedState.
  SharedOptions(clang::tidy::ClangTidyCheck::OptionsView &Options,
                bool DefaultRequireBorrowedState);

  /// Stores every shared option under the check's name.
  void store(clang::tidy::ClangTidyCheck::OptionsView &Options,
             clang::tidy::ClangTidyOptions::OptionMap &Map) const;

  /// Returns the handler definition these options describe.
  HandlerOptions handlerOptions() const;
};

} // namespace firecrash

#endif // FIRECRASH_CHECKS_SHAREDOPTIONS_H
