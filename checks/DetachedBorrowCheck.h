//===--- DetachedBorrowCheck.h - firecrash --------------------*- C++ -*-===//
//
// Part of firecrash.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_CHECKS_DETACHEDBORROWCHECK_H
#define FIRECRASH_CHECKS_DETACHEDBORROWCHECK_H

#include "DetachingCalls.h"
#include "Handles.h"
#include "FirecrashCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace firecrash {


/// Finds detached work, started in any function, that borrows state owned by
/// the starting frame (a local, a by-value parameter, a temporary, a closure)
/// which the frame does not wait for: the work can use it after it dies.
///
/// For the user-facing documentation see docs/checks/detached-borrow.md.
class DetachedBorrowCheck : public FirecrashCheck {
public:
  DetachedBorrowCheck(llvm::StringRef Name,
                      clang::tidy::ClangTidyContext *Context);
  ~DetachedBorrowCheck() override;

  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() override;

  /// How a start detaches work.
  enum class StartKind { DetachedCoroutine, DetachingCall, EagerTask };

private:
  void checkFunction(const clang::FunctionDecl *Frame) override;
  struct Start;
  struct Escape;
  class Starts;

  void ensureAnalysis(clang::ASTContext &Ctx);
  const std::vector<Start> &startsIn(const clang::FunctionDecl *FD);
  std::vector<Escape> escapesOf(const clang::FunctionDecl *FD,
                                unsigned Depth);
  /// \p DepthCut and \p CycleCut say whether the depth limit or a function
  /// being summarized stopped the search; \p Height is the depth it used.
  std::vector<Escape> escapesOf(const clang::FunctionDecl *FD, unsigned Depth,
                                bool &DepthCut, bool &CycleCut,
                                unsigned &Height);
  llvm::SmallVector<Borrow, 4> borrowsOf(const Start &S,
                                         const clang::FunctionDecl *Caller,
                                         FrameRole Role);
  bool ownedBy(const Borrow &B, const clang::FunctionDecl *Frame,
               bool IsHandler);
  bool waitedFor(const clang::FunctionDecl *Frame, const clang::Expr *Call,
                 const Borrow &B);
  bool reportedElsewhere(bool IsHandler, StartKind Kind) const;
  void report(const clang::FunctionDecl *Frame, bool IsHandler,
              const CallChain &Chain, const Start &Last,
              llvm::ArrayRef<Borrow> Borrows);
  /// Work owned by a handle that escapes the frame, or that a local keeps
  /// past what the work borrows.
  void checkOwnedWork(const clang::FunctionDecl *Frame, bool IsHandler,
                      FrameRole Role);
  void reportOwned(const clang::FunctionDecl *Frame, bool IsHandler,
                   const OwnedWork &Work, llvm::ArrayRef<Borrow> Borrows);
  /// A note per borrow ("<Borrower> borrows from 'f': ..."), with the
  /// evidence of its later use.
  void borrowNotes(const clang::FunctionDecl *Frame,
                   llvm::ArrayRef<Borrow> Borrows, llvm::StringRef Borrower);
  /// The note where borrowed \p Var dies, and why that is too early.
  void deathNote(const clang::FunctionDecl *Frame, const clang::VarDecl *Var,
                 bool OwnedByHandle);

  DetachingApis Apis;
  const std::string OwningTypes;
  NameList OwningTypeList;
  const std::string OwningHandleNames;

  std::unique_ptr<OwningHandles> Handles;

  std::unique_ptr<DetachingCallOracle> Detaching;
  std::unique_ptr<Starts> Classifier;
  std::unique_ptr<Reach> Calls;
  llvm::DenseMap<const clang::FunctionDecl *, std::vector<Start>> StartCache;
  llvm::DenseMap<std::pair<const clang::FunctionDecl *, unsigned>,
                 std::vector<Escape>>
      EscapeCache;
  /// Per function: escapes found without meeting the depth limit or a
  /// cycle, the same for any depth at least the first member (the height
  /// of the calls explored), so a deep chain is summarized once, not once
  /// per depth.
  llvm::DenseMap<const clang::FunctionDecl *,
                 std::pair<unsigned, std::vector<Escape>>>
      WholeEscapes;
  /// The functions being summarized, outermost first.
  llvm::SmallPtrSet<const clang::FunctionDecl *, 16> Summarizing;
};

} // namespace firecrash

#endif // FIRECRASH_CHECKS_DETACHEDBORROWCHECK_H
