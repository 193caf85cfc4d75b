//===--- TypeNames.h - Names of declarations and types --------*- C++ -*-===//
//
// Part of firecrash. Matching of option lists against the names a type is
// spelled with: typedefs, alias templates, records and class templates.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_ANALYSIS_TYPENAMES_H
#define FIRECRASH_ANALYSIS_TYPENAMES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace firecrash {

/// Returns the qualified name of \p D without a leading "::" and without
/// template arguments of \p D itself.
std::string qualifiedName(const clang::NamedDecl *D);

/// Splits a ';'-separated option value into trimmed, non-empty entries.
std::vector<std::string> splitList(llvm::StringRef Value);

/// A ';'-separated list of qualified names from an option; a leading "::" in
/// an entry is optional.
class NameList {
public:
  NameList() = default;
  explicit NameList(llvm::StringRef Value);

  /// Returns the entry as written in the option when \p QualifiedName (without
  /// leading "::") is listed.
  std::optional<llvm::StringRef> match(llvm::StringRef QualifiedName) const;

  /// Returns the first entry that matches any of \p Names.
  std::optional<llvm::StringRef>
  matchAny(llvm::ArrayRef<std::string> Names) const;

  bool empty() const { return Entries.empty(); }

private:
  struct Entry {
    std::string Written;
    std::string Normalized;
  };
  std::vector<Entry> Entries;
};

/// Collects every qualified name \p T is spelled with along its sugar chain:
/// typedef and alias names, the record, and the template of a specialization.
void collectTypeNames(const clang::ASTContext &Ctx, clang::QualType T,
                      llvm::SmallVectorImpl<std::string> &Names);

/// Looks through references, pointers and standard smart pointers, keeping
/// sugar, and returns the type they refer to.
clang::QualType stripIndirections(const clang::ASTContext &Ctx,
                                  clang::QualType T);

/// Returns the first type template argument of \p T if it is a specialization
/// of a class template, preferring the arguments as written.
std::optional<clang::QualType> firstTemplateTypeArg(const clang::ASTContext &Ctx,
                                                    clang::QualType T);

/// Returns the annotation \p Annotation if \p D, a redeclaration of it or the
/// template it was instantiated from carries [[clang::annotate(Annotation)]].
bool hasAnnotation(const clang::Decl *D, llvm::StringRef Annotation);

/// Returns true if \p T or a typedef on its sugar chain carries the
/// annotation \p Annotation.
bool typeHasAnnotation(const clang::ASTContext &Ctx, clang::QualType T,
                       llvm::StringRef Annotation,
                       const clang::NamedDecl **Where = nullptr);

/// Prints \p T as written in the source, without tag keywords.
std::string printType(const clang::ASTContext &Ctx, clang::QualType T);

/// True if \p RD, or one of its bases, declares a nested promise_type: a
/// call returning it creates a coroutine (a task), whichever class of the
/// library's hierarchy declares it (async_simple's LazyBase for Lazy).
bool hasPromiseType(const clang::CXXRecordDecl *RD);

/// True if \p RD is a sender (P2300, C++26 std::execution): it or a base
/// declares "sender_concept" (stdexec, the standard), "is_sender" (earlier
/// stdexec) or the "value_types" template (libunifex, earlier P2300).
bool isSenderType(const clang::CXXRecordDecl *RD);

} // namespace firecrash

#endif // FIRECRASH_ANALYSIS_TYPENAMES_H
