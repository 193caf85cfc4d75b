//===--- DetachingCalls.h - Calls that detach work ------------*- C++ -*-===//
//
// Part of firecrash. Recognises calls of detaching APIs (Asio's co_spawn with
// the detached token, std::thread::detach, start_detached, ...), configured
// as "name" or "name(argument type)" entries, and keeps structured spawns out.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_ANALYSIS_DETACHINGCALLS_H
#define FIRECRASH_ANALYSIS_DETACHINGCALLS_H

#include "Reach.h"
#include "TypeNames.h"
#include "clang/AST/ASTContext.h"
#include <optional>
#include <string>
#include <vector>

namespace firecrash {

/// Default of option DetachingCallees.
inline constexpr llvm::StringLiteral DefaultDetachingCallees =
    "::boost::asio::co_spawn(::boost::asio::detached_t);"
    "::asio::co_spawn(::asio::detached_t);"
    "::std::thread::detach;::std::jthread::detach;"
    "::stdexec::start_detached;::std::execution::start_detached;"
    "::drogon::async_run";

/// Default of option StructuredCallees: spawns into a scope that is joined,
/// in the same "name" or "name(argument type)" form as DetachingCallees.
inline constexpr llvm::StringLiteral DefaultStructuredCallees =
    "::firecrash::request_scope::spawn;"
    "::boost::asio::co_spawn(::firecrash::request_scope::completion_token);"
    "::asio::co_spawn(::firecrash::request_scope::completion_token);"
    "::folly::coro::AsyncScope::add;"
    "::std::execution::spawn;::cppcoro::async_scope::spawn;"
    "::unifex::spawn_detached;::seastar::with_gate";

/// One entry of option DetachingCallees: a qualified function (or function
/// object) name, and optionally the type one of the arguments must have for
/// the call to detach.
struct DetachingEntry {
  std::string Written;
  std::string Name;
  std::string ArgumentType;
};

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

  /// Returns how \p Call detaches work, if it does.
  std::optional<DetachingMatch> classify(const clang::CallExpr &Call,
                                         const clang::FunctionDecl &Callee) const;

  bool startsDetached(const clang::CallExpr &Call,
                      const clang::FunctionDecl &Callee) override;

private:
  const clang::ASTContext &Ctx;
  std::vector<DetachingEntry> Detaching;
  std::vector<DetachingEntry> Structured;
  SuspensionAnalysis *Suspensions;
};

} // namespace firecrash

#endif // FIRECRASH_ANALYSIS_DETACHINGCALLS_H
