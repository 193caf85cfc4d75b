//===--- UserFunctions.h - The functions a translation unit defines -*- C++ -*-===//
//
// Part of firecrash. Lists the function definitions outside system headers
// (lambdas' call operators and template instantiations included) by walking
// only the user's code: declarations in system headers are pruned whole,
// which costs far less than testing every function of every header.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_ANALYSIS_USERFUNCTIONS_H
#define FIRECRASH_ANALYSIS_USERFUNCTIONS_H

#include "clang/AST/ASTContext.h"
#include <vector>

namespace firecrash {

/// Returns every non-dependent function definition with a body whose
/// location is outside system headers, in traversal order, each once.
std::vector<const clang::FunctionDecl *>
userFunctionDefinitions(clang::ASTContext &Ctx);

} // namespace firecrash

#endif // FIRECRASH_ANALYSIS_USERFUNCTIONS_H
