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

/// The way out of a detaching call: for Asio's co_spawn, the request
/// scope's completion token and async_join.
std::string detachingSuggestion(const DetachingMatch &Match);

/// Options DetachingCallees and StructuredCallees of a check that reads
/// them (local first, then global, so one top-level entry serves every
/// check), parsed once.
struct DetachingApis {
  explicit DetachingApis(clang::tidy::ClangTidyCheck::OptionsView &Options);
  void store(clang::tidy::ClangTidyCheck::OptionsView &Options,
             clang::tidy::ClangTidyOptions::OptionMap &Map) const;

  const std::string Detaching;
  const std::string Structured;
  // The errors before the entries: parsing the entries fills them.
  std::vector<std::string> DetachingErrors;
  std::vector<std::string> StructuredErrors;
  const std::vector<DetachingEntry> DetachingEntries;
  const std::vector<DetachingEntry> StructuredEntries;
};

class FirecrashCheck : public clang::tidy::ClangTidyCheck {
public:
  bool isLanguageVersionSupported(
      const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void onStartOfTranslationUnit() override;
  /// Matches the translation unit (or, where a host traverses only the main
  /// file's top-level declarations, as clangd does, the first of those);
  /// check() then walks the functions defined outside system headers, once.
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) final;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) final;

  /// What check() does, for a host that hands the check the translation
  /// unit directly instead of through a MatchFinder, whose traversal of the
  /// whole AST (every header's templates) costs more than the checks.
  void runOnTranslationUnit(clang::ASTContext &Ctx);

protected:
  /// Analyses one function defined outside system headers (coroutine or
  /// not, a lambda's call operator, a template instantiation).
  virtual void checkFunction(const clang::FunctionDecl *FD) = 0;

  FirecrashCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context,
                 bool DefaultRequireBorrowedState = false);
  ~FirecrashCheck() override;

  /// True if the check \p Name runs in this session.
  bool isEnabled(llvm::StringRef Name) const;

  /// The analysis state of \p Ctx, created on first use.
  AnalysisState &state(clang::ASTContext &Ctx);

  /// True if \p FD is a request handler (coroutine or not).
  bool isHandler(const clang::FunctionDecl *FD);

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
  /// exception escaping it (or, when its body catches everything, that none
  /// can).
  void detachedTypeNotes(const DetachedInfo &Info,
                         const clang::FunctionDecl *Callee);

  /// Notes on the evidence behind a borrow: where the work still uses it
  /// after it first suspends, and a rendezvous it signals too early.
  /// Each late use is noted once per diagnostic: \p Noted holds those
  /// already noted.
  void evidenceNotes(const clang::SourceManager &SM, const Borrow &B,
                     llvm::SmallVectorImpl<clang::SourceLocation> &Noted);

  /// The note naming the DetachingCallees entry a call matched.
  void detachingEntryNote(const clang::SourceManager &SM,
                          const DetachingMatch &Match,
                          clang::SourceLocation ApiLoc);

  /// The oracle of \p Apis for this translation unit; malformed entries are
  /// reported once, as configuration errors. With \p Suspensions, detaching
  /// wrappers that run the work to completion inline start nothing.
  std::unique_ptr<DetachingCallOracle>
  detachingOracle(DetachingApis &Apis, SuspensionAnalysis *Suspensions);

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
  /// This translation unit has been analysed.
  bool RanOnUnit = false;
};

} // namespace firecrash

#endif // FIRECRASH_CHECKS_FIRECRASHCHECK_H
