//===--- FirecrashCheck.h - What every firecrash check shares --*- C++ -*-===//
//
// Part of firecrash. The shared options, the per-translation-unit analysis
// state, and the notes every check attaches the same way: call-chain hops,
// why a coroutine is a request handler, and what is borrowed from it.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_CHECKS_FIRECRASHCHECK_H
#define FIRECRASH_CHECKS_FIRECRASHCHECK_H

#include "AnalysisState.h"
#include "Borrows.h"
#include "DetachingCalls.h"
#include "FindingSink.h"
#include "SharedOptions.h"
#include "clang-tidy/ClangTidyCheck.h"
#include <memory>
#include <string>

namespace firecrash {

/// Describes the coroutine a call starts ("coroutine 'f'", "lambda
/// coroutine").
std::string describeCoroutine(const clang::FunctionDecl *Callee);

/// Describes a function on a call chain ("'f'", "the lambda in 'g'").
std::string describeFunction(const clang::FunctionDecl *FD);

/// True if \p FD's definition is a coroutine.
bool isCoroutine(const clang::FunctionDecl *FD);

class FirecrashCheck : public clang::tidy::ClangTidyCheck {
public:
  bool isLanguageVersionSupported(
      const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void onStartOfTranslationUnit() override;

protected:
  FirecrashCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context,
                 bool DefaultRequireBorrowedState = false);
  ~FirecrashCheck() override;

  /// Matches every function definition (coroutine or not, lambdas included)
  /// outside system headers as "function"; with \p WholeUnit also the
  /// translation unit as "unit".
  void registerFunctionMatcher(clang::ast_matchers::MatchFinder *Finder,
                               bool WholeUnit = false);

  /// Returns the matched function, or null for a template pattern (those
  /// are analysed through their instantiations).
  const clang::FunctionDecl *
  matchedFunction(const clang::ast_matchers::MatchFinder::MatchResult &Result);

  /// True if the check \p Name runs in this session.
  bool isEnabled(llvm::StringRef Name) const;

  /// The analysis state of \p Ctx, created on first use.
  AnalysisState &state(clang::ASTContext &Ctx);

  /// Returns the matched function when it is a request handler (coroutine
  /// or not), else null.
  const clang::FunctionDecl *
  matchedHandler(const clang::ast_matchers::MatchFinder::MatchResult &Result);

  /// True the first time a call location is seen in this translation unit,
  /// so template instantiations give one diagnostic per written call.
  bool firstReport(const clang::SourceManager &SM, clang::SourceLocation Loc,
                   const clang::Expr *Call);

  /// A note at every hop after the first; the last says \p LastVerb.
  void hopNotes(const CallChain &Chain, llvm::StringRef LastVerb,
                llvm::StringRef LastWhat);

  /// The note saying why \p Handler is a request handler.
  void handlerNote(const clang::FunctionDecl *Handler);

  /// Notes on why a callee's type is detached and what becomes of an
  /// exception escaping it.
  void detachedTypeNotes(const DetachedInfo &Info,
                         const clang::FunctionDecl *Callee);

  /// The note naming the DetachingCallees entry a call matched.
  void detachingEntryNote(const clang::SourceManager &SM,
                          const DetachingMatch &Match,
                          clang::SourceLocation ApiLoc);

  /// A note per borrowed piece of handler state.
  void borrowNotes(const clang::SourceManager &SM,
                   llvm::ArrayRef<Borrow> Borrows);

  /// Starts a record for the sink, when a host installed one.
  FindingRecord record(const clang::SourceManager &SM,
                       clang::SourceLocation Loc,
                       const clang::FunctionDecl *Handler,
                       const CallChain *Chain,
                       llvm::ArrayRef<Borrow> Borrows);

  const SharedOptions Shared;
  const HandlerOptions Handlers;
  std::unique_ptr<AnalysisState> State;

private:
  clang::tidy::ClangTidyContext *TidyContext;
  bool ReportedRegexErrors = false;
};

} // namespace firecrash

#endif // FIRECRASH_CHECKS_FIRECRASHCHECK_H
