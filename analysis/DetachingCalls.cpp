//===--- DetachingCalls.cpp - Calls that detach work ----------------------===//

#include "DetachingCalls.h"
#include "Joins.h"
#include "Suspension.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace firecrash {

std::vector<DetachingEntry>
parseDetachingEntries(llvm::StringRef Value, std::vector<std::string> &Errors) {
  std::vector<DetachingEntry> Entries;
  for (const std::string &Written : splitList(Value)) {
    llvm::StringRef Text = Written;
    DetachingEntry Entry;
    Entry.Written = Written;
    if (Text.consume_back("[discarded]")) {
      Entry.OnlyDiscarded = true;
      Text = Text.rtrim();
    } else if (Text.consume_back("[handler]")) {
      Entry.CompletionHandler = true;
      Text = Text.rtrim();
    }
    auto [Name, Rest] = Text.split('(');
    Entry.Name = Name.trim().str();
    if (llvm::StringRef(Entry.Name).starts_with("::"))
      Entry.Name = Entry.Name.substr(2);
    if (Text.contains('(')) {
      if (!Rest.consume_back(")") || Rest.trim().empty() || Rest.contains('(')) {
        Errors.push_back("'" + Written + "'");
        continue;
      }
      Entry.ArgumentType = Rest.trim().str();
      if (llvm::StringRef(Entry.ArgumentType).starts_with("::"))
        Entry.ArgumentType = Entry.ArgumentType.substr(2);
    }
    if (Entry.Name.empty() ||
        (Entry.CompletionHandler && !Entry.ArgumentType.empty())) {
      Errors.push_back("'" + Written + "'");
      continue;
    }
    Entries.push_back(std::move(Entry));
  }
  return Entries;
}

bool isYieldToken(const ASTContext &Ctx, QualType T, unsigned Depth) {
  if (T.isNull() || Depth > 4)
    return false;
  const auto *Record = T->getAsCXXRecordDecl();
  if (!Record)
    return false;
  llvm::SmallVector<std::string, 4> Names;
  collectTypeNames(Ctx, T, Names);
  for (llvm::StringRef Name : Names)
    if (Name == "boost::asio::basic_yield_context" ||
        Name == "asio::basic_yield_context")
      return true;
  // Wrappers keep the token they wrap as a template argument
  // (redirect_error_t<yield_context>, as_tuple_t<...>).
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record))
    for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
      if (Arg.getKind() == TemplateArgument::Type &&
          isYieldToken(Ctx, Arg.getAsType(), Depth + 1))
        return true;
  return false;
}

bool DetachingCallOracle::startsDetached(const CallExpr &Call,
                                         const FunctionDecl &Callee,
                                         bool Discarded) {
  if (!classify(Call, Callee, Discarded))
    return false;
  return !(Suspensions && Suspensions->completesWork(&Callee));
}

std::optional<DetachingMatch>
DetachingCallOracle::classify(const CallExpr &Call, const FunctionDecl &Callee,
                              bool Discarded) const {
  // The names the call goes by: the function (as the object's type names
  // it, and the members it overrides), and for a call of a function object
  // (a customization point such as start_detached) the object.
  llvm::SmallVector<std::string, 4> Names = calleeNames(Ctx, &Call);
  if (Names.empty())
    Names.push_back(qualifiedName(&Callee));
  unsigned FirstArgument = 0;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call)) {
    if (Op->getOperator() == OO_Call && Op->getNumArgs() > 0) {
      FirstArgument = 1;
      if (const auto *Ref = dyn_cast<DeclRefExpr>(
              Op->getArg(0)->IgnoreParenImpCasts()))
        Names.push_back(qualifiedName(Ref->getDecl()));
    }
  }
  // An entry matches when the call goes by its name and, if it names an
  // argument type, one argument has that type.
  auto Matches = [&](const DetachingEntry &Entry,
                     const Expr *&TokenArgument) -> bool {
    if (!llvm::is_contained(Names, Entry.Name))
      return false;
    if (Entry.OnlyDiscarded && !Discarded)
      return false;
    if (Entry.CompletionHandler) {
      // The token is the last argument written; an initiation that
      // returns something (an awaitable, a deferred operation, a future)
      // leaves the work to whoever holds it.
      const Expr *Token = nullptr;
      for (unsigned I = FirstArgument; I < Call.getNumArgs(); ++I)
        if (!isa<CXXDefaultArgExpr>(Call.getArg(I)))
          Token = Call.getArg(I);
      if (!Token || !Call.getType()->isVoidType() ||
          isYieldToken(Ctx, Token->getType().getNonReferenceType()))
        return false;
      TokenArgument = Token;
      return true;
    }
    if (Entry.ArgumentType.empty())
      return true;
    for (unsigned I = FirstArgument; I < Call.getNumArgs(); ++I) {
      const Expr *Arg = Call.getArg(I);
      llvm::SmallVector<std::string, 4> TypeNames;
      collectTypeNames(Ctx, Arg->getType().getNonReferenceType(), TypeNames);
      if (llvm::is_contained(TypeNames, Entry.ArgumentType)) {
        TokenArgument = Arg;
        return true;
      }
    }
    return false;
  };
  const Expr *Ignored = nullptr;
  for (const DetachingEntry &Entry : Structured)
    if (Matches(Entry, Ignored))
      return std::nullopt;
  for (const DetachingEntry &Entry : Detaching) {
    DetachingMatch Match;
    if (!Matches(Entry, Match.TokenArgument))
      continue;
    Match.Entry = &Entry;
    Match.CalleeName = Entry.Name;
    return Match;
  }
  return std::nullopt;
}

} // namespace firecrash
