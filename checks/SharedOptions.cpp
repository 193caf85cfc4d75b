//===--- SharedOptions.cpp - Options every firecrash check reads ----------===//

#include "SharedOptions.h"
#include "Joins.h"

namespace firecrash {

SharedOptions::SharedOptions(
    clang::tidy::ClangTidyCheck::OptionsView &Options,
    bool DefaultRequireBorrowedState)
    : DetachedTypes(
          Options.getLocalOrGlobal("DetachedTypes", DefaultDetachedTypes)),
      HandlerFunctions(Options.getLocalOrGlobal("HandlerFunctions",
                                                DefaultHandlerFunctions)),
      HandlerParameterTypes(Options.getLocalOrGlobal(
          "HandlerParameterTypes", DefaultHandlerParameterTypes)),
      HandlerConnectionTypes(Options.getLocalOrGlobal(
          "HandlerConnectionTypes", DefaultHandlerConnectionTypes)),
      HandlerResultTypes(Options.getLocalOrGlobal("HandlerResultTypes",
                                                  DefaultHandlerResultTypes)),
      HandlerBaseClasses(Options.getLocalOrGlobal("HandlerBaseClasses",
                                                  DefaultHandlerBaseClasses)),
      LongLivedTypes(
          Options.getLocalOrGlobal("LongLivedTypes", DefaultLongLivedTypes)),
      WaitingCallees(
          Options.getLocalOrGlobal("WaitingCallees", DefaultWaitingCallees)),
      MaxCallDepth(
          Options.getLocalOrGlobal("MaxCallDepth", DefaultMaxCallDepth)),
      RequireBorrowedState(
          Options.getLocalOrGlobal("RequireBorrowedState",
                                                DefaultRequireBorrowedState)) {}

void SharedOptions::store(clang::tidy::ClangTidyCheck::OptionsView &Options,
                          clang::tidy::ClangTidyOptions::OptionMap &Map) const {
  Options.store(Map, "DetachedTypes", DetachedTypes);
  Options.store(Map, "HandlerFunctions", HandlerFunctions);
  Options.store(Map, "HandlerParameterTypes", HandlerParameterTypes);
  Options.store(Map, "HandlerConnectionTypes", HandlerConnectionTypes);
  Options.store(Map, "HandlerResultTypes", HandlerResultTypes);
  Options.store(Map, "HandlerBaseClasses", HandlerBaseClasses);
  Options.store(Map, "LongLivedTypes", LongLivedTypes);
  Options.store(Map, "WaitingCallees", WaitingCallees);
  Options.store(Map, "MaxCallDepth", MaxCallDepth);
  Options.store(Map, "RequireBorrowedState", RequireBorrowedState);
}

HandlerOptions SharedOptions::handlerOptions() const {
  HandlerOptions Result;
  Result.Functions = splitList(HandlerFunctions);
  // A user's entries add to the defaults ("-name" removes one, "-*" all).
  Result.ParameterTypes = NameList(
      effectiveList(HandlerParameterTypes, DefaultHandlerParameterTypes));
  Result.ConnectionTypes = NameList(
      effectiveList(HandlerConnectionTypes, DefaultHandlerConnectionTypes));
  Result.ResultTypes =
      NameList(effectiveList(HandlerResultTypes, DefaultHandlerResultTypes));
  Result.BaseClasses =
      NameList(effectiveList(HandlerBaseClasses, DefaultHandlerBaseClasses));
  Result.LongLivedTypes =
      NameList(effectiveList(LongLivedTypes, DefaultLongLivedTypes));
  return Result;
}

} // namespace firecrash
