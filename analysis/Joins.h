//===--- Joins.h - Where a frame waits for the work it started -*- C++ -*-===//
//
// Part of firecrash. A frame that waits for detached work before the state
// it lent dies does not outlive it: running the io_context, joining a thread
// (plain waits), or a rendezvous: waiting on a future, a latch, a condition
// variable or an event loop that the work signals. A rendezvous is a join
// only when the work signals it after its last use of the borrowed state;
// a signal given before a later use lets the frame go on while the work
// still uses what it borrowed.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_ANALYSIS_JOINS_H
#define FIRECRASH_ANALYSIS_JOINS_H

#include "Defaults.h"
#include "TypeNames.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>
#include <vector>

namespace firecrash {


/// One entry of option WaitingCallees.
struct WaitEntry {
  std::string Written;
  std::string Name;
  /// Empty for a plain wait.
  llvm::SmallVector<std::string, 4> Signals;
  /// "wait(N)=signal(M)": the rendezvous is the variable the wait's
  /// argument N names (a descriptor: "::read(0)=::write(0)"), and each
  /// signal is the call whose argument SignalArgs[i] names the same
  /// variable; -1 for the member form (a signal member on the same object).
  int Arg = -1;
  llvm::SmallVector<int, 4> SignalArgs;
  /// "name[polled]": a poll (an atomic's load), a wait only in the
  /// condition of a loop that spins until it changes.
  bool Polled = false;
  /// "name[task]": a member that waits for the task it is called on
  /// ("result.get()"), and for nothing else.
  bool OfTask = false;
  /// Not an entry: a run(), join() or wait() member of an object the start
  /// used (the context, pool or executor the work was spawned on), a wait
  /// whatever the object's type.
  bool ByRelation = false;
};

/// Parses "a::f;b::wait=notify_one,notify_all;c::load[polled]=store";
/// malformed entries go to \p Errors.
std::vector<WaitEntry> parseWaitEntries(llvm::StringRef Value,
                                        std::vector<std::string> &Errors);

/// The work a frame lent its state to, as the join analysis needs it.
struct WorkRef {
  /// The function whose body is the work: the coroutine called, the
  /// lambda's call operator.
  const clang::FunctionDecl *Work = nullptr;
  /// The call that started it, whose arguments bind the work's parameters;
  /// null for a lambda, whose captures name the frame's variables.
  const clang::CallExpr *Call = nullptr;
  /// The frame's borrowed variable.
  const clang::VarDecl *Var = nullptr;
};

/// How a frame waits for a piece of work.
struct Join {
  /// The frame's wait.
  clang::SourceLocation Wait;
  std::string WaitName;
  /// For a rendezvous: the work's signal that lets the frame go on.
  clang::SourceLocation Signal;
  /// When the signal comes too early: the work's later use of the borrowed
  /// state, which the frame no longer waits for.
  clang::SourceLocation UseAfterSignal;
  std::string UsedName;
  /// Set when the frame's only wait waits for other work, not for this
  /// one ("another thread"): no join, a note for the finding.
  std::string WaitsForOther;

  /// True if the frame waits for the work (after every use, or too early).
  bool joins() const { return WaitsForOther.empty(); }
};

class JoinOracle {
public:
  JoinOracle(clang::ASTContext &Ctx, std::vector<WaitEntry> Entries)
      : Ctx(Ctx), Entries(std::move(Entries)) {
    RelatedWait.Name = RelatedWait.Written = "run()";
    RelatedWait.ByRelation = true;
  }

  /// Returns how \p Frame waits, after \p Start and before \p Work.Var dies
  /// (before the frame returns, without a variable), for \p Work: a plain wait, or a rendezvous that the work signals. A
  /// rendezvous the work signals before a later use is returned with
  /// UseAfterSignal set; nothing when the frame does not wait for it.
  std::optional<Join> find(const clang::FunctionDecl *Frame,
                           const clang::Expr *Start, const WorkRef &Work);

  bool empty() const { return Entries.empty(); }

  /// Per class: the plain wait its destructor calls, if any (read from the
  /// destructor's body: a jthread's destructor joins it).
  const WaitEntry *destructorWait(const clang::CXXRecordDecl *Class);

  /// A function that waits on one of its parameters: a call of it is that
  /// wait on the argument ("run_until_done(ctx)" runs 'ctx').
  struct HelperWait {
    unsigned Param;
    const WaitEntry *Entry;
  };
  std::optional<HelperWait> helperWait(const clang::FunctionDecl *Callee);

  /// True if \p Call is a member call listed as "name[task]": it waits for
  /// the task object it is called on.
  bool waitsForItsTask(const clang::CallExpr *Call) const;

  /// One wait of a frame: a call of a listed function, or a co_await of
  /// an object whose "operator co_await" is listed.
  struct Wait {
    const clang::Expr *At;
    /// The object waited on (a member call's object, the awaited object);
    /// null for a free function.
    const clang::Expr *Object;
    /// A static member's wait (QCoreApplication::exec).
    bool Static;
    const WaitEntry *Entry;
    /// A wait given the work it runs ("loop.run(work(loop))"): it joins
    /// only a start inside its arguments.
    bool Wraps = false;
  };

private:
  const llvm::SmallVector<Wait, 4> &waitsIn(const clang::FunctionDecl *Frame);
  /// True if plain wait \p W waits for the work \p Start started: it runs
  /// the start itself, or waits on an object the start used (the thread,
  /// context, pool or scope; the context whose executor it was given).
  /// \p Started: the objects the start's statement used.
  bool waitsFor(const Wait &W, const clang::Expr *Start,
                const llvm::SmallPtrSetImpl<const clang::Decl *> &Started)
      const;

  clang::ASTContext &Ctx;
  std::vector<WaitEntry> Entries;
  /// What a run()/join()/wait() of an object the start used stands for.
  WaitEntry RelatedWait;
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<Wait, 4>>
      Waits;
  /// A local guard whose destructor waits, destroyed after the start and
  /// before \p Borrowed ("executor_shutdowner shutdown(executor);"), and
  /// not released by \p Start.
  std::optional<Join> raiiJoin(const clang::FunctionDecl *Frame,
                               const clang::Expr *Start,
                               clang::SourceLocation From,
                               clang::SourceLocation Death,
                               const clang::VarDecl *Borrowed);
  llvm::DenseMap<const clang::CXXRecordDecl *, const WaitEntry *>
      DestructorWaits;
  llvm::DenseMap<const clang::FunctionDecl *, std::optional<HelperWait>>
      HelperWaits;
};

/// Returns where \p VD, a local or parameter of \p Frame, is destroyed: the
/// end of its scope, or of the body for a parameter.
clang::SourceLocation deathOf(const clang::FunctionDecl *Frame,
                              const clang::VarDecl *VD);

/// The names a call goes by for option lists: the callee's qualified name,
/// the member of the template it was instantiated from, and for a member
/// call each name of the object's type with the member's name
/// ("std::future::wait" for a std::future<void> object).
llvm::SmallVector<std::string, 4> calleeNames(const clang::ASTContext &Ctx,
                                              const clang::CallExpr *Call);

} // namespace firecrash

#endif // FIRECRASH_ANALYSIS_JOINS_H
