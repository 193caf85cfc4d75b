//===--- ReadableNames.cpp - Names and paths as reports show them -------===//

#include "Report.h"
#include "CheckRegistry.h"
#include "Interrupt.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"
#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <tuple>
#include <unordered_map>

using namespace clang;
using namespace clang::tidy;

namespace firecrash {

namespace {

/// Returns the index just past the bracket that closes the one at \p Open
/// in \p Text (its end when unbalanced), counting (), [] and <>.
size_t pastClosing(llvm::StringRef Text, size_t Open) {
  int Depth = 0;
  for (size_t I = Open; I < Text.size(); ++I) {
    char C = Text[I];
    if (C == '(' || C == '[' || C == '<')
      ++Depth;
    else if ((C == ')' || C == ']' || C == '>') && --Depth == 0)
      return I + 1;
  }
  return Text.size();
}

/// Splits a qualified name at the "::" outside brackets, eliding template
/// arguments and dropping the parameter lists of enclosing functions.
std::vector<std::string> readableComponents(llvm::StringRef Name) {
  std::vector<std::string> Parts(1);
  size_t I = 0;
  while (I < Name.size()) {
    std::string &Part = Parts.back();
    if (Name.substr(I).starts_with("::")) {
      Parts.emplace_back();
      I += 2;
      continue;
    }
    char C = Name[I];
    // "operator()", "operator<<", "operator bool": the symbol is the name.
    if (Name.substr(I).starts_with("operator") &&
        (I == 0 || !llvm::isAlnum(Name[I - 1]))) {
      Part += "operator";
      I += 8;
      if (Name.substr(I).starts_with("()") || Name.substr(I).starts_with("[]")) {
        Part += Name.substr(I, 2).str();
        I += 2;
        continue;
      }
      while (I < Name.size() && llvm::StringRef("<>=!+-*/%^&|~,").contains(Name[I]))
        Part += Name[I++];
      continue;
    }
    if (C == '(' && Part.empty()) {
      // "(anonymous namespace)", "(anonymous class)", "(lambda at ...)".
      size_t End = pastClosing(Name, I);
      Part += Name.slice(I, End).str();
      I = End;
      continue;
    }
    if (C == '(') { // An enclosing function's parameters.
      I = pastClosing(Name, I);
      continue;
    }
    if (C == '<') {
      Part += "<\u2026>";
      I = pastClosing(Name, I);
      continue;
    }
    Part += C;
    ++I;
  }
  return Parts;
}

} // namespace

std::string readableName(llvm::StringRef QualifiedName) {
  std::vector<std::string> Parts = readableComponents(QualifiedName);
  auto Join = [](llvm::ArrayRef<std::string> Range) {
    std::string Out;
    for (const std::string &Part : Range)
      Out += (Out.empty() ? "" : "::") + Part;
    return Out;
  };
  bool Lambda = Parts.size() >= 2 && Parts.back() == "operator()" &&
                llvm::StringRef(Parts[Parts.size() - 2]).starts_with("(") &&
                !llvm::StringRef(Parts[Parts.size() - 2])
                     .starts_with("(anonymous namespace");
  if (!Lambda)
    return Join(Parts);
  std::string Outer =
      Join(llvm::ArrayRef<std::string>(Parts).drop_back(2));
  if (Outer.empty())
    return "a lambda";
  std::string OuterName = readableName(Outer);
  if (llvm::StringRef(OuterName).starts_with("the lambda in ") ||
      OuterName == "a lambda")
    return "the lambda in " + OuterName;
  return "the lambda in '" + OuterName + "'";
}
std::string absolutePath(llvm::StringRef File, llvm::StringRef BuildDirectory) {
  llvm::SmallString<256> Path(File);
  if (!llvm::sys::path::is_absolute(Path)) {
    if (!BuildDirectory.empty())
      llvm::sys::fs::make_absolute(BuildDirectory, Path);
    else
      llvm::sys::fs::make_absolute(Path);
  }
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return Path.str().str();
}

} // namespace firecrash
