//===--- DetachedTypes.h - Which coroutine return types detach -*- C++ -*-===//
//
// Part of firecrash. Decides whether calling a function starts a detached
// coroutine (eager start, self-destroying frame, nothing to co_await), why,
// and what happens to an exception that escapes it.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_ANALYSIS_DETACHEDTYPES_H
#define FIRECRASH_ANALYSIS_DETACHEDTYPES_H

#include "TypeNames.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"
#include <optional>
#include <string>

namespace firecrash {

/// The annotation that marks a type as detached.
inline constexpr llvm::StringLiteral DetachedAnnotation = "firecrash::detached";

/// Why a return type counts as detached.
enum class DetachedReason {
  /// A coroutine declared to return void (C++'s "async void").
  VoidCoroutine,
  /// Its promise never suspends initially or finally and it is not awaitable.
  NeverSuspends,
  /// Listed in the DetachedTypes option.
  Listed,
  /// Annotated [[clang::annotate("firecrash::detached")]].
  Annotated,
};

/// What the promise's unhandled_exception() does with an escaping exception.
enum class ExceptionPolicy { Terminates, Swallows, Rethrows, Unknown };

/// Returns a stable lower-case name for \p Reason ("never-suspends", ...).
llvm::StringRef detachedReasonName(DetachedReason Reason);

/// Returns a stable lower-case name for \p Policy ("terminates", ...).
llvm::StringRef exceptionPolicyName(ExceptionPolicy Policy);

/// Everything known about why a call starts detached work.
struct DetachedInfo {
  DetachedReason Reason = DetachedReason::NeverSuspends;
  /// The return type as written on the callee.
  clang::QualType Type;
  /// Where the reason is declared: the record, alias, or (for void
  /// coroutines) the callee itself.
  const clang::NamedDecl *ReasonDecl = nullptr;
  /// A short explanation, e.g. the option entry or the awaiter types.
  std::string Detail;
  /// The promise type, when it could be found.
  const clang::CXXRecordDecl *Promise = nullptr;
  ExceptionPolicy Policy = ExceptionPolicy::Unknown;
  /// For ExceptionPolicy::Terminates, the function that ends the process.
  std::string Terminator;
  /// The promise's unhandled_exception(), when declared.
  const clang::FunctionDecl *UnhandledException = nullptr;
};

/// Classifies callees, caching per return type.
class DetachedTypeOracle {
public:
  DetachedTypeOracle(clang::ASTContext &Ctx, NameList DetachedTypes)
      : Ctx(Ctx), DetachedTypes(std::move(DetachedTypes)) {}

  /// Returns why calling \p Callee starts a detached coroutine, if it does.
  std::optional<DetachedInfo> classify(const clang::FunctionDecl *Callee);

  /// Returns the promise type of a call to \p Callee: the one Sema picked
  /// for a visible coroutine body, else the one std::coroutine_traits
  /// resolves to for its return type.
  const clang::CXXRecordDecl *promiseOf(const clang::FunctionDecl *Callee);

  /// Returns true if an object of type \p T can be co_awaited.
  bool isAwaitable(clang::QualType T);

  /// Returns whether a call to \p Callee starts running at once (its
  /// promise's initial_suspend() never suspends), or nothing when the promise
  /// is not visible; \p InitialSuspend receives that member.
  std::optional<bool>
  startsEagerly(const clang::FunctionDecl *Callee,
                const clang::FunctionDecl **InitialSuspend = nullptr);

  /// Returns the promise type T::promise_type names, through bases.
  const clang::CXXRecordDecl *nestedPromise(clang::QualType T) {
    return promiseFromTraits(T);
  }

private:
  std::optional<DetachedInfo> classifyType(const clang::FunctionDecl *Callee,
                                           clang::QualType T);
  const clang::CXXRecordDecl *promiseFromTraits(clang::QualType T);
  const clang::CXXRecordDecl *
  promiseFromCoroutineTraits(const clang::FunctionDecl *Callee);
  bool neverSuspends(const clang::CXXRecordDecl *Promise, std::string &Why);
  void readExceptionPolicy(DetachedInfo &Info);

  clang::ASTContext &Ctx;
  NameList DetachedTypes;
  llvm::DenseMap<const clang::FunctionDecl *, std::optional<DetachedInfo>>
      Cache;
};

/// True if a call to \p Callee creates a coroutine: its body is one, or its
/// return type has a promise type, nested (through bases) or through a
/// std::coroutine_traits specialization (Asio's awaitable, Seastar's future).
bool createsCoroutine(const clang::FunctionDecl *Callee);

/// Returns the coroutine body of \p FD's definition, if it has one.
const clang::CoroutineBodyStmt *coroutineBody(const clang::FunctionDecl *FD);

} // namespace firecrash

#endif // FIRECRASH_ANALYSIS_DETACHEDTYPES_H
