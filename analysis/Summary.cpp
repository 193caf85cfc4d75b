//===--- Summary.cpp - Per-translation-unit summaries, merged -------------===//

#include "Summary.h"
#include "Borrows.h"
#include "Suspension.h"
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

std::vector<unsigned> keptParameters(const FunctionDecl *Frame,
                                     llvm::ArrayRef<Borrow> Kept) {
  std::vector<unsigned> Indices;
  for (const Borrow &B : Kept) {
    const auto *Param = dyn_cast_or_null<ParmVarDecl>(B.Var);
    if (!Param || Param->getDeclContext() != Frame ||
        !(Param->getType()->isReferenceType() ||
          Param->getType()->isPointerType()))
      continue;
    unsigned Index = Param->getFunctionScopeIndex();
    if (!llvm::is_contained(Indices, Index))
      Indices.push_back(Index);
  }
  std::sort(Indices.begin(), Indices.end());
  return Indices;
}

StartDescriber describeDetachedStarts(ASTContext &Ctx,
                                      DetachedTypeOracle &Detached,
                                      BorrowFinder &Borrows) {
  return [&Ctx, &Detached, &Borrows](const CallSite &Site,
                                     const FunctionDecl *Frame)
             -> std::optional<SummaryStart> {
    std::optional<DetachedInfo> Info = Detached.classify(Site.Callee);
    if (!Info)
      return std::nullopt;
    SummaryStart Start{qualifiedName(Site.Callee), printType(Ctx, Info->Type),
                       detachedReasonName(Info->Reason).str(),
                       exceptionPolicyName(Info->Policy).str(),
                       summaryLocation(Ctx.getSourceManager(), Site.Loc)};
    Start.CatchesAll = catchesEverything(Site.Callee) != nullptr;
    Start.KeptParams = keptParameters(
        Frame, Borrows.ofCoroutine(Site.Call, Frame, FrameRole::Function));
    return Start;
  };
}

/// What \p Call, written in \p Frame, lends through reference and pointer
/// parameters: the frame's own state, or its parameters handed on.
static std::vector<SummaryArg> lentArguments(const CallExpr *Call,
                                             const FunctionDecl *Callee,
                                             const FunctionDecl *Frame) {
  std::vector<SummaryArg> Args;
  unsigned Offset = 0;
  if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) &&
      cast<CXXMethodDecl>(Callee)->isInstance())
    Offset = 1;
  for (unsigned I = 0; I < Callee->getNumParams(); ++I) {
    if (I + Offset >= Call->getNumArgs())
      break;
    QualType Type = Callee->getParamDecl(I)->getType();
    const Expr *Arg = Call->getArg(I + Offset);
    const VarDecl *VD = nullptr;
    if (Type->isReferenceType()) {
      VD = designatedVariable(Arg, Frame);
    } else if (Type->isPointerType()) {
      VD = pointedLocal(Arg, Frame);
      if (!VD)
        if (const auto *Ref =
                dyn_cast<DeclRefExpr>(Arg->IgnoreParenImpCasts()))
          if (const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl());
              Param && Param->getType()->isPointerType())
            VD = designatedVariable(Ref, Frame);
    }
    if (!VD)
      continue;
    const auto *Param = dyn_cast<ParmVarDecl>(VD);
    if (Param && (Param->getType()->isReferenceType() ||
                  Param->getType()->isPointerType()))
      Args.push_back({I, static_cast<int>(Param->getFunctionScopeIndex()),
                      VD->getName().str()});
    else if (isFrameOwned(VD))
      Args.push_back({I, -1, VD->getName().str()});
  }
  return Args;
}

TUSummary summarizeTranslationUnit(ASTContext &Ctx, HandlerOracle &Handlers,
                                   Reach &Calls, const StartDescriber &Describe,
                                   unsigned MaxCallDepth,
                                   const DetachingTest &IsDetaching) {
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
        if (std::optional<SummaryStart> Start = Describe(Site, FD))
          Function.Starts.push_back(std::move(*Start));
        continue;
      }
      std::string Usr = usrOf(Site.Callee->getCanonicalDecl());
      if (Usr.empty())
        continue;
      SummaryCall Call{std::move(Usr), qualifiedName(Site.Callee),
                       summaryLocation(SM, Site.Loc), !Site.External};
      Call.Detaching = IsDetaching && IsDetaching(Site);
      Call.Args = lentArguments(Site.Call, Site.Callee, FD);
      Function.Calls.push_back(std::move(Call));
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

  // Parameters whose state detached work keeps: those a start keeps, and
  // those a function hands on to a callee's escaping parameter, to a fixed
  // point over the reversed call edges (each parameter joins a set once).
  llvm::DenseMap<const SummaryFunction *, llvm::SmallVector<unsigned, 2>>
      Escaping;
  std::deque<const SummaryFunction *> Work;
  auto AddEscape = [&](const SummaryFunction *F, unsigned Index) {
    llvm::SmallVector<unsigned, 2> &Set = Escaping[F];
    if (llvm::is_contained(Set, Index))
      return;
    Set.push_back(Index);
    Work.push_back(F);
  };
  for (const TUSummary *Unit : Units)
    for (const SummaryFunction &Function : Unit->Functions)
      if (Defined.lookup(Function.Usr) == &Function)
        for (const SummaryStart &Start : Function.Starts)
          for (unsigned Index : Start.KeptParams)
            AddEscape(&Function, Index);
  while (!Work.empty()) {
    const SummaryFunction *Callee = Work.front();
    Work.pop_front();
    auto It = Callers.find(Callee);
    if (It == Callers.end())
      continue;
    llvm::SmallVector<unsigned, 2> Escapes = Escaping.lookup(Callee);
    for (const SummaryFunction *Caller : It->second)
      for (const SummaryCall &Call : Caller->Calls)
        if (Defined.lookup(Call.CalleeUsr) == Callee)
          for (const SummaryArg &Arg : Call.Args)
            if (Arg.Source >= 0 && llvm::is_contained(Escapes, Arg.Index))
              AddEscape(Caller, static_cast<unsigned>(Arg.Source));
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
        bool ThroughDetaching = Entry.Detaching;
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
              ThroughDetaching |= Call.Detaching;
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
        // One warning per call site: a chain through a detaching API is
        // firecrash-detaching-spawn's.
        if (ThroughDetaching && Unit->DefersToDetachingSpawn)
          continue;
        Finding.Start = Current->Starts.front();
        Finding.Hops.push_back({Current->Name, Finding.Start.Callee,
                                Finding.Start.Loc});
        // The handler's state (a local, a parameter: all of it is the
        // request's) lent to a parameter that escapes into detached work.
        llvm::SmallVector<unsigned, 2> Escapes =
            Escaping.lookup(Target->second);
        for (const SummaryArg &Arg : Entry.Args)
          if (llvm::is_contained(Escapes, Arg.Index))
            Finding.Borrowed.push_back(Arg);
        // The rules of one file: borrowed state, or (unless the check
        // requires it) work whose exceptions can escape, or any work when
        // owned work is reported too.
        bool Reported = !Finding.Borrowed.empty() ||
                        (!Unit->RequireBorrowedState &&
                         (Unit->ReportOwnedWork || !Finding.Start.CatchesAll));
        if (Reported)
          Findings.push_back(std::move(Finding));
      }
    }
  }
  return Findings;
}

} // namespace firecrash
