//===--- DiffBase.cpp - What a working tree changes against a revision ----===//

#include "DiffBase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

namespace firecrash {

namespace {

/// Runs git with \p Args in \p Directory, \p Input on its standard input,
/// and returns what it printed; fails with the first line of its errors.
llvm::Expected<std::string> git(llvm::StringRef Git, llvm::StringRef Directory,
                                llvm::ArrayRef<llvm::StringRef> Args,
                                llvm::StringRef Input = "") {
  llvm::SmallString<128> In, Out, Err;
  for (llvm::SmallString<128> *Path : {&In, &Out, &Err})
    if (std::error_code EC =
            llvm::sys::fs::createTemporaryFile("firecrash-git", "txt", *Path))
      return llvm::createStringError(EC, "cannot create a temporary file: %s",
                                     EC.message().c_str());
  llvm::FileRemover RemoveIn(In), RemoveOut(Out), RemoveErr(Err);
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(In, EC);
    OS << Input;
  }
  std::vector<llvm::StringRef> Argv = {Git, "-C", Directory};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(In),
                                                llvm::StringRef(Out),
                                                llvm::StringRef(Err)};
  std::string Problem;
  int Status = llvm::sys::ExecuteAndWait(Git, Argv, std::nullopt, Redirects,
                                         /*SecondsToWait=*/0,
                                         /*MemoryLimit=*/0, &Problem);
  auto Read = [](llvm::StringRef Path) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    return Buffer ? (*Buffer)->getBuffer().str() : std::string();
  };
  if (Status != 0) {
    std::string Said = Read(Err);
    llvm::StringRef First = llvm::StringRef(Said).trim().split('\n').first;
    First.consume_front("fatal: ");
    return llvm::createStringError(
        std::errc::invalid_argument, "%s",
        (First.empty() ? (Problem.empty() ? "git failed" : Problem)
                       : First.str())
            .c_str());
  }
  return Read(Out);
}

/// Splits git's NUL-separated output.
std::vector<llvm::StringRef> fields(llvm::StringRef Text) {
  llvm::SmallVector<llvm::StringRef, 64> Parts;
  Text.split(Parts, '\0', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  return {Parts.begin(), Parts.end()};
}

} // namespace

llvm::Expected<TreeChange> readTreeChange(llvm::StringRef Revision,
                                          llvm::StringRef Directory) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return llvm::createStringError(std::errc::no_such_file_or_directory,
                                   "--diff-base needs git on PATH");
  TreeChange Change;
  auto Top = git(*Git, Directory, {"rev-parse", "--show-toplevel"});
  if (!Top)
    return llvm::createStringError(
        std::errc::invalid_argument, "--diff-base needs a git work tree: %s",
        llvm::toString(Top.takeError()).c_str());
  Change.Top = llvm::StringRef(*Top).rtrim("\r\n").str();
  std::string Spec = (Revision + "^{commit}").str();
  auto Commit = git(*Git, Change.Top,
                    {"rev-parse", "--verify", "--quiet", "--end-of-options",
                     Spec});
  if (!Commit || llvm::StringRef(*Commit).trim().empty()) {
    if (!Commit)
      llvm::consumeError(Commit.takeError());
    return llvm::createStringError(std::errc::invalid_argument,
                                   "--diff-base: '%s' names no commit in %s",
                                   Revision.str().c_str(), Change.Top.c_str());
  }
  Change.Commit = llvm::StringRef(*Commit).trim().str();

  // git names the top as a real path; the database may name the same files
  // through a symbolic link (the directory the tool runs in): both count.
  std::vector<std::string> Tops = {Change.Top};
  {
    llvm::SmallString<256> Real;
    if (!llvm::sys::fs::real_path(Directory, Real)) {
      llvm::StringRef Inside = Real;
      if (Inside.consume_front(Change.Top) &&
          (Inside.empty() || Inside.starts_with("/")) &&
          Directory.ends_with(Inside)) {
        std::string Logical = Directory.drop_back(Inside.size()).str();
        if (Logical != Change.Top && !Logical.empty())
          Tops.push_back(Logical);
      }
    }
  }
  // \p Relative's absolute path under every top.
  auto Under = [&](llvm::StringRef Relative) {
    std::vector<std::string> Paths;
    for (const std::string &Top : Tops) {
      llvm::SmallString<256> Path(Top);
      llvm::sys::path::append(Path, Relative);
      Paths.push_back(Path.str().str());
    }
    return Paths;
  };
  // Tracked files: the working tree (staged or not) against the commit,
  // renames detected.
  auto Diff = git(*Git, Change.Top,
                  {"diff", "--name-status", "-z", "-M", "--no-ext-diff",
                   "--no-textconv", Change.Commit, "--"});
  if (!Diff)
    return Diff.takeError();
  // What to read at the base: a name in the base tree, and the paths its
  // content goes to.
  std::vector<std::pair<std::string, std::vector<std::string>>> Wanted;
  std::vector<llvm::StringRef> Fields = fields(*Diff);
  for (size_t I = 0; I < Fields.size();) {
    char Status = Fields[I].empty() ? '?' : Fields[I].front();
    bool TwoNames = Status == 'R' || Status == 'C';
    if (I + 1 + TwoNames >= Fields.size())
      break;
    llvm::StringRef Name = Fields[I + 1];
    llvm::StringRef NewName = TwoNames ? Fields[I + 2] : Name;
    I += 2 + TwoNames;
    Change.Count += TwoNames && Name != NewName ? 2 : 1;
    for (llvm::StringRef Each : {Name, NewName})
      for (std::string &Path : Under(Each))
        Change.Changed.insert(Path);
    switch (Status) {
    case 'A':
      for (std::string &Path : Under(Name))
        Change.Base.Absent.insert(Path);
      break;
    case 'C': // A copy: the new name is new, the old one unchanged.
      for (std::string &Path : Under(NewName))
        Change.Base.Absent.insert(Path);
      break;
    case 'R': { // Analysed as it was, under both names.
      std::vector<std::string> Paths = Under(Name);
      for (std::string &Path : Under(NewName))
        Paths.push_back(std::move(Path));
      Wanted.emplace_back(Name.str(), std::move(Paths));
      break;
    }
    default: // Modified, removed, type changed, unmerged.
      Wanted.emplace_back(Name.str(), Under(Name));
      break;
    }
  }
  // Untracked files are new, unless ignored.
  auto Untracked = git(*Git, Change.Top,
                       {"ls-files", "-z", "--others", "--exclude-standard"});
  if (!Untracked)
    return Untracked.takeError();
  for (llvm::StringRef Name : fields(*Untracked)) {
    ++Change.Count;
    for (std::string &Path : Under(Name)) {
      Change.Changed.insert(Path);
      Change.Base.Absent.insert(Path);
    }
  }

  // The base contents, all in one git process.
  std::string Requests;
  for (const auto &[Name, Where] : Wanted)
    Requests += Change.Commit + ":" + Name + "\n";
  auto Blobs = git(*Git, Change.Top, {"cat-file", "--batch"}, Requests);
  if (!Blobs)
    return Blobs.takeError();
  llvm::StringRef Rest = *Blobs;
  for (const auto &[Name, Where] : Wanted) {
    // "<object> <type> <size>\n<content>\n", or "<name> missing\n".
    auto [Header, After] = Rest.split('\n');
    llvm::SmallVector<llvm::StringRef, 3> Parts;
    Header.split(Parts, ' ');
    size_t Size = 0;
    if (Parts.size() != 3 || Parts[2].getAsInteger(10, Size)) {
      Rest = After; // Missing at the base: nothing to read.
      continue;
    }
    if (After.size() < Size)
      return llvm::createStringError(std::errc::invalid_argument,
                                     "git cat-file answered short for '%s'",
                                     Name.c_str());
    Rest = After.drop_front(Size).drop_front(1);
    if (Parts[1] != "blob") // A submodule, not a file.
      continue;
    for (const std::string &Path : Where)
      Change.Base.Contents[Path] = After.take_front(Size).str();
  }
  return Change;
}

bool affectedBy(const TreeChange &Change, llvm::StringRef MainFile,
                llvm::ArrayRef<std::string> Dependencies) {
  if (Change.Changed.contains(MainFile))
    return true;
  for (const std::string &File : Dependencies)
    if (Change.Changed.contains(File))
      return true;
  // A .clang-tidy file configures the units below its directory.
  for (const auto &Entry : Change.Changed) {
    llvm::StringRef File = Entry.getKey();
    if (llvm::sys::path::filename(File) != ".clang-tidy")
      continue;
    llvm::StringRef Directory = llvm::sys::path::parent_path(File);
    if (MainFile.starts_with(Directory) &&
        MainFile.drop_front(Directory.size()).starts_with("/"))
      return true;
  }
  return false;
}

} // namespace firecrash
