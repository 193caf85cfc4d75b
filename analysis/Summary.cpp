//===--- Summary.cpp - Per-translation-unit summaries, merged -------------===//

#include "Summary.h"
#include "UserFunctions.h"
#include "DetachedTypes.h"
#include "Handlers.h"
#include "Reach.h"
#include "TypeNames.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/ADT/DenseMap.h"
#include <deque>

using namespace clang;

namespace firecrash {

namespace {


std::string usrOf(const Decl *D) {
  llvm::SmallString<128> Buffer;
  if (index::generateUSRForDecl(D, Buffer))
    return {};
  return Buffer.str().str();
}

} // namespace

SummaryLocation summaryLocation(const SourceManager &SM, SourceLocation Loc) {
  SummaryLocation Result;
  Loc = SM.getFileLoc(Loc);
  if (Loc.isInvalid())
    return Result;
  FileID File = SM.getFileID(Loc);
  // The name the file was opened by, made absolute against the compile's
  // working directory, as diagnostics name it; not its real path, which
  // leaves a sandbox's tree of links (Bazel's) for the source tree.
  if (OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File)) {
    llvm::SmallString<256> Path(Entry->getName());
    SM.getFileManager().makeAbsolutePath(Path);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    Result.File = Path.str().str();
  }
  Result.Line = SM.getSpellingLineNumber(Loc);
  Result.Column = SM.getSpellingColumnNumber(Loc);
  return Result;
}

StartDescriber describeDetachedStarts(ASTContext &Ctx,
                                      DetachedTypeOracle &Detached) {
  return [&Ctx, &Detached](const CallSite &Site) -> std::optional<SummaryStart> {
    std::optional<DetachedInfo> Info = Detached.classify(Site.Callee);
    if (!Info)
      return std::nullopt;
    return SummaryStart{qualifiedName(Site.Callee), printType(Ctx, Info->Type),
                        detachedReasonName(Info->Reason).str(),
                        exceptionPolicyName(Info->Policy).str(),
                        summaryLocation(Ctx.getSourceManager(), Site.Loc)};
  };
}

TUSummary summarizeTranslationUnit(ASTContext &Ctx, HandlerOracle &Handlers,
                                   Reach &Calls, const StartDescriber &Describe,
                                   unsigned MaxCallDepth) {
  const SourceManager &SM = Ctx.getSourceManager();
  TUSummary Summary;
  Summary.MaxCallDepth = MaxCallDepth;
  if (OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID()))
    Summary.MainFile = Main->getFileEntry().tryGetRealPathName().str();

  for (const FunctionDecl *FD : userFunctionDefinitions(Ctx)) {
    SummaryFunction Function;
    if (std::optional<HandlerInfo> Why = Handlers.classify(FD)) {
      Function.IsHandler = true;
      Function.HandlerReason = handlerReasonName(Why->Reason).str();
    }
    for (const CallSite &Site : Calls.summary(FD).Sites) {
      if (Site.StartsDetached) {
        if (std::optional<SummaryStart> Start = Describe(Site))
          Function.Starts.push_back(std::move(*Start));
        continue;
      }
      std::string Usr = usrOf(Site.Callee->getCanonicalDecl());
      if (Usr.empty())
        continue;
      Function.Calls.push_back({std::move(Usr), qualifiedName(Site.Callee),
                                summaryLocation(SM, Site.Loc), !Site.External});
    }
    if (!Function.IsHandler && Function.Starts.empty() && Function.Calls.empty())
      continue;
    Function.Usr = usrOf(FD->getCanonicalDecl());
    if (Function.Usr.empty())
      continue;
    Function.Name = qualifiedName(FD);
    Function.Loc = summaryLocation(SM, FD->getLocation());
    Summary.Functions.push_back(std::move(Function));
  }
  return Summary;
}

std::vector<CrossFinding> mergeSummaries(const std::vector<TUSummary> &Units) {
  std::vector<const TUSummary *> Pointers;
  Pointers.reserve(Units.size());
  for (const TUSummary &Unit : Units)
    Pointers.push_back(&Unit);
  return mergeSummaries(Pointers);
}

std::vector<CrossFinding>
mergeSummaries(llvm::ArrayRef<const TUSummary *> Units) {
  // Every defined function, first definition wins (inline functions repeat).
  size_t Functions = 0;
  for (const TUSummary *Unit : Units)
    Functions += Unit->Functions.size();
  llvm::DenseMap<llvm::StringRef, const SummaryFunction *> Defined;
  Defined.reserve(Functions);
  for (const TUSummary *Unit : Units)
    for (const SummaryFunction &Function : Unit->Functions)
      Defined.try_emplace(Function.Usr, &Function);

  // Distance from every function to its nearest detached start, by one
  // breadth-first search over reversed call edges from all starting
  // functions at once: linear in the number of functions and calls.
  llvm::DenseMap<const SummaryFunction *,
                 llvm::SmallVector<const SummaryFunction *, 2>>
      Callers;
  Callers.reserve(Defined.size());
  // Walked in the units' order, so every later step is deterministic.
  for (const TUSummary *Unit : Units)
    for (const SummaryFunction &Function : Unit->Functions) {
      if (Defined.lookup(Function.Usr) != &Function)
        continue;
      for (const SummaryCall &Call : Function.Calls)
        if (const SummaryFunction *Callee = Defined.lookup(Call.CalleeUsr))
          Callers[Callee].push_back(&Function);
    }
  llvm::DenseMap<const SummaryFunction *, unsigned> Distance;
  Distance.reserve(Defined.size());
  std::deque<const SummaryFunction *> Queue;
  for (const TUSummary *Unit : Units)
    for (const SummaryFunction &Function : Unit->Functions)
      if (!Function.Starts.empty() && Defined.lookup(Function.Usr) == &Function) {
        Distance[&Function] = 1;
        Queue.push_back(&Function);
      }
  while (!Queue.empty()) {
    const SummaryFunction *Function = Queue.front();
    Queue.pop_front();
    auto It = Callers.find(Function);
    if (It == Callers.end())
      continue;
    unsigned Next = Distance.lookup(Function) + 1;
    for (const SummaryFunction *Caller : It->second)
      if (Distance.try_emplace(Caller, Next).second)
        Queue.push_back(Caller);
  }

  std::vector<CrossFinding> Findings;
  for (const TUSummary *Unit : Units) {
    for (const SummaryFunction &Handler : Unit->Functions) {
      if (!Handler.IsHandler)
        continue;
      for (const SummaryCall &Entry : Handler.Calls) {
        if (Entry.Defined)
          continue; // the check reports chains within one translation unit
        auto Target = Defined.find(Entry.CalleeUsr);
        if (Target == Defined.end())
          continue;
        auto Dist = Distance.find(Target->second);
        if (Dist == Distance.end() || Dist->second > Unit->MaxCallDepth)
          continue;
        CrossFinding Finding;
        Finding.Handler = Handler.Name;
        Finding.HandlerReason = Handler.HandlerReason;
        Finding.HandlerLoc = Handler.Loc;
        Finding.Entry = Entry;
        // Walk down the distances; the first call that gets closer wins, so
        // the chain is deterministic.
        const SummaryFunction *Current = Target->second;
        while (Current->Starts.empty()) {
          unsigned Here = Distance.lookup(Current);
          const SummaryFunction *Next = nullptr;
          for (const SummaryCall &Call : Current->Calls) {
            auto Callee = Defined.find(Call.CalleeUsr);
            if (Callee == Defined.end())
              continue;
            auto D = Distance.find(Callee->second);
            if (D != Distance.end() && D->second + 1 == Here) {
              Finding.Hops.push_back({Current->Name, Callee->second->Name,
                                      Call.Loc});
              Next = Callee->second;
              break;
            }
          }
          if (!Next)
            break;
          Current = Next;
        }
        if (Current->Starts.empty())
          continue;
        Finding.Start = Current->Starts.front();
        Finding.Hops.push_back({Current->Name, Finding.Start.Callee,
                                Finding.Start.Loc});
        Findings.push_back(std::move(Finding));
      }
    }
  }
  return Findings;
}

} // namespace firecrash
