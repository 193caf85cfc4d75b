//===--- TypeNames.cpp - Names of declarations and types ------------------===//

#include "TypeNames.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/PrettyPrinter.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace firecrash {

std::string qualifiedName(const NamedDecl *D) {
  if (!D)
    return {};
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  PrintingPolicy Policy(D->getASTContext().getLangOpts());
  Policy.SuppressInlineNamespace = true;
  Policy.SuppressUnwrittenScope = true;
  D->printQualifiedName(OS, Policy);
  return Name;
}

static llvm::StringRef normalizeName(llvm::StringRef Name) {
  Name = Name.trim();
  Name.consume_front("::");
  return Name;
}

std::vector<std::string> splitList(llvm::StringRef Value) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Value.split(Parts, ';', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  std::vector<std::string> Result;
  for (llvm::StringRef Part : Parts) {
    Part = Part.trim();
    if (!Part.empty())
      Result.push_back(Part.str());
  }
  return Result;
}

NameList::NameList(llvm::StringRef Value) {
  for (const std::string &Written : splitList(Value))
    Entries.push_back({Written, normalizeName(Written).str()});
}

std::optional<llvm::StringRef>
NameList::match(llvm::StringRef QualifiedName) const {
  QualifiedName = normalizeName(QualifiedName);
  for (const Entry &E : Entries)
    if (E.Normalized == QualifiedName)
      return llvm::StringRef(E.Written);
  return std::nullopt;
}

std::optional<llvm::StringRef>
NameList::matchAny(llvm::ArrayRef<std::string> Names) const {
  for (const Entry &E : Entries)
    for (const std::string &Name : Names)
      if (E.Normalized == normalizeName(Name))
        return llvm::StringRef(E.Written);
  return std::nullopt;
}

static const NamedDecl *templateOf(const CXXRecordDecl *RD) {
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    return Spec->getSpecializedTemplate();
  return nullptr;
}

void collectTypeNames(const ASTContext &Ctx, QualType T,
                      llvm::SmallVectorImpl<std::string> &Names) {
  auto Add = [&Names](const NamedDecl *D) {
    if (!D)
      return;
    std::string Name = qualifiedName(D);
    // A class of an implementation namespace as the library exports it
    // ("exec::__scope::async_scope" as "exec::async_scope",
    // "unifex::_async_scope::async_scope" as "unifex::async_scope").
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    llvm::StringRef(Name).split(Parts, "::");
    std::string Exported;
    for (size_t I = 0; I < Parts.size(); ++I)
      if (I + 1 == Parts.size() || !Parts[I].starts_with("_"))
        Exported += (Exported.empty() ? "" : "::") + Parts[I].str();
    for (const std::string &Each : {Name, Exported})
      if (!llvm::is_contained(Names, Each))
        Names.push_back(Each);
  };
  // Walk the sugar chain one step at a time so aliases count as well.
  QualType Cur = T.getLocalUnqualifiedType();
  for (unsigned Guard = 0; Guard < 64 && !Cur.isNull(); ++Guard) {
    if (const auto *TT = dyn_cast<TypedefType>(Cur.getTypePtr()))
      Add(TT->getDecl());
    else if (const auto *TST =
                 dyn_cast<TemplateSpecializationType>(Cur.getTypePtr()))
      Add(TST->getTemplateName().getAsTemplateDecl());
    else if (const auto *RT = dyn_cast<RecordType>(Cur.getTypePtr())) {
      const auto *RD = cast<CXXRecordDecl>(RT->getDecl());
      Add(RD);
      Add(templateOf(RD));
    }
    QualType Next = Cur.getSingleStepDesugaredType(Ctx).getLocalUnqualifiedType();
    if (Next == Cur)
      break;
    Cur = Next;
  }
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl()) {
    Add(RD);
    Add(templateOf(RD));
  }
}

static bool isSmartPointer(const CXXRecordDecl *RD) {
  const NamedDecl *Template = templateOf(RD);
  if (!Template)
    return false;
  std::string Name = qualifiedName(Template);
  return Name == "std::shared_ptr" || Name == "std::unique_ptr" ||
         Name == "std::weak_ptr" || Name == "boost::shared_ptr" ||
         Name == "boost::intrusive_ptr";
}

std::optional<QualType> firstTemplateTypeArg(const ASTContext &Ctx,
                                             QualType T) {
  // Prefer the arguments as written (they keep alias names).
  if (const auto *TST = T->getAs<TemplateSpecializationType>()) {
    for (const TemplateArgument &Arg : TST->template_arguments())
      if (Arg.getKind() == TemplateArgument::Type)
        return Arg.getAsType();
    return std::nullopt;
  }
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          T->getAsCXXRecordDecl())) {
    for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
      if (Arg.getKind() == TemplateArgument::Type)
        return Arg.getAsType();
  }
  return std::nullopt;
}

QualType stripIndirections(const ASTContext &Ctx, QualType T) {
  for (unsigned Guard = 0; Guard < 16 && !T.isNull(); ++Guard) {
    if (const auto *Ref = T->getAs<ReferenceType>()) {
      T = Ref->getPointeeType();
      continue;
    }
    if (const auto *Ptr = T->getAs<PointerType>()) {
      T = Ptr->getPointeeType();
      continue;
    }
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    if (RD && isSmartPointer(RD)) {
      if (std::optional<QualType> Arg = firstTemplateTypeArg(Ctx, T)) {
        T = *Arg;
        continue;
      }
    }
    break;
  }
  return T;
}

static bool declHasAnnotation(const Decl *D, llvm::StringRef Annotation) {
  for (const auto *A : D->specific_attrs<AnnotateAttr>())
    if (A->getAnnotation() == Annotation)
      return true;
  return false;
}

bool hasAnnotation(const Decl *D, llvm::StringRef Annotation) {
  if (!D)
    return false;
  for (const Decl *Redecl : D->redecls())
    if (declHasAnnotation(Redecl, Annotation))
      return true;
  if (const auto *FD = dyn_cast<FunctionDecl>(D))
    if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern())
      if (Pattern != FD && hasAnnotation(Pattern, Annotation))
        return true;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(D))
    return hasAnnotation(Spec->getSpecializedTemplate()->getTemplatedDecl(),
                         Annotation);
  return false;
}

bool typeHasAnnotation(const ASTContext &Ctx, QualType T,
                       llvm::StringRef Annotation, const NamedDecl **Where) {
  QualType Cur = T.getLocalUnqualifiedType();
  for (unsigned Guard = 0; Guard < 64 && !Cur.isNull(); ++Guard) {
    if (const auto *TT = dyn_cast<TypedefType>(Cur.getTypePtr())) {
      if (hasAnnotation(TT->getDecl(), Annotation)) {
        if (Where)
          *Where = TT->getDecl();
        return true;
      }
    }
    QualType Next = Cur.getSingleStepDesugaredType(Ctx).getLocalUnqualifiedType();
    if (Next == Cur)
      break;
    Cur = Next;
  }
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl()) {
    if (hasAnnotation(RD, Annotation)) {
      if (Where)
        *Where = RD;
      return true;
    }
  }
  return false;
}

std::string printType(const ASTContext &Ctx, QualType T) {
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressTagKeyword = true;
  Policy.SuppressScope = false;
  Policy.SuppressUnwrittenScope = true;
  return T.getUnqualifiedType().getAsString(Policy);
}

/// True if \p RD or one of its bases declares a nested type (or type
/// template) named \p Member.
static bool declaresNestedType(const clang::CXXRecordDecl *RD,
                               llvm::StringRef Member, unsigned Depth = 0) {
  if (!RD || Depth > 8 || !RD->hasDefinition())
    return false;
  RD = RD->getDefinition();
  clang::IdentifierInfo &Name = RD->getASTContext().Idents.get(Member);
  for (const clang::NamedDecl *ND : RD->lookup(&Name))
    if (llvm::isa<clang::TypeDecl, clang::TypeAliasTemplateDecl,
                  clang::ClassTemplateDecl>(ND))
      return true;
  for (const clang::CXXBaseSpecifier &Base : RD->bases())
    if (declaresNestedType(Base.getType()->getAsCXXRecordDecl(), Member,
                           Depth + 1))
      return true;
  return false;
}

bool hasPromiseType(const clang::CXXRecordDecl *RD) {
  return declaresNestedType(RD, "promise_type");
}

bool isSenderType(const clang::CXXRecordDecl *RD) {
  return declaresNestedType(RD, "sender_concept") ||
         declaresNestedType(RD, "is_sender") ||
         declaresNestedType(RD, "value_types");
}

} // namespace firecrash
