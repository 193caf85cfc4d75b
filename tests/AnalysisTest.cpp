//===--- AnalysisTest.cpp - analysis/ on code snippets --------------------===//

#include "Borrows.h"
#include "Defaults.h"
#include "DetachedTypes.h"
#include "Handlers.h"
#include "Joins.h"
#include "Reach.h"
#include "Summary.h"
#include "Suspension.h"
#include "TypeNames.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

namespace firecrash {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

const char *const Prelude = R"cpp(
#include <coroutine>
#include <exception>
#include <memory>
struct eager {
  struct promise_type {
    eager get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};
struct lazy {
  struct promise_type {
    lazy get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};
)cpp";

std::unique_ptr<ASTUnit> parse(const std::string &Code) {
  auto AST = tooling::buildASTFromCodeWithArgs(
      std::string(Prelude) + Code,
      {"-std=c++20", "-resource-dir=" FIRECRASH_RESOURCE_DIR}, "input.cpp");
  EXPECT_TRUE(AST);
  EXPECT_FALSE(AST->getDiagnostics().hasErrorOccurred());
  return AST;
}

const FunctionDecl *function(ASTUnit &AST, const std::string &Name) {
  auto Found = match(functionDecl(hasName(Name)).bind("f"), AST.getASTContext());
  EXPECT_FALSE(Found.empty()) << Name;
  return Found.empty() ? nullptr : Found.front().getNodeAs<FunctionDecl>("f");
}

TEST(NameList, MatchesWithOrWithoutLeadingColons) {
  NameList List("::a::b; c::d ;;");
  EXPECT_EQ(List.match("a::b"), llvm::StringRef("::a::b"));
  EXPECT_EQ(List.match("::c::d"), llvm::StringRef("c::d"));
  EXPECT_FALSE(List.match("a::bc"));
  EXPECT_FALSE(List.match("b"));
  EXPECT_EQ(splitList(" x ; ;y").size(), 2u);
}

TEST(Defaults, WrittenEntriesAddToTheDefaultsAndMinusRemoves) {
  const char *Defaults = "::a::f;::b::g(::b::tag);::b::g(::c::tag);::d::w=s";
  // The defaults themselves, and an empty value, are the defaults.
  EXPECT_EQ(effectiveList(Defaults, Defaults), Defaults);
  EXPECT_EQ(effectiveList("", Defaults), Defaults);
  // Entries add, once: "a::f" is already there.
  EXPECT_EQ(effectiveList("::x::y;a::f", Defaults),
            std::string(Defaults) + ";::x::y");
  // "-name" removes every form of that name, "-name(type)" only that one.
  EXPECT_EQ(effectiveList("-b::g", Defaults), "::a::f;::d::w=s");
  EXPECT_EQ(effectiveList("-::b::g(::c::tag)", Defaults),
            "::a::f;::b::g(::b::tag);::d::w=s");
  // A rendezvous is removed by its wait, and can be replaced.
  EXPECT_EQ(effectiveList("-d::w;::d::w=s,t", Defaults),
            "::a::f;::b::g(::b::tag);::b::g(::c::tag);::d::w=s,t");
  // "-*" clears the defaults; what follows it still adds.
  EXPECT_EQ(effectiveList("-*;::only", Defaults), "::only");
  EXPECT_EQ(effectiveList("-*", Defaults), "");
  // Removing what is not there changes nothing.
  EXPECT_EQ(effectiveList("-::nothing", Defaults), Defaults);
}

TEST(DetachedTypes, NeverSuspendingPromiseIsDetached) {
  auto AST = parse("eager f();");
  DetachedTypeOracle Oracle(AST->getASTContext(), NameList());
  auto Info = Oracle.classify(function(*AST, "f"));
  ASSERT_TRUE(Info);
  EXPECT_EQ(Info->Reason, DetachedReason::NeverSuspends);
  EXPECT_EQ(Info->Policy, ExceptionPolicy::Terminates);
  EXPECT_EQ(Info->Terminator, "std::terminate");
}

TEST(DetachedTypes, LazyAwaitableTaskIsNotDetached) {
  auto AST = parse("lazy f();");
  DetachedTypeOracle Oracle(AST->getASTContext(), NameList());
  EXPECT_FALSE(Oracle.classify(function(*AST, "f")));
}

TEST(DetachedTypes, ListedTypeIsDetachedThroughAnAlias) {
  auto AST = parse("namespace ns { struct handle {}; }\n"
                   "using alias = ns::handle;\nalias f();");
  DetachedTypeOracle Oracle(AST->getASTContext(), NameList("::ns::handle"));
  auto Info = Oracle.classify(function(*AST, "f"));
  ASSERT_TRUE(Info);
  EXPECT_EQ(Info->Reason, DetachedReason::Listed);
  EXPECT_EQ(Info->Policy, ExceptionPolicy::Unknown);
}

TEST(DetachedTypes, VoidFunctionIsDetachedOnlyAsACoroutine) {
  auto AST = parse(R"cpp(
template <typename... A> struct std::coroutine_traits<void, A...> {
  using promise_type = eager::promise_type;
};
void plain();
void coroutine() { co_return; }
)cpp");
  DetachedTypeOracle Oracle(AST->getASTContext(), NameList());
  EXPECT_FALSE(Oracle.classify(function(*AST, "plain")));
  auto Info = Oracle.classify(function(*AST, "coroutine"));
  ASSERT_TRUE(Info);
  EXPECT_EQ(Info->Reason, DetachedReason::VoidCoroutine);
}

TEST(Handlers, SmartPointerParameterMakesAHandler) {
  auto AST = parse("namespace web { struct req {}; }\n"
                   "lazy h(const std::shared_ptr<web::req> &r) { co_return; }\n"
                   "lazy g(int) { co_return; }");
  HandlerOptions Options;
  Options.ParameterTypes = NameList("::web::req");
  HandlerOracle Oracle(AST->getASTContext(), Options);
  auto Info = Oracle.classify(function(*AST, "h"));
  ASSERT_TRUE(Info);
  EXPECT_EQ(Info->Reason, HandlerReason::Parameter);
  EXPECT_FALSE(Oracle.classify(function(*AST, "g")));
}

TEST(Handlers, ConnectionByValueMakesACoroutineAHandler) {
  auto AST = parse(R"cpp(
namespace net { template <typename P> struct basic_stream_socket {}; }
using socket = net::basic_stream_socket<int>;
lazy session(socket s) { co_return; }
lazy helper(socket &s) { co_return; }
void plain(socket s) {}
)cpp");
  HandlerOptions Options;
  Options.ConnectionTypes = NameList("::net::basic_stream_socket");
  HandlerOracle Oracle(AST->getASTContext(), Options);
  auto Info = Oracle.classify(function(*AST, "session"));
  ASSERT_TRUE(Info);
  EXPECT_EQ(Info->Reason, HandlerReason::Connection);
  EXPECT_FALSE(Oracle.classify(function(*AST, "helper")));
  EXPECT_FALSE(Oracle.classify(function(*AST, "plain")));
}

TEST(Handlers, SynchronousFunctionsAndLambdasAreClassified) {
  auto AST = parse(R"cpp(
namespace web { struct req {}; }
void sync_handler(const web::req &r) {}
void install() { auto route = [](web::req r) {}; route({}); }
)cpp");
  HandlerOptions Options;
  Options.ParameterTypes = NameList("::web::req");
  HandlerOracle Oracle(AST->getASTContext(), Options);
  EXPECT_TRUE(Oracle.classify(function(*AST, "sync_handler")));
  const FunctionDecl *Lambda = nullptr;
  for (const auto &Found :
       match(cxxMethodDecl(hasName("operator()"), isExpansionInMainFile(),
                           ofClass(cxxRecordDecl(isLambda())))
                 .bind("f"),
             AST->getASTContext()))
    Lambda = Found.getNodeAs<FunctionDecl>("f");
  ASSERT_TRUE(Lambda);
  EXPECT_TRUE(Oracle.classify(Lambda));
  EXPECT_EQ(displayName(Lambda), "the lambda in 'install'");
  EXPECT_EQ(describeHandler(Lambda), "the request-handler lambda in 'install'");
  EXPECT_EQ(describeHandler(function(*AST, "sync_handler")),
            "request handler 'sync_handler'");
}

TEST(Handlers, InvalidRegexIsReportedNotUsed) {
  auto AST = parse("lazy h() { co_return; }");
  HandlerOptions Options;
  Options.Functions = {"(", "^h$"};
  HandlerOracle Oracle(AST->getASTContext(), Options);
  EXPECT_EQ(Oracle.regexErrors().size(), 1u);
  EXPECT_TRUE(Oracle.classify(function(*AST, "h")));
}

TEST(Reach, MutualRecursionTerminatesAndDepthBounds) {
  auto AST = parse(R"cpp(
eager start();
void a(int n);
void b(int n) { if (n) a(n - 1); else start(); }
void a(int n) { b(n); }
lazy h() { a(3); co_return; }
)cpp");
  DetachedTypeOracle Oracle(AST->getASTContext(), NameList());
  DetachedCoroutineStarts Starts(Oracle);
  Reach R(AST->getASTContext(), Starts);
  auto Chains = R.startsFrom(function(*AST, "h"), 5);
  ASSERT_EQ(Chains.size(), 1u);
  ASSERT_EQ(Chains[0].Hops.size(), 3u); // h->a, a->b, b->start
  EXPECT_EQ(Chains[0].Hops.back().Callee->getName(), "start");
  EXPECT_TRUE(R.startsFrom(function(*AST, "h"), 1).empty());
}

TEST(Reach, WrappersAndAwaitedCallsAreNotStarts) {
  auto AST = parse(R"cpp(
eager start();
eager wrapper() { return start(); }
struct awaitable_eager : eager {
  bool await_ready() { return true; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};
awaitable_eager listed();
lazy h() { wrapper(); co_await listed(); listed(); co_return; }
)cpp");
  DetachedTypeOracle Oracle(AST->getASTContext(),
                            NameList("::awaitable_eager"));
  DetachedCoroutineStarts Starts(Oracle);
  Reach R(AST->getASTContext(), Starts);
  auto Chains = R.startsFrom(function(*AST, "h"), 5);
  ASSERT_EQ(Chains.size(), 2u);
  ASSERT_EQ(Chains[0].Hops.size(), 2u); // h->wrapper, wrapper->start
  EXPECT_EQ(Chains[0].Hops.back().Callee->getName(), "start");
  ASSERT_EQ(Chains[1].Hops.size(), 1u); // the discarded listed(), not the
  EXPECT_FALSE(Chains[1].Hops[0].Awaited); // awaited one
}

TEST(Borrows, ReferenceToLocalAndOwningValue) {
  auto AST = parse(R"cpp(
#include <string>
eager by_ref(const std::string &s);
eager by_val(std::string s);
lazy h() {
  std::string local;
  by_ref(local);
  by_val(local);
  co_return;
}
)cpp");
  ASTContext &Ctx = AST->getASTContext();
  const FunctionDecl *H = function(*AST, "h");
  DetachedTypeOracle Oracle(Ctx, NameList());
  DetachedCoroutineStarts Starts(Oracle);
  Reach R(Ctx, Starts);
  auto Chains = R.startsFrom(H, 0);
  ASSERT_EQ(Chains.size(), 2u);
  auto ByRef = findBorrows(Ctx, Chains[0].Hops[0].Call, H);
  ASSERT_EQ(ByRef.size(), 1u);
  EXPECT_EQ(ByRef[0].Kind, BorrowKind::Reference);
  EXPECT_EQ(ByRef[0].Name, "local");
  EXPECT_TRUE(findBorrows(Ctx, Chains[1].Hops[0].Call, H).empty());
}

/// The first call in \p FD to a function named \p Name.
const CallExpr *callTo(ASTUnit &AST, const std::string &Caller,
                       const std::string &Name) {
  auto Found = match(
      callExpr(callee(functionDecl(hasName(Name))),
               hasAncestor(functionDecl(hasName(Caller))))
          .bind("c"),
      AST.getASTContext());
  EXPECT_FALSE(Found.empty()) << Caller << " -> " << Name;
  return Found.empty() ? nullptr : Found.front().getNodeAs<CallExpr>("c");
}

const char *const Suspending = R"cpp(
struct suspend_here {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
// A lazy task with symmetric transfer both ways.
struct task {
  struct promise_type;
  using handle = std::coroutine_handle<promise_type>;
  struct final_awaiter {
    bool await_ready() noexcept { return false; }
    std::coroutine_handle<> await_suspend(handle h) noexcept;
    void await_resume() noexcept {}
  };
  struct promise_type {
    std::coroutine_handle<> next;
    task get_return_object() { return {handle::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    final_awaiter final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  handle h;
  bool await_ready() { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> a) {
    h.promise().next = a;
    return h;
  }
  void await_resume() {}
};
inline std::coroutine_handle<> task::final_awaiter::await_suspend(handle h) noexcept {
  return h.promise().next;
}
)cpp";

TEST(Suspension, EagerCoroutineWithoutSuspensionRunsToCompletion) {
  auto AST = parse(std::string(Suspending) + R"cpp(
eager plain(int &x) { x = 1; co_return; }
eager suspends(int &x) { co_await suspend_here{}; x = 1; }
task quick() { co_return; }
task slow() { co_await suspend_here{}; }
eager awaits_quick() { co_await quick(); }
eager awaits_slow() { co_await slow(); }
lazy lazily() { co_return; }
)cpp");
  DetachedTypeOracle Oracle(AST->getASTContext(), NameList());
  SuspensionAnalysis S(AST->getASTContext(), Oracle);
  EXPECT_TRUE(S.runsToCompletion(function(*AST, "plain")));
  EXPECT_FALSE(S.runsToCompletion(function(*AST, "suspends")));
  // Awaiting a lazy task that never suspends completes inline.
  EXPECT_TRUE(S.runsToCompletion(function(*AST, "awaits_quick")));
  EXPECT_FALSE(S.runsToCompletion(function(*AST, "awaits_slow")));
  // A lazily started coroutine is not covered.
  EXPECT_FALSE(S.runsToCompletion(function(*AST, "lazily")));
}

TEST(Suspension, CatchAllBodiesKeepEveryException) {
  auto AST = parse(std::string(Suspending) + R"cpp(
void act();
eager guarded() { try { co_await suspend_here{}; act(); } catch (...) {} co_return; }
eager rethrows() { try { co_await suspend_here{}; } catch (...) { throw; } }
eager typed() { try { co_await suspend_here{}; } catch (int) {} }
eager outside() { try { co_await suspend_here{}; } catch (...) {} act(); }
eager whole() try { co_await suspend_here{}; } catch (...) {}
)cpp");
  EXPECT_NE(catchesEverything(function(*AST, "guarded")), nullptr);
  EXPECT_EQ(catchesEverything(function(*AST, "rethrows")), nullptr);
  EXPECT_EQ(catchesEverything(function(*AST, "typed")), nullptr);
  EXPECT_EQ(catchesEverything(function(*AST, "outside")), nullptr);
  EXPECT_NE(catchesEverything(function(*AST, "whole")), nullptr);
}

TEST(Suspension, UsesAfterTheFirstSuspensionAreLate) {
  auto AST = parse(std::string(Suspending) + R"cpp(
#include <utility>
void use(int);
eager copies(const int &x) { int mine = x; co_await suspend_here{}; use(mine); }
eager reads(const int &x) { co_await suspend_here{}; use(x); }
eager loops(const int &x) { for (int i = 0; i < 2; ++i) { use(x); co_await suspend_here{}; } }
eager aliases(const int &x) { const int &y = x; co_await suspend_here{}; use(y); }
eager inner(int &&x) { int mine = std::move(x); co_await suspend_here{}; use(mine); }
template <typename T> eager wrapper(T &&x) { return inner(std::forward<T>(x)); }
void caller() { wrapper(1); }
)cpp");
  ASTContext &Ctx = AST->getASTContext();
  DetachedTypeOracle Oracle(Ctx, NameList());
  SuspensionAnalysis S(Ctx, Oracle);
  auto Late = [&](const FunctionDecl *FD) {
    UseTarget T;
    T.Vars.push_back(FD->getParamDecl(0));
    return S.lateUse(FD, T);
  };
  EXPECT_FALSE(Late(function(*AST, "copies")));
  ASSERT_TRUE(Late(function(*AST, "reads")));
  EXPECT_EQ(Late(function(*AST, "reads"))->Kind, LateUseKind::Read);
  EXPECT_TRUE(Late(function(*AST, "loops")));
  EXPECT_TRUE(Late(function(*AST, "aliases")));
  // Followed through the wrapper's instantiation into the coroutine.
  const CallExpr *Call = callTo(*AST, "caller", "wrapper");
  ASSERT_TRUE(Call);
  EXPECT_FALSE(Late(Call->getDirectCallee()));
}

TEST(Joins, RendezvousJoinsOnlyWhenSignalledAfterTheLastUse) {
  auto AST = parse(R"cpp(
#include <future>
#include <thread>
void use(int);
void joined() {
  int x = 0;
  std::promise<void> done;
  std::thread([&] { use(x); done.set_value(); }).detach();
  done.get_future().wait();
}
void early() {
  int x = 0;
  std::promise<void> done;
  std::thread([&] { done.set_value(); use(x); }).detach();
  done.get_future().wait();
}
)cpp");
  ASTContext &Ctx = AST->getASTContext();
  std::vector<std::string> Errors;
  JoinOracle Joins(Ctx, parseWaitEntries(DefaultWaitingCallees, Errors));
  EXPECT_TRUE(Errors.empty());
  for (const char *Name : {"joined", "early"}) {
    const FunctionDecl *Frame = function(*AST, Name);
    const CallExpr *Start = callTo(*AST, Name, "detach");
    ASSERT_TRUE(Start);
    auto Borrows = findWorkBorrows(Ctx, Start, Frame, FrameRole::Function);
    ASSERT_EQ(Borrows.size(), 2u) << Name; // x and done, by reference
    const Borrow *X = Borrows[0].Name == "x" ? &Borrows[0] : &Borrows[1];
    std::optional<Join> J = Joins.find(Frame, Start, X->Work);
    ASSERT_TRUE(J) << Name;
    EXPECT_EQ(J->WaitName, "std::future::wait");
    EXPECT_EQ(J->UseAfterSignal.isValid(), std::string(Name) == "early");
  }
  std::vector<std::string> Bad;
  parseWaitEntries("a::wait=;b::wait=x y;c::run", Bad);
  EXPECT_EQ(Bad.size(), 2u);
}

TEST(Joins, DescriptorEntriesNameTheirArguments) {
  std::vector<std::string> Bad;
  std::vector<WaitEntry> Entries = parseWaitEntries(
      "::read(0)=::write(0),::eventfd_write(0);"
      "::uio::io_service::poll(0)=eventfd_write(0);"
      "::a::wait(1);::b::read(0)=write;::c::read=write(0);::d::read(x)=write(0)",
      Bad);
  ASSERT_EQ(Entries.size(), 2u);
  EXPECT_EQ(Entries[0].Name, "read");
  EXPECT_EQ(Entries[0].Arg, 0);
  EXPECT_EQ(Entries[0].Signals,
            (llvm::SmallVector<std::string, 4>{"write", "eventfd_write"}));
  EXPECT_EQ(Entries[0].SignalArgs, (llvm::SmallVector<int, 4>{0, 0}));
  EXPECT_EQ(Entries[1].Name, "uio::io_service::poll");
  // A descriptor wait needs signals, and both sides name their arguments.
  EXPECT_EQ(Bad, (std::vector<std::string>{"'::a::wait(1)'",
                                           "'::b::read(0)=write'",
                                           "'::c::read=write(0)'",
                                           "'::d::read(x)=write(0)'"}));
}

TEST(Joins, EntryFormsParse) {
  std::vector<std::string> Bad;
  std::vector<WaitEntry> Entries = parseWaitEntries(
      "::a::flag::load[polled]=store,operator=;::b::result::get[task];"
      "::c::event::operator co_await=set;::d::x y;::e::r::get[task]=set",
      Bad);
  ASSERT_EQ(Entries.size(), 3u);
  EXPECT_EQ(Entries[0].Name, "a::flag::load");
  EXPECT_TRUE(Entries[0].Polled);
  EXPECT_EQ(Entries[0].Signals,
            (llvm::SmallVector<std::string, 4>{"store", "operator="}));
  EXPECT_EQ(Entries[1].Name, "b::result::get");
  EXPECT_TRUE(Entries[1].OfTask);
  EXPECT_TRUE(Entries[1].Signals.empty());
  EXPECT_EQ(Entries[2].Name, "c::event::operator co_await");
  // A space elsewhere, and a task wait with signals, are malformed.
  EXPECT_EQ(Bad, (std::vector<std::string>{"'::d::x y'",
                                           "'::e::r::get[task]=set'"}));
}

SummaryFunction summaryFunction(std::string Usr, bool Handler = false) {
  SummaryFunction F;
  F.Usr = F.Name = std::move(Usr);
  F.IsHandler = Handler;
  return F;
}

TEST(Summary, CrossFileChainsFollowTheRulesOfOneFile) {
  // a.cpp: handler h lends its local 'x' to helper(int &) in b.cpp, which
  // hands it to a start that keeps it; and calls owned() in b.cpp, whose
  // start catches everything and borrows nothing.
  TUSummary A, B;
  A.Check = B.Check = "firecrash-detached-coroutine";
  SummaryFunction H = summaryFunction("h", true);
  SummaryCall ToHelper{"helper", "helper", {}, false};
  ToHelper.Args.push_back({0, -1, "x"});
  SummaryCall ToOwned{"owned", "owned", {}, false};
  H.Calls = {ToHelper, ToOwned};
  A.Functions.push_back(H);
  SummaryFunction Helper = summaryFunction("helper");
  SummaryStart Keeps{"bg", "bg", "listed", "terminates", {}};
  Keeps.CatchesAll = true;
  Keeps.KeptParams = {0};
  Helper.Starts.push_back(Keeps);
  SummaryFunction Owned = summaryFunction("owned");
  SummaryStart Safe{"bg", "bg", "listed", "terminates", {}};
  Safe.CatchesAll = true;
  Owned.Starts.push_back(Safe);
  B.Functions = {Helper, Owned};

  std::vector<CrossFinding> Found = mergeSummaries({A, B});
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_EQ(Found[0].Entry.CalleeName, "helper");
  ASSERT_EQ(Found[0].Borrowed.size(), 1u);
  EXPECT_EQ(Found[0].Borrowed[0].Name, "x");

  // Reported anyway when owned work counts, or its exceptions can escape.
  A.ReportOwnedWork = true;
  EXPECT_EQ(mergeSummaries({A, B}).size(), 2u);
  A.ReportOwnedWork = false;
  B.Functions[1].Starts[0].CatchesAll = false;
  EXPECT_EQ(mergeSummaries({A, B}).size(), 2u);
  // Only borrowed state, when required.
  A.RequireBorrowedState = true;
  EXPECT_EQ(mergeSummaries({A, B}).size(), 1u);
  // A chain through a detaching API is left to detaching-spawn.
  A.Functions[0].Calls[0].Detaching = true;
  A.DefersToDetachingSpawn = true;
  EXPECT_TRUE(mergeSummaries({A, B}).empty());
}

TEST(Summary, EscapesPropagateThroughHandedOnParameters) {
  // h(x local) -> outer(int &a) -> inner(int &b) -> start keeping b.
  TUSummary A, B;
  A.Check = B.Check = "firecrash-detaching-spawn";
  A.RequireBorrowedState = B.RequireBorrowedState = true;
  SummaryFunction H = summaryFunction("h", true);
  SummaryCall ToOuter{"outer", "outer", {}, false};
  ToOuter.Args.push_back({0, -1, "x"});
  H.Calls.push_back(ToOuter);
  A.Functions.push_back(H);
  SummaryFunction Outer = summaryFunction("outer");
  SummaryCall ToInner{"inner", "inner", {}, true};
  ToInner.Args.push_back({0, 0, "a"});
  Outer.Calls.push_back(ToInner);
  SummaryFunction Inner = summaryFunction("inner");
  SummaryStart Keeps{"std::thread::detach", "", "detaching-call", "", {}};
  Keeps.KeptParams = {0};
  Inner.Starts.push_back(Keeps);
  B.Functions = {Outer, Inner};
  std::vector<CrossFinding> Found = mergeSummaries({A, B});
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_EQ(Found[0].Borrowed.size(), 1u);
  // The hand-on broken: nothing of h is kept, and owned work is not
  // reported by this check.
  B.Functions[0].Calls[0].Args.clear();
  EXPECT_TRUE(mergeSummaries({A, B}).empty());
}

} // namespace
} // namespace firecrash
