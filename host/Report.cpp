//===--- Report.cpp - What the firecrash tool reports ---------------------===//

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

/// Shows paths relative to the root and maps offsets to positions; safe to
/// share between threads.
class Builder {
public:
  Builder(const std::string &Root, const FileOverrides *Overrides)
      : Sources(Overrides), Root(Root) {}

  ReportLocation display(const std::string &AbsoluteFile, unsigned Line,
                         unsigned Column) const {
    ReportLocation Loc;
    Loc.File = AbsoluteFile;
    llvm::StringRef Path = AbsoluteFile;
    if (!Root.empty() && Path.consume_front(Root) && Path.consume_front("/"))
      Loc.File = Path.str();
    Loc.Line = Line;
    Loc.Column = Column;
    return Loc;
  }

  ReportLocation displayAt(const std::string &AbsoluteFile, unsigned Offset) {
    auto [Line, Column] = Sources.position(AbsoluteFile, Offset);
    return display(AbsoluteFile, Line, Column);
  }

  ReportLocation map(const std::string &File, unsigned Offset,
                     const std::string &BuildDirectory) {
    return displayAt(absolutePath(File, BuildDirectory), Offset);
  }

  std::string absolute(const ReportLocation &Loc) const {
    if (llvm::sys::path::is_absolute(Loc.File))
      return Loc.File;
    return Root + "/" + Loc.File;
  }

  SourceFiles Sources;
  std::string Root;
};

std::string normalizedCallText(SourceFiles &Sources,
                               const std::string &AbsoluteFile, unsigned Line,
                               unsigned Column) {
  llvm::StringRef Text = Sources.line(AbsoluteFile, Line);
  if (Column > 0 && Column - 1 < Text.size())
    Text = Text.drop_front(Column - 1);
  size_t Comment = Text.find("//");
  if (Comment != llvm::StringRef::npos)
    Text = Text.take_front(Comment);
  std::string Out;
  bool Space = false;
  for (char C : Text.trim()) {
    if (C == ' ' || C == '\t') {
      Space = true;
      continue;
    }
    if (Space && !Out.empty())
      Out += ' ';
    Space = false;
    Out += C;
  }
  return Out;
}

} // namespace


namespace {

/// The findings and configuration problems of one unit, before duplicates
/// across units are dropped.
struct UnitPart {
  std::vector<ReportFinding> Findings;
  std::vector<ReportFinding> Suppressed;
  std::vector<std::string> ConfigurationErrors;
};

/// Copies what a check recorded of a finding beyond its diagnostic.
void takeFacts(ReportFinding &F, const FindingRecord &Facts) {
  F.Handler = Facts.Handler;
  F.HandlerReason = Facts.HandlerReason;
  F.Callee = Facts.Callee;
  F.DetachedType = Facts.DetachedType;
  F.DetachedReason = Facts.DetachedReason;
  F.ExceptionPolicy = Facts.ExceptionPolicy;
  F.Suggestion = Facts.Suggestion;
  F.Borrowed = Facts.Borrows;
}

/// The suppression a marker makes.
ReportSuppression inSource(const SuppressionMarker &M,
                           const std::string &AbsoluteFile, Builder &B) {
  ReportSuppression S;
  S.Kind = "inSource";
  S.Justification = M.Reason;
  S.Loc = B.display(AbsoluteFile, M.Line, M.Column);
  S.Marker = M.Kind + (M.Globs.empty() ? "" : "(" + M.Checks + ")");
  return S;
}

/// A finding NOLINT kept from clang-tidy, rebuilt from what the check
/// recorded of it (no notes: clang-tidy dropped them with it); none if no
/// marker suppresses it (a header the header filter leaves out).
std::optional<ReportFinding> suppressedFinding(const FindingRecord &Facts,
                                               const std::string &BuildDir,
                                               Builder &B) {
  std::string File = absolutePath(Facts.File, BuildDir);
  ReportFinding F;
  F.Check = Facts.Check;
  F.Loc = B.displayAt(File, Facts.Offset);
  std::optional<SuppressionMarker> M =
      suppressionOf(B.Sources, File, F.Loc.Line, F.Check);
  if (!M)
    return std::nullopt;
  F.Suppression = inSource(*M, File, B);
  takeFacts(F, Facts);
  F.Message = "suppressed: request handler '" + readableName(Facts.Handler) +
              "'" +
              (Facts.Callee.empty() ? ""
                                    : " starts '" + readableName(Facts.Callee) +
                                          "'") +
              (Facts.DetachedType.empty()
                   ? ""
                   : ", detached type '" + Facts.DetachedType + "'");
  return F;
}

/// Builds what \p Unit adds to the report; safe to run on several threads.
UnitPart reportUnit(const UnitResult &Unit, Builder &B) {
  UnitPart Part;
  // Records pair with their diagnostics in the order the check emitted them.
  std::map<std::tuple<llvm::StringRef, llvm::StringRef, unsigned>,
           std::vector<const FindingRecord *>>
      Records;
  for (const FindingRecord &Record : Unit.Records)
    Records[{Record.Check, Record.File, Record.Offset}].push_back(&Record);

  for (const ClangTidyError &Error : Unit.Errors) {
    const tooling::DiagnosticMessage &Message = Error.Message;
    if (Error.DiagnosticName == "clang-tidy-config") {
      Part.ConfigurationErrors.push_back(Message.Message);
      continue;
    }
    if (llvm::StringRef(Error.DiagnosticName).starts_with("clang-diagnostic-"))
      continue; // compiler diagnostics: failures are in Unit.Failures
    ReportFinding F;
    F.Check = Error.DiagnosticName;
    F.Message = Message.Message;
    F.Severity = Error.IsWarningAsError ? "error" : "warning";
    if (!Message.FilePath.empty())
      F.Loc = B.map(Message.FilePath, Message.FileOffset, Error.BuildDirectory);
    for (const tooling::DiagnosticMessage &Note : Error.Notes) {
      ReportNote N;
      N.Message = Note.Message;
      if (!Note.FilePath.empty())
        N.Loc = B.map(Note.FilePath, Note.FileOffset, Error.BuildDirectory);
      F.Notes.push_back(std::move(N));
    }
    auto Record = Records.find(
        {Error.DiagnosticName, Message.FilePath, Message.FileOffset});
    if (Record != Records.end() && !Record->second.empty()) {
      const FindingRecord &Facts = *Record->second.front();
      Record->second.erase(Record->second.begin());
      takeFacts(F, Facts);
      // The first Chain.size()-1 notes locate the hops after the first.
      for (size_t I = 0; I < Facts.Chain.size(); ++I) {
        ReportHop Hop;
        Hop.Function = I == 0 ? Facts.Handler : Facts.Chain[I - 1];
        Hop.Callee = Facts.Chain[I];
        Hop.Loc = I == 0 ? F.Loc
                         : (I - 1 < F.Notes.size() ? F.Notes[I - 1].Loc
                                                   : ReportLocation());
        F.Chain.push_back(std::move(Hop));
      }
    }
    if (const llvm::StringMap<tooling::Replacements> *Fix =
            getFixIt(Error, /*AnyFix=*/true)) {
      for (const auto &[File, Replacements] : *Fix)
        for (const tooling::Replacement &Rep : Replacements) {
          ReportReplacement Out;
          std::string Path =
              absolutePath(Rep.getFilePath(), Error.BuildDirectory);
          Out.File = B.display(Path, 0, 0).File;
          Out.Offset = Rep.getOffset();
          Out.Length = Rep.getLength();
          Out.Text = Rep.getReplacementText().str();
          Out.Begin = B.displayAt(Path, Rep.getOffset());
          Out.End = B.displayAt(Path, Rep.getOffset() + Rep.getLength());
          F.Fixes.push_back(std::move(Out));
        }
    }
    F.Source = &Error;
    Part.Findings.push_back(std::move(F));
  }
  // Records no diagnostic claimed: clang-tidy suppressed them.
  for (const auto &Entry : Records)
    for (const FindingRecord *Facts : Entry.second)
      if (std::optional<ReportFinding> F =
              suppressedFinding(*Facts, Unit.BuildDirectory, B))
        Part.Suppressed.push_back(std::move(*F));
  return Part;
}

/// Builds the finding of one chain only merged summaries show, with its
/// Suppression when NOLINT at its call suppresses it.
std::optional<ReportFinding> crossFinding(llvm::StringRef Check,
                                          const CrossFinding &Cross,
                                          Builder &B) {
  std::optional<SuppressionMarker> Marker = suppressionOf(
      B.Sources, Cross.Entry.Loc.File, Cross.Entry.Loc.Line, Check);
  // Messages name functions as the check does: unqualified.
  auto Short = [](const std::string &Name) {
    llvm::StringRef Tail = llvm::StringRef(Name).rsplit("::").second;
    return Tail.empty() ? Name : Tail.str();
  };
  bool Spawn = Check == "firecrash-detaching-spawn";
  ReportFinding F;
  F.Check = Check.str();
  F.CrossTranslationUnit = true;
  F.Loc = B.display(Cross.Entry.Loc.File, Cross.Entry.Loc.Line,
                    Cross.Entry.Loc.Column);
  F.Handler = Cross.Handler;
  F.HandlerReason = Cross.HandlerReason;
  F.DetachedReason = Cross.Start.DetachedReason;
  F.Callee = Cross.Start.Callee;
  F.DetachedType = Cross.Start.DetachedType;
  F.ExceptionPolicy = Cross.Start.ExceptionPolicy;
  if (Spawn)
    F.Message = "call to '" + Cross.Start.Callee + "' detaches work through '" +
                Short(Cross.Entry.CalleeName) +
                "' in another file from request handler '" +
                Short(Cross.Handler) +
                "'; the handler can complete while this operation is "
                "still outstanding";
  else
    F.Message = "coroutine '" + Short(Cross.Start.Callee) +
                "' returns detached type '" + Cross.Start.DetachedType +
                "' and is started from request handler '" +
                Short(Cross.Handler) + "' through '" +
                Short(Cross.Entry.CalleeName) +
                "' in another file; the handler can complete while this "
                "operation is still outstanding";
  F.Chain.push_back({Cross.Handler, Cross.Entry.CalleeName, F.Loc});
  for (size_t I = 0; I < Cross.Hops.size(); ++I) {
    const CrossHop &Hop = Cross.Hops[I];
    ReportLocation Loc = B.display(Hop.Loc.File, Hop.Loc.Line, Hop.Loc.Column);
    bool Last = I + 1 == Cross.Hops.size();
    std::string Verb = !Last  ? "calls '" + Short(Hop.Callee)
                       : Spawn ? "detaches work with '" + Hop.Callee
                               : "starts coroutine '" + Short(Hop.Callee);
    F.Notes.push_back({Loc, "'" + Short(Hop.Caller) + "' " + Verb + "' here"});
    F.Chain.push_back({Hop.Caller, Hop.Callee, Loc});
  }
  // What of the handler's state the work keeps, through which parameter.
  for (const SummaryArg &Arg : Cross.Borrowed) {
    std::string Explanation =
        "'" + Arg.Name + "' is lent to parameter #" +
        std::to_string(Arg.Index + 1) + " of '" +
        Short(Cross.Entry.CalleeName) +
        "', and detached work started through it keeps it";
    F.Notes.push_back({F.Loc, "the detached operation borrows from the "
                              "handler: " + Explanation});
    F.Borrowed.push_back({"reference", Arg.Name, Explanation});
  }
  F.Suggestion =
      Spawn ? "co_await the work instead, or spawn it on the request's "
              "scope and join it"
            : "return a task from '" + Short(Cross.Start.Callee) +
                  "' and co_await it, so the handler waits for the "
                  "operation and sees its exceptions";
  F.Notes.push_back(
      {B.display(Cross.HandlerLoc.File, Cross.HandlerLoc.Line,
                 Cross.HandlerLoc.Column),
       "'" + Short(Cross.Handler) +
           "' is a request handler; the chain continues in " +
           B.display(Cross.Hops.front().Loc.File, 0, 0).File});
  if (Marker)
    F.Suppression = inSource(*Marker, Cross.Entry.Loc.File, B);
  return F;
}

/// Builds the findings only merged summaries show, in check order, each
/// check's summaries merged on its own thread.
std::vector<ReportFinding> crossFindings(const std::vector<UnitResult> &Units,
                                         Builder &B, unsigned Jobs,
                                         bool FromFailedUnits) {
  std::map<llvm::StringRef, std::vector<const TUSummary *>> PerCheck;
  for (const UnitResult &Unit : Units)
    for (const TUSummary &Summary : Unit.Summaries)
      if (Unit.Failures.empty() || FromFailedUnits)
      PerCheck[Summary.Check].push_back(&Summary);
  std::vector<std::pair<llvm::StringRef, std::vector<const TUSummary *>>>
      Checks(PerCheck.begin(), PerCheck.end());
  std::vector<std::vector<CrossFinding>> Merged(Checks.size());
  forEachInParallel(Jobs, Checks.size(), [&](size_t I) {
    Merged[I] = mergeSummaries(Checks[I].second);
  });
  std::vector<std::pair<llvm::StringRef, const CrossFinding *>> Chains;
  for (size_t I = 0; I < Checks.size(); ++I)
    for (const CrossFinding &Cross : Merged[I])
      Chains.emplace_back(Checks[I].first, &Cross);
  std::vector<std::optional<ReportFinding>> Built(Chains.size());
  forEachInParallel(Jobs, Chains.size(), [&](size_t I) {
    Built[I] = crossFinding(Chains[I].first, *Chains[I].second, B);
  });
  std::vector<ReportFinding> Findings;
  for (std::optional<ReportFinding> &F : Built)
    if (F)
      Findings.push_back(std::move(*F));
  return Findings;
}

} // namespace

namespace {

/// Keeps the first of identical findings (a header's, seen from several
/// units), found by the hash of what makes them identical.
class FindingSet {
  static auto identity(const ReportFinding &F) {
    return std::tie(F.Loc.File, F.Loc.Line, F.Loc.Column, F.Check, F.Message);
  }

public:
  explicit FindingSet(std::vector<ReportFinding> &Findings)
      : Findings(Findings) {}
  void add(ReportFinding &&F) {
    llvm::SmallVector<size_t, 1> &Same = Seen[llvm::hash_combine(
        F.Loc.File, F.Loc.Line, F.Loc.Column, F.Check, F.Message)];
    for (size_t I : Same)
      if (identity(Findings[I]) == identity(F))
        return;
    Same.push_back(Findings.size());
    Findings.push_back(std::move(F));
  }

private:
  std::vector<ReportFinding> &Findings;
  std::unordered_map<size_t, llvm::SmallVector<size_t, 1>> Seen;
};

/// Sorts \p Findings by position and gives each its fingerprint and move
/// key: what the finding is about and the text of its call, so unrelated
/// edits keep them; repeats are numbered in report order. The move key
/// leaves out the file.
void sortAndFingerprint(std::vector<ReportFinding> &Findings, Builder &B,
                        unsigned Jobs) {
  // Stable by position (std::sort with the index as the last key avoids
  // libstdc++'s deprecated temporary buffer).
  std::vector<size_t> Order(Findings.size());
  std::iota(Order.begin(), Order.end(), size_t(0));
  std::sort(Order.begin(), Order.end(), [&Findings](size_t I, size_t J) {
    const ReportFinding &A = Findings[I], &B = Findings[J];
    return std::tie(A.Loc.File, A.Loc.Line, A.Loc.Column, A.Check, A.Message,
                    I) < std::tie(B.Loc.File, B.Loc.Line, B.Loc.Column,
                                  B.Check, B.Message, J);
  });
  std::vector<ReportFinding> Sorted;
  Sorted.reserve(Order.size());
  for (size_t I : Order)
    Sorted.push_back(std::move(Findings[I]));
  Findings = std::move(Sorted);

  std::vector<std::string> Bases(Findings.size());
  forEachInParallel(Jobs, Findings.size(), [&](size_t I) {
    ReportFinding &F = Findings[I];
    std::string About = F.Handler + "\n" + F.Callee + "\n";
    if (!F.Loc.File.empty())
      About += normalizedCallText(B.Sources, B.absolute(F.Loc), F.Loc.Line,
                                  F.Loc.Column);
    F.MoveKey = llvm::utohexstr(llvm::xxh3_64bits(F.Check + "\n" + About),
                                /*LowerCase=*/true, /*Width=*/16);
    Bases[I] = F.Check + "\n" + F.Loc.File + "\n" + About;
  });
  llvm::StringMap<unsigned> Occurrences;
  for (size_t I = 0; I < Findings.size(); ++I) {
    unsigned N = Occurrences[Bases[I]]++;
    Findings[I].Fingerprint = llvm::utohexstr(
        llvm::xxh3_64bits(Bases[I] + "\n" + std::to_string(N)),
        /*LowerCase=*/true, /*Width=*/16);
  }
}

/// The findings about the suppressions themselves: a firecrash suppression
/// without a reason, and a NOLINT naming a firecrash check that suppressed
/// nothing in the files this run read under the root.
std::vector<ReportFinding>
suppressionFindings(const std::vector<UnitResult> &Units,
                    const std::vector<ReportFinding> &Suppressed,
                    const ReportOptions &Options, Builder &B) {
  std::vector<ReportFinding> Out;
  // The markers that suppressed something, by file and line.
  std::set<std::tuple<std::string, unsigned, unsigned>> Used;
  for (const ReportFinding &F : Suppressed) {
    const ReportSuppression &S = *F.Suppression;
    if (!Used.insert({S.Loc.File, S.Loc.Line, S.Loc.Column}).second)
      continue;
    if (Options.RequireSuppressionReason && S.Justification.empty()) {
      ReportFinding Missing;
      Missing.Check = SuppressionReasonCheck.str();
      Missing.Loc = S.Loc;
      Missing.Handler = F.Handler;
      Missing.Callee = S.Marker;
      Missing.Message = "'" + S.Marker + "' suppresses a finding of '" +
                        F.Check + "' without a reason; say why after a "
                        "colon: '// " + S.Marker + ": <reason>'";
      Out.push_back(std::move(Missing));
    }
  }
  if (!Options.ReportUnusedSuppressions)
    return Out;
  std::set<std::string> Files;
  auto Inside = [&](const std::string &File) {
    llvm::StringRef Path = File;
    return !B.Root.empty() && Path.consume_front(B.Root) &&
           Path.starts_with("/");
  };
  for (const UnitResult &Unit : Units) {
    if (Inside(Unit.File))
      Files.insert(Unit.File);
    for (const std::string &File : Unit.Dependencies)
      if (Inside(File))
        Files.insert(File);
  }
  for (const std::string &File : Files)
    for (const SuppressionMarker &M : suppressionMarkers(B.Sources, File)) {
      if (M.Kind == "NOLINTEND" || !M.namesFirecrash())
        continue;
      ReportLocation Loc = B.display(File, M.Line, M.Column);
      if (Used.count({Loc.File, Loc.Line, Loc.Column}))
        continue;
      ReportFinding Unused;
      Unused.Check = UnusedSuppressionCheck.str();
      Unused.Loc = Loc;
      Unused.Callee = M.Kind + "(" + M.Checks + ")";
      Unused.Message = "'" + Unused.Callee +
                       "' suppresses no finding; remove it, or it will hide "
                       "the next one";
      Out.push_back(std::move(Unused));
    }
  return Out;
}

} // namespace

Report buildReport(const std::vector<UnitResult> &Units,
                   const std::string &Root, const ReportOptions &Options) {
  Report R;
  Builder B(Root, Options.Overrides);
  unsigned Jobs = Options.Jobs;
  // Each unit's findings, on the -j threads: most of the work is reading
  // the sources for positions.
  std::vector<UnitPart> Parts(Units.size());
  forEachInParallel(Jobs, Units.size(),
                    [&](size_t I) { Parts[I] = reportUnit(Units[I], B); });

  FindingSet Findings(R.Findings), Suppressed(R.Suppressed);
  std::set<std::string> SeenConfig;
  for (size_t I = 0; I < Units.size(); ++I) {
    const UnitResult &Unit = Units[I];
    ++R.FilesAnalyzed;
    if (!Unit.Failures.empty())
      ++R.FilesFailed;
    std::string UnitFile = B.display(Unit.File, 0, 0).File;
    for (const std::string &Failure : Unit.Failures)
      R.Errors.push_back({UnitFile, Failure});
    if (!Unit.Failures.empty())
      R.Failures.push_back(
          {UnitFile, Unit.FailureKind.empty() ? "error" : Unit.FailureKind,
           Unit.Failures});
    for (std::string &Problem : Parts[I].ConfigurationErrors)
      if (SeenConfig.insert(Problem).second)
        R.ConfigurationErrors.push_back(std::move(Problem));
    // A unit that did not compile: clang stopped instantiating templates at
    // its first fatal error, so its evidence may be missing.
    if (!Unit.Failures.empty() && !Options.FindingsFromFailedUnits) {
      R.WithheldFromFailedUnits += Parts[I].Findings.size();
      continue;
    }
    for (ReportFinding &F : Parts[I].Findings) {
      if (!Unit.Failures.empty()) {
        F.FromFailedUnit = true;
        F.Notes.push_back({F.Loc, "this unit did not compile; the finding "
                                  "may rest on code clang never built"});
      }
      Findings.add(std::move(F));
    }
    for (ReportFinding &F : Parts[I].Suppressed)
      Suppressed.add(std::move(F));
  }
  Parts.clear();

  if (Options.CrossTU)
    for (ReportFinding &F :
         crossFindings(Units, B, Jobs, Options.FindingsFromFailedUnits))
      (F.Suppression ? Suppressed : Findings).add(std::move(F));
  for (ReportFinding &F : suppressionFindings(Units, R.Suppressed, Options, B))
    Findings.add(std::move(F));

  sortAndFingerprint(R.Findings, B, Jobs);
  sortAndFingerprint(R.Suppressed, B, Jobs);
  // Clang's own buffers ("<scratch space>", "<built-in>") are no files.
  for (std::string &File : B.Sources.unreadable())
    if (!llvm::sys::path::filename(File).starts_with("<"))
      R.UnreadableSources.push_back(std::move(File));
  return R;
}

std::string generatedFileHint(llvm::StringRef Error,
                              llvm::StringRef BuildDirectory) {
  // "<where>: 'name' file not found", as clang words it.
  size_t End = Error.rfind("' file not found");
  if (End == llvm::StringRef::npos)
    return "";
  size_t Begin = Error.rfind('\'', End - 1);
  if (Begin == llvm::StringRef::npos)
    return "";
  llvm::StringRef Name = Error.slice(Begin + 1, End);
  llvm::StringRef Base = llvm::sys::path::filename(Name);
  bool Generated =
      Name.ends_with(".moc") || Base.starts_with("moc_") ||
      Base.starts_with("ui_") || Base.starts_with("qrc_") ||
      Name.ends_with(".pb.h") || Name.ends_with(".grpc.pb.h") ||
      Name.ends_with(".pb.cc") || Name.contains("_autogen") ||
      Name.ends_with(".capnp.h") || Name.ends_with("_generated.h") ||
      // Headers CMake's configure_file and autoconf write.
      Base.ends_with("config.h") || Base == "version.h" ||
      Base.ends_with("_export.h") ||
      (!BuildDirectory.empty() && Name.starts_with(BuildDirectory));
  if (!Generated)
    return "";
  return ("hint: '" + Name +
          "' looks generated by the build (moc, uic, protobuf, a configured "
          "header); build the targets that generate it, then run firecrash "
          "again")
      .str();
}

size_t Report::otherChecksFindings() const {
  return llvm::count_if(Findings, [](const ReportFinding &F) {
    return !llvm::StringRef(F.Check).starts_with("firecrash-");
  });
}

std::string withoutChecksNotice(const Report &R) {
  if (R.WithoutChecks.empty())
    return "";
  size_t Count = R.WithoutChecks.size();
  std::string Text = "no firecrash check is enabled for " +
                     std::to_string(Count) + " unit" +
                     (Count == 1 ? "" : "s") + " ('" + R.WithoutChecks.front() +
                     "'" + (Count > 1 ? " and others" : "") +
                     "): nothing was looked for there; the configuration "
                     "(.clang-tidy, --config or --checks) turns every "
                     "firecrash-* check off";
  return Text;
}

llvm::ArrayRef<CheckInfo> reportRules() {
  static const CheckInfo Suppressions[] = {
      {SuppressionReasonCheck, "a NOLINT that suppresses a firecrash finding "
                               "gives no reason",
       "docs/checks/suppressions.md", nullptr, "SuppressionWithoutReason",
       "Under --require-suppression-reason, a NOLINT, NOLINTNEXTLINE or "
       "NOLINTBEGIN comment that suppresses a firecrash finding must say why "
       "after a colon, so reviewers and code-scanning services can judge it.",
       "Write the reason after the comment's check list: "
       "'// NOLINT(firecrash-detached-borrow): the config outlives the "
       "io_context'."},
      {UnusedSuppressionCheck, "a NOLINT naming a firecrash check suppresses "
                               "nothing",
       "docs/checks/suppressions.md", nullptr, "UnusedSuppression",
       "Under --report-unused-suppressions, a NOLINT-style comment that names "
       "a firecrash check and suppressed no finding in the run: it is stale, "
       "and would hide the next finding written there.",
       "Remove the comment, or move it to the line whose finding it is "
       "meant for."}};
  static const std::vector<CheckInfo> Rules = [] {
    std::vector<CheckInfo> All(allChecks().begin(), allChecks().end());
    All.insert(All.end(), std::begin(Suppressions), std::end(Suppressions));
    return All;
  }();
  return Rules;
}

} // namespace firecrash
