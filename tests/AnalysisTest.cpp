//===--- AnalysisTest.cpp - analysis/ on code snippets --------------------===//

#include "Borrows.h"
#include "DetachedTypes.h"
#include "Handlers.h"
#include "Reach.h"
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

} // namespace
} // namespace firecrash
