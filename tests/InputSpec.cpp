//===--- InputSpec.cpp - check_clang_tidy.py annotations ------------------===//

#include "InputSpec.h"
#include "Support.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include <functional>

namespace firecrash::test {

/// Splits a RUN line into words, honouring single and double quotes.
static std::vector<std::string> tokenize(llvm::StringRef Line) {
  std::vector<std::string> Words;
  std::string Word;
  bool InWord = false;
  char Quote = 0;
  for (char C : Line) {
    if (Quote) {
      if (C == Quote)
        Quote = 0;
      else
        Word += C;
      continue;
    }
    if (C == '\'' || C == '"') {
      Quote = C;
      InWord = true;
      continue;
    }
    if (C == ' ' || C == '\t') {
      if (InWord)
        Words.push_back(Word);
      Word.clear();
      InWord = false;
      continue;
    }
    Word += C;
    InWord = true;
  }
  if (InWord)
    Words.push_back(Word);
  return Words;
}

/// Replaces [[@LINE]], [[@LINE+N]] and [[@LINE-N]].
static std::string substituteLines(llvm::StringRef Text, unsigned Line,
                                   std::string &Error) {
  std::string Out;
  while (!Text.empty()) {
    size_t Start = Text.find("[[@LINE");
    if (Start == llvm::StringRef::npos) {
      Out += Text.str();
      break;
    }
    Out += Text.substr(0, Start).str();
    Text = Text.drop_front(Start + 7);
    size_t End = Text.find("]]");
    if (End == llvm::StringRef::npos) {
      Error = "unterminated [[@LINE";
      return Out;
    }
    llvm::StringRef Offset = Text.substr(0, End);
    long Delta = 0;
    if (!Offset.empty()) {
      bool Minus = Offset.front() == '-';
      if (!Minus && Offset.front() != '+') {
        Error = "bad [[@LINE" + Offset.str() + "]]";
        return Out;
      }
      if (Offset.drop_front().getAsInteger(10, Delta)) {
        Error = "bad [[@LINE" + Offset.str() + "]]";
        return Out;
      }
      if (Minus)
        Delta = -Delta;
    }
    Out += std::to_string(static_cast<long>(Line) + Delta);
    Text = Text.drop_front(End + 2);
  }
  return Out;
}

/// Turns literal text with {{regex}} parts into one regex.
static std::string toRegex(llvm::StringRef Pattern) {
  std::string Re;
  while (!Pattern.empty()) {
    size_t Open = Pattern.find("{{");
    if (Open == llvm::StringRef::npos) {
      Re += llvm::Regex::escape(Pattern);
      break;
    }
    Re += llvm::Regex::escape(Pattern.substr(0, Open));
    Pattern = Pattern.drop_front(Open + 2);
    size_t Close = Pattern.find("}}");
    if (Close == llvm::StringRef::npos) {
      Re += llvm::Regex::escape("{{") + llvm::Regex::escape(Pattern);
      break;
    }
    Re += "(" + Pattern.substr(0, Close).str() + ")";
    Pattern = Pattern.drop_front(Close + 2);
  }
  return Re;
}

InputSpec parseInput(const std::string &Path) {
  InputSpec Spec;
  Spec.Path = Path;
  std::string Text = readFile(Path);
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  llvm::StringRef(Text).split(Lines, '\n');
  std::string Dir = llvm::sys::path::parent_path(Path).str();

  // RUN lines, with backslash continuations.
  std::vector<std::string> RunLines;
  std::string Pending;
  for (llvm::StringRef Line : Lines) {
    llvm::StringRef Trimmed = Line.trim();
    if (!Trimmed.consume_front("// RUN:"))
      continue;
    Trimmed = Trimmed.trim();
    bool Continues = Trimmed.consume_back("\\");
    Pending += " " + Trimmed.trim().str();
    if (!Continues) {
      RunLines.push_back(Pending);
      Pending.clear();
    }
  }
  if (!Pending.empty())
    Spec.Errors.push_back("RUN line ends with a continuation");
  if (RunLines.empty())
    Spec.Errors.push_back("no RUN line");

  for (const std::string &RunLine : RunLines) {
    std::vector<std::string> Words = tokenize(RunLine);
    RunSpec Run;
    size_t I = 0;
    if (Words.empty() || Words[I++] != "%check_clang_tidy") {
      Spec.Errors.push_back("RUN line must start with %check_clang_tidy");
      continue;
    }
    for (; I < Words.size() && Words[I] != "%s"; ++I) {
      llvm::StringRef Flag = Words[I];
      if (Flag.consume_front("-check-suffix=") ||
          Flag.consume_front("-check-suffixes=")) {
        llvm::SmallVector<llvm::StringRef, 4> Parts;
        Flag.split(Parts, ',');
        for (llvm::StringRef Part : Parts)
          Run.Suffixes.push_back(Part.str());
      }
    }
    if (I + 2 >= Words.size() || Words[I + 2] != "%t") {
      Spec.Errors.push_back("RUN line needs %s <checks> %t");
      continue;
    }
    if (Run.Suffixes.empty())
      Run.Suffixes.push_back("");
    Run.Checks = Words[I + 1];
    I += 3; // %s <checks> %t
    int Section = 0;
    for (; I < Words.size(); ++I) {
      std::string Word = Words[I];
      if (Word == "--") {
        ++Section;
        continue;
      }
      for (size_t Pos; (Pos = Word.find("%S")) != std::string::npos;)
        Word.replace(Pos, 2, Dir);
      for (size_t Pos;
           (Pos = Word.find("%firecrash_include")) != std::string::npos;)
        Word.replace(Pos, 18, includeDir());
      (Section <= 1 ? Run.TidyArgs : Run.CompilerArgs).push_back(Word);
    }
    bool HasStd = false;
    for (const std::string &Arg : Run.CompilerArgs)
      HasStd |= llvm::StringRef(Arg).starts_with("-std=");
    if (!HasStd)
      Run.CompilerArgs.insert(Run.CompilerArgs.begin(), "-std=c++20");
    Run.CompilerArgs.push_back("-I" + Dir);
    Spec.Runs.push_back(std::move(Run));
  }

  // Directives; the cleaned text keeps every line and column.
  std::string Cleaned;
  for (size_t Index = 0; Index < Lines.size(); ++Index) {
    llvm::StringRef Line = Lines[Index];
    unsigned LineNo = static_cast<unsigned>(Index + 1);
    size_t Comment = Line.find("// CHECK-");
    if (Comment == llvm::StringRef::npos) {
      Cleaned += Line.str();
    } else {
      Cleaned += Line.substr(0, Comment).str() + "//";
      llvm::StringRef Directive = Line.substr(Comment + 3);
      size_t Colon = Directive.find(':');
      llvm::StringRef Name = Directive.substr(0, Colon);
      llvm::StringRef Body =
          Colon == llvm::StringRef::npos ? "" : Directive.substr(Colon + 1);
      if (Body.starts_with(" "))
        Body = Body.drop_front();
      Body = Body.rtrim();
      bool Known = false;
      for (RunSpec &Run : Spec.Runs) {
        bool IsNotes = false, IsFixes = false;
        for (const std::string &Suffix : Run.Suffixes) {
          std::string Tail = Suffix.empty() ? "" : "-" + Suffix;
          IsNotes |= Name == "CHECK-NOTES" + Tail ||
                     Name == "CHECK-MESSAGES" + Tail;
          IsFixes |= Name == "CHECK-FIXES" + Tail;
        }
        if (!IsNotes && !IsFixes)
          continue;
        Known = true;
        std::string Error;
        Expectation E;
        E.Line = LineNo;
        E.Text = substituteLines(Body, LineNo, Error);
        E.Regex = toRegex(E.Text);
        if (!Error.empty())
          Spec.Errors.push_back("line " + std::to_string(LineNo) + ": " +
                                Error);
        llvm::Regex Check(E.Regex);
        std::string RegexError;
        if (!Check.isValid(RegexError))
          Spec.Errors.push_back("line " + std::to_string(LineNo) +
                                ": bad regex: " + RegexError);
        (IsNotes ? Run.Diagnostics : Run.Fixes).push_back(E);
      }
      if (!Known)
        Spec.Errors.push_back("line " + std::to_string(LineNo) +
                              ": directive '" + Name.str() +
                              "' belongs to no RUN line");
    }
    if (Index + 1 < Lines.size())
      Cleaned += "\n";
  }
  Spec.Cleaned = std::move(Cleaned);
  return Spec;
}

std::vector<std::string>
matchDiagnostics(const std::vector<Expectation> &Expected,
                 const std::vector<std::string> &Actual) {
  // A maximum bipartite matching, so that overlapping patterns cannot steal
  // each other's lines.
  std::vector<std::vector<size_t>> Candidates(Expected.size());
  for (size_t E = 0; E < Expected.size(); ++E) {
    llvm::Regex Re(Expected[E].Regex);
    for (size_t A = 0; A < Actual.size(); ++A)
      if (Re.match(Actual[A]))
        Candidates[E].push_back(A);
  }
  std::vector<int> OwnerOf(Actual.size(), -1);
  std::function<bool(size_t, std::vector<bool> &)> Augment =
      [&](size_t E, std::vector<bool> &Seen) {
        for (size_t A : Candidates[E]) {
          if (Seen[A])
            continue;
          Seen[A] = true;
          if (OwnerOf[A] < 0 || Augment(static_cast<size_t>(OwnerOf[A]), Seen)) {
            OwnerOf[A] = static_cast<int>(E);
            return true;
          }
        }
        return false;
      };
  std::vector<bool> Matched(Expected.size(), false);
  for (size_t E = 0; E < Expected.size(); ++E) {
    std::vector<bool> Seen(Actual.size(), false);
    Matched[E] = Augment(E, Seen);
  }
  std::vector<std::string> Problems;
  for (size_t E = 0; E < Expected.size(); ++E)
    if (!Matched[E])
      Problems.push_back("line " + std::to_string(Expected[E].Line) +
                         ": expected diagnostic not found: " +
                         Expected[E].Text);
  for (size_t A = 0; A < Actual.size(); ++A)
    if (OwnerOf[A] < 0)
      Problems.push_back("unexpected diagnostic: " + Actual[A]);
  return Problems;
}

std::vector<std::string> matchFixes(const std::vector<Expectation> &Expected,
                                    const std::string &Original,
                                    const std::string &Fixed) {
  std::vector<std::string> Problems;
  if (Expected.empty()) {
    if (Fixed != Original)
      Problems.push_back("the input has no CHECK-FIXES but fixes changed it");
    return Problems;
  }
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  llvm::StringRef(Fixed).split(Lines, '\n');
  size_t Next = 0;
  for (const Expectation &E : Expected) {
    llvm::Regex Re(E.Regex);
    size_t Found = Next;
    while (Found < Lines.size() && !Re.match(Lines[Found]))
      ++Found;
    if (Found == Lines.size()) {
      Problems.push_back("line " + std::to_string(E.Line) +
                         ": CHECK-FIXES not found in order: " + E.Text);
      continue;
    }
    Next = Found + 1;
  }
  return Problems;
}

} // namespace firecrash::test
