//===--- Defaults.cpp - What firecrash knows without configuration --------===//

#include "Defaults.h"
#include "TypeNames.h"
#include "llvm/ADT/STLExtras.h"
#include <vector>

namespace firecrash {

/// What an entry is compared by: without a leading "::" and without what
/// follows '=' (a rendezvous' signals).
static llvm::StringRef keyOf(llvm::StringRef Entry) {
  Entry = Entry.split('=').first.trim();
  Entry.consume_front("::");
  return Entry;
}

/// The name an entry is about: its key without "(argument type)" or
/// "[discarded]".
static llvm::StringRef nameOf(llvm::StringRef Entry) {
  llvm::StringRef Key = keyOf(Entry);
  return Key.take_until([](char C) { return C == '(' || C == '['; }).trim();
}

/// True if the removal \p Removed names \p Entry: the same key, or the
/// bare name of an entry that has an argument type or a qualifier.
static bool removes(llvm::StringRef Removed, llvm::StringRef Entry) {
  if (keyOf(Removed) == keyOf(Entry))
    return true;
  return keyOf(Removed) == nameOf(Removed) && nameOf(Removed) == nameOf(Entry);
}

std::string effectiveList(llvm::StringRef Written, llvm::StringRef Defaults) {
  if (Written == Defaults)
    return Defaults.str();
  std::vector<std::string> Entries = splitList(Defaults);
  for (const std::string &Entry : splitList(Written)) {
    llvm::StringRef Text = Entry;
    if (Text.consume_front("-")) {
      Text = Text.trim();
      if (Text == "*")
        Entries.clear();
      else
        llvm::erase_if(Entries,
                       [&](const std::string &E) { return removes(Text, E); });
      continue;
    }
    // The same entry twice (with or without "::") is kept once.
    auto Same = [&](const std::string &E) {
      llvm::StringRef A = llvm::StringRef(E).trim(), B = Text.trim();
      A.consume_front("::");
      B.consume_front("::");
      return A == B;
    };
    if (llvm::none_of(Entries, Same))
      Entries.push_back(Entry);
  }
  std::string Result;
  for (const std::string &E : Entries)
    Result += (Result.empty() ? "" : ";") + E;
  return Result;
}

} // namespace firecrash
