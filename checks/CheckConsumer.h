//===--- CheckConsumer.h - The checks of a context, without a MatchFinder -*- C++ -*-===//
//
// Part of firecrash. clang-tidy runs checks through a MatchFinder, which
// traverses the whole AST of the translation unit (every header's template
// instantiations included) even when a check only needs the unit once: on a
// Beast/Asio unit that traversal costs about 3% of a compile, a hundred
// times what the firecrash checks themselves cost. A host that owns its
// compile (the compiler plugin) creates the enabled checks the way
// clang-tidy does and hands firecrash checks the translation unit directly;
// any other check still runs through a MatchFinder.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_CHECKS_CHECKCONSUMER_H
#define FIRECRASH_CHECKS_CHECKCONSUMER_H

#include "clang/AST/ASTConsumer.h"
#include "llvm/ADT/StringRef.h"
#include <memory>

namespace clang {
class CompilerInstance;
namespace tidy {
class ClangTidyContext;
} // namespace tidy
} // namespace clang

namespace firecrash {

/// Creates the checks \p Context enables for \p File, as clang-tidy's
/// ClangTidyASTConsumerFactory does, and returns the consumer that runs them
/// on the translation unit.
std::unique_ptr<clang::ASTConsumer>
createCheckConsumer(clang::tidy::ClangTidyContext &Context,
                    clang::CompilerInstance &Compiler, llvm::StringRef File);

} // namespace firecrash

#endif // FIRECRASH_CHECKS_CHECKCONSUMER_H
