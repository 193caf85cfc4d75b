//===--- Handlers.h - Which coroutines are request handlers ---*- C++ -*-===//
//
// Part of firecrash. Decides whether a coroutine handles a request, and why.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_ANALYSIS_HANDLERS_H
#define FIRECRASH_ANALYSIS_HANDLERS_H

#include "TypeNames.h"
#include "clang/AST/Decl.h"
#include "llvm/Support/Regex.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace firecrash {

/// The annotation that marks a function as a request handler.
inline constexpr llvm::StringLiteral HandlerAnnotation =
    "firecrash::request_handler";

/// The options that define request handlers, shared by every check.
struct HandlerOptions {
  /// Regular expressions matched against the qualified name.
  std::vector<std::string> Functions;
  NameList ParameterTypes;
  /// Connection types: a coroutine taking one by value serves a connection.
  NameList ConnectionTypes;
  NameList ResultTypes;
  NameList BaseClasses;
  /// Classes whose objects the framework creates once and keeps for the
  /// life of the process (besides those of BaseClasses).
  NameList LongLivedTypes;
};

/// Why a coroutine counts as a request handler.
enum class HandlerReason {
  Annotated,
  NameMatches,
  Parameter,
  Connection,
  Result,
  BaseClass
};

/// Returns a stable lower-case name for \p Reason ("annotated", ...).
llvm::StringRef handlerReasonName(HandlerReason Reason);

struct HandlerInfo {
  HandlerReason Reason = HandlerReason::Annotated;
  /// Where the reason is written (the function, a parameter, ...).
  clang::SourceLocation Loc;
  /// The matching option entry or regular expression.
  std::string Entry;
  /// The parameter, for HandlerReason::Parameter and Connection.
  const clang::ParmVarDecl *Param = nullptr;
  /// The matched type or base class as written.
  std::string TypeName;
};

/// Names a function for a diagnostic, quoted: "'f'", or for a lambda's call
/// operator where it is written: "the lambda in 'install'".
std::string displayName(const clang::FunctionDecl *FD);

/// Names a request handler for a diagnostic: "request handler 'f'", or
/// "the request-handler lambda in 'install'".
std::string describeHandler(const clang::FunctionDecl *FD);

/// Classifies functions (coroutines or not) as request handlers.
class HandlerOracle {
public:
  HandlerOracle(const clang::ASTContext &Ctx, const HandlerOptions &Options);

  /// Returns why \p FD is a request handler.
  std::optional<HandlerInfo> classify(const clang::FunctionDecl *FD) const;

  /// Returns the class of the object \p FD's 'this' designates (for a
  /// lambda, the member function it is written in) when the framework keeps
  /// objects of it for the life of the process: it derives from a class of
  /// HandlerBaseClasses or LongLivedTypes, or is listed. Such a 'this' is
  /// never request state.
  const clang::CXXRecordDecl *
  frameworkOwnedThis(const clang::FunctionDecl *FD) const;

  /// Returns the regular expressions that failed to compile, with errors.
  const std::vector<std::string> &regexErrors() const { return RegexErrors; }

private:
  const clang::ASTContext &Ctx;
  const HandlerOptions &Options;
  std::vector<std::pair<std::string, std::unique_ptr<llvm::Regex>>> Functions;
  std::vector<std::string> RegexErrors;
};

} // namespace firecrash

#endif // FIRECRASH_ANALYSIS_HANDLERS_H
