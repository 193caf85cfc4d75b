//===--- Uses.cpp - How often functions are referenced --------------------===//

#include "Uses.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace firecrash {

namespace {
class Counter : public RecursiveASTVisitor<Counter> {
public:
  Counter(const SourceManager &SM,
          llvm::DenseMap<const FunctionDecl *, unsigned> &Counts)
      : SM(SM), Counts(Counts) {}

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    add(E->getDecl());
    return true;
  }
  bool VisitMemberExpr(MemberExpr *E) {
    add(E->getMemberDecl());
    return true;
  }

private:
  void add(const Decl *D) {
    if (const auto *FD = dyn_cast_or_null<FunctionDecl>(D))
      ++Counts[FD->getCanonicalDecl()];
  }

  const SourceManager &SM;
  llvm::DenseMap<const FunctionDecl *, unsigned> &Counts;
};
} // namespace

unsigned ReferenceCounter::count(const FunctionDecl *FD) {
  if (!Counted) {
    Counter(Ctx.getSourceManager(), Counts)
        .TraverseDecl(Ctx.getTranslationUnitDecl());
    Counted = true;
  }
  return Counts.lookup(FD->getCanonicalDecl());
}

} // namespace firecrash
