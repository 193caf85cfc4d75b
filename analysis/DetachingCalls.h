//===--- DetachingCalls.h - Calls that detach work ------------*- C++ -*-===//
//
// Part of firecrash. Recognises calls of detaching APIs (Asio's co_spawn with
// the detached token, std::thread::detach, start_detached, ...), configured
// as "name" or "name(argument type)" entries, and keeps structured spawns out.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_ANALYSIS_DETACHINGCALLS_H
#define FIRECRASH_ANALYSIS_DETACHINGCALLS_H

#include "Defaults.h"
#include "Reach.h"
#include "TypeNames.h"
#include "clang/AST/ASTContext.h"
#include <optional>
#include <string>
#include <vector>

namespace firecrash {


/// One entry of option DetachingCallees: a qualified function (or function
/// object) name, and optionally the type one of the arguments must have for
/// the call to detach.
struct DetachingEntry {
  std::string Written;
  std::string Name;
  std::string ArgumentType;
  /// Only a call whose result is dropped detaches ("name[discarded]").
  bool OnlyDiscarded = false;
  /// "name[handler]": the call's last argument is a completion token (Asio's
  /// co_spawn and spawn), and it detaches the work when the initiation
  /// returns nothing to await or defer (its result is void: 'detached', a
  /// lambda, a function object, bind_executor around one) and the token
  /// does not suspend the caller (a yield_context, in any wrapper).
  bool CompletionHandler = false;
};

/// True if \p T is, or wraps in its template arguments, Asio's
/// basic_yield_context: a token that suspends the calling stackful
/// coroutine until the operation completes.
bool isYieldToken(const clang::ASTContext &Ctx, clang::QualType T,
                  unsigned Depth = 0);

/// Parses "a::f;b::g(b::token_t)"; returns the entries and, in \p Errors,
/// the malformed ones.
std::vector<DetachingEntry> parseDetachingEntries(llvm::StringRef Value,
                                                  std::vector<std::string> &Errors);

struct DetachingMatch {
  const DetachingEntry *Entry = nullptr;
  /// The name the call was matched by (function or function object).
  std::string CalleeName;
  /// The argument that carries the token, when the entry names one.
  const clang::Expr *TokenArgument = nullptr;
};

class DetachingCallOracle : public StartClassifier {
public:
  /// With \p Suspensions, a detaching API defined here that only hands the
  /// work to detached coroutines running to completion within the call
  /// (drogon::async_run with work that never suspends) starts nothing that
  /// outlives the call.
  DetachingCallOracle(const clang::ASTContext &Ctx,
                      std::vector<DetachingEntry> Detaching,
                      std::vector<DetachingEntry> Structured,
                      SuspensionAnalysis *Suspensions = nullptr)
      : Ctx(Ctx), Detaching(std::move(Detaching)),
        Structured(std::move(Structured)), Suspensions(Suspensions) {}

  /// Returns how \p Call detaches work, if it does; entries marked
  /// "[discarded]" match only when \p Discarded.
  std::optional<DetachingMatch> classify(const clang::CallExpr &Call,
                                         const clang::FunctionDecl &Callee,
                                         bool Discarded = true) const;

  bool startsDetached(const clang::CallExpr &Call,
                      const clang::FunctionDecl &Callee,
                      bool Discarded) override;

private:
  const clang::ASTContext &Ctx;
  std::vector<DetachingEntry> Detaching;
  std::vector<DetachingEntry> Structured;
  SuspensionAnalysis *Suspensions;
};

} // namespace firecrash

#endif // FIRECRASH_ANALYSIS_DETACHINGCALLS_H
