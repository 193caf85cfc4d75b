//===--- Defaults.h - What firecrash knows without configuration -*- C++ -*-===//
//
// Part of firecrash. The one place for the defaults of every list option:
// each line names the library an entry comes from, and
// docs/how-firecrash-decides.md has the same tables per library. A user's
// entries add to these (a leading '-' removes one, '-*' removes them all):
// see effectiveList().
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_ANALYSIS_DEFAULTS_H
#define FIRECRASH_ANALYSIS_DEFAULTS_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace firecrash {

/// Coroutine return types whose coroutines are detached (DetachedTypes).
inline constexpr llvm::StringLiteral DefaultDetachedTypes =
    "::winrt::fire_and_forget;"                // C++/WinRT
    "::drogon::AsyncTask;"                     // Drogon
    "::firecrash::fire_and_forget;"            // firecrash's runtime
    "::concurrencpp::null_result;"             // concurrencpp
    "::boost::cobalt::detached";               // Boost.Cobalt

/// Regular expressions over handler names (HandlerFunctions).
inline constexpr llvm::StringLiteral DefaultHandlerFunctions = "";

/// A parameter of one of these makes a request handler.
inline constexpr llvm::StringLiteral DefaultHandlerParameterTypes =
    "::drogon::HttpRequest;"                   // Drogon
    "::boost::beast::http::request;"           // Beast
    "::cinatra::coro_http_request;"
    "::cinatra::coro_http_response;"           // cinatra (and yalantinglibs)
    "::coro_rpc::context_base;"                // yalantinglibs' coro_rpc
    "::agrpc::ServerRPC;::grpc::ServerContext;"
    "::grpc::CallbackServerContext;"           // asio-grpc, gRPC
    "::firecrash::request_scope";              // firecrash's runtime

/// Connections accepted from a listener: a coroutine taking one by value.
inline constexpr llvm::StringLiteral DefaultHandlerConnectionTypes =
    "::boost::asio::basic_stream_socket;::asio::basic_stream_socket;"
    "::boost::asio::ssl::stream;::asio::ssl::stream;"          // Asio
    "::boost::beast::basic_stream;::boost::beast::ssl_stream;"
    "::boost::beast::websocket::stream";                       // Beast

/// Producing one of these makes a request handler.
inline constexpr llvm::StringLiteral DefaultHandlerResultTypes =
    "::drogon::HttpResponse;"                  // Drogon
    "::boost::beast::http::response";          // Beast

/// Members of classes derived from these are request handlers.
inline constexpr llvm::StringLiteral DefaultHandlerBaseClasses =
    "::drogon::HttpController;::drogon::HttpSimpleController;"
    "::drogon::WebSocketController";           // Drogon

/// Objects a framework creates once and keeps for the life of the process
/// (besides its controllers): their 'this' is never request state.
inline constexpr llvm::StringLiteral DefaultLongLivedTypes =
    "::drogon::HttpFilterBase;::drogon::HttpMiddlewareBase;"
    "::drogon::PluginBase;::drogon::internal::HttpBinderBase;"
    "::drogon::HttpControllerBase;::drogon::HttpSimpleControllerBase;"
    "::drogon::WebSocketControllerBase";       // Drogon

/// Calls that detach work (DetachingCallees): "name", "name(argument
/// type)" (only when an argument has that type), "name[discarded]" (only
/// when the call's result is discarded) or "name[handler]" (an initiating
/// function whose last argument is a completion token: only when it
/// returns nothing to await and the token does not suspend the caller).
inline constexpr llvm::StringLiteral DefaultDetachingCallees =
    "::boost::asio::co_spawn[handler];::asio::co_spawn[handler];"
    "::boost::asio::spawn[handler];::asio::spawn[handler];"    // Asio
    "::std::thread::detach;::std::jthread::detach;"            // std
    "::experimental::execution::start_detached;"               // stdexec (exec::)
    "::experimental::execution::async_scope::spawn;"
    "::experimental::execution::async_scope::spawn_future[discarded];"
    "::stdexec::start_detached;::std::execution::start_detached;"
    "::stdexec::spawn;::std::execution::spawn;"
    "::stdexec::spawn_future[discarded];"
    "::std::execution::spawn_future[discarded];"               // P2300, C++26
    "::unifex::async_scope::detached_spawn;"
    "::unifex::async_scope::detached_spawn_on;"
    "::unifex::async_scope::detached_spawn_call_on;"           // libunifex
    "::drogon::async_run;"                                     // Drogon
    "::coro::thread_pool::spawn_detached;"
    "::coro::scheduler::spawn_detached;"                       // libcoro
    "::async_simple::coro::Lazy::start;"
    "::async_simple::coro::Lazy::directlyStart;"
    "::async_simple::coro::RescheduleLazy::start;"
    "::async_simple::coro::RescheduleLazy::detach;"            // async_simple
    "::folly::coro::TaskWithExecutor::start[discarded];"
    "::folly::coro::TaskWithExecutor::startInlineUnsafe[discarded];" // folly
    "::boost::cobalt::spawn[handler];"                         // Boost.Cobalt
    "::concurrencpp::executor::post;"
    "::concurrencpp::derivable_executor::post;"                // concurrencpp
    "::agrpc::register_awaitable_rpc_handler[handler];"
    "::agrpc::register_yield_rpc_handler[handler];"
    "::agrpc::register_callback_rpc_handler[handler];"
    "::agrpc::register_coroutine_rpc_handler[handler]";        // asio-grpc

/// Spawns into a scope that is joined: never reported, even where a
/// DetachingCallees entry matches (StructuredCallees).
inline constexpr llvm::StringLiteral DefaultStructuredCallees =
    "::firecrash::request_scope::spawn;"
    "::boost::asio::co_spawn(::firecrash::request_scope::completion_token);"
    "::asio::co_spawn(::firecrash::request_scope::completion_token);" // runtime
    "::folly::coro::AsyncScope::add;::folly::coro::collectAll;"      // folly
    "::cppcoro::async_scope::spawn;::cppcoro::when_all;"
    "::cppcoro::when_all_ready;"                                      // cppcoro
    "::unifex::spawn_detached;"                                       // libunifex
    "::seastar::with_gate;"                                           // Seastar
    "::coro::thread_pool::spawn_joinable;::coro::scheduler::spawn_joinable;"
    "::coro::task_group::start;::coro::when_all;"                     // libcoro
    "::async_simple::coro::collectAll;"
    "::async_simple::coro::collectAllPara;"                           // async_simple
    "::boost::cobalt::join;::boost::cobalt::gather;::boost::cobalt::race;"
    "::boost::cobalt::wait_group::push_back;"                         // Cobalt
    "::concurrencpp::when_all;::concurrencpp::when_any";              // concurrencpp

/// Calls after which the frame's detached work has ended (plain waits), and
/// rendezvous "wait=signal,signal" that join work signalling them after its
/// last use of what it borrowed (WaitingCallees).
inline constexpr llvm::StringLiteral DefaultWaitingCallees =
    // Plain waits.
    "::boost::asio::io_context::run;::asio::io_context::run;"
    "::boost::asio::thread_pool::join;::asio::thread_pool::join;"
    "::boost::asio::thread_pool::wait;::asio::thread_pool::wait;"   // Asio
    "::std::thread::join;::std::jthread::join;"                     // std
    "::firecrash::request_scope::join;::firecrash::sync_wait;"      // runtime
    "::stdexec::sync_wait;::std::this_thread::sync_wait;"
    "::stdexec::sync_wait_with_variant;"
    "::std::this_thread::sync_wait_with_variant;"                   // P2300
    "::trantor::EventLoopThreadPool::wait;::trantor::EventLoopThread::wait;"
    "::trantor::SerialTaskQueue::waitAllTasksFinished;"             // trantor
    "::coro::sync_wait;::coro::thread_pool::shutdown;"
    "::coro::scheduler::shutdown;"                                   // libcoro
    "::async_simple::coro::syncAwait;"                              // async_simple
    "::folly::coro::blockingWait;::folly::coro::AsyncScope::joinAsync;" // folly
    "::cppcoro::sync_wait;::cppcoro::async_scope::join;"            // cppcoro
    "::unifex::sync_wait;::unifex::async_scope::complete;"
    "::unifex::async_scope::cleanup;"                               // libunifex
    "::boost::cobalt::run;::boost::cobalt::wait_group::wait;"       // Cobalt
    "::concurrencpp::executor::shutdown;"
    // Members that block until the task they are called on completes.
    "::concurrencpp::result::get[task];::concurrencpp::result::wait[task];"
    "::concurrencpp::shared_result::get[task];"
    "::concurrencpp::shared_result::wait[task];"                    // concurrencpp
    // Rendezvous.
    "::std::future::get=set_value,set_exception,set_value_at_thread_exit,"
    "set_exception_at_thread_exit;"
    "::std::future::wait=set_value,set_exception,set_value_at_thread_exit,"
    "set_exception_at_thread_exit;"
    "::std::shared_future::get=set_value,set_exception;"
    "::std::shared_future::wait=set_value,set_exception;"
    "::std::latch::wait=count_down,arrive_and_wait;"
    "::std::latch::arrive_and_wait=count_down,arrive_and_wait;"
    "::std::barrier::arrive_and_wait=arrive,arrive_and_wait,arrive_and_drop;"
    "::std::barrier::wait=arrive,arrive_and_wait,arrive_and_drop;"
    "::std::condition_variable::wait=notify_one,notify_all;"
    "::std::condition_variable_any::wait=notify_one,notify_all;"
    "::std::counting_semaphore::acquire=release;"
    "::std::binary_semaphore::acquire=release;"
    "::std::atomic::wait=notify_one,notify_all;"
    "::std::atomic_flag::wait=notify_one,notify_all;"
    // Spin waits: a load in the condition of a loop.
    "::std::atomic::load[polled]=store,exchange,fetch_add,fetch_sub,"
    "fetch_and,fetch_or,fetch_xor,compare_exchange_weak,"
    "compare_exchange_strong,operator=,operator++,operator--,operator+=,"
    "operator-=;"
    "::std::atomic_flag::test[polled]=test_and_set,clear;"          // std
    "::QEventLoop::exec=quit,exit;"
    "::QCoreApplication::exec=quit,exit;"                           // Qt
    "::trantor::EventLoop::loop=quit;"                              // trantor
    // Descriptors: a blocking read of an eventfd or a pipe that the work
    // writes ("read(fds[0])" and "write(fds[1])" name the same pipe).
    "::read(0)=::write(0),::eventfd_write(0);"
    "::eventfd_read(0)=::eventfd_write(0),::write(0);"               // POSIX
    "::uio::io_service::poll(0)=::eventfd_write(0),::write(0);"
    "::uio::io_service::read(0)=::eventfd_write(0),::write(0);"      // liburing4cpp
    // Rendezvous a coroutine awaits: "co_await latch" is a call of the
    // latch's operator co_await.
    "::coro::latch::operator co_await=count_down;"
    "::coro::event::operator co_await=set;"                         // libcoro
    "::cppcoro::async_latch::operator co_await=count_down;"
    "::cppcoro::single_consumer_event::operator co_await=set;"
    "::cppcoro::async_manual_reset_event::operator co_await=set;"
    "::cppcoro::async_auto_reset_event::operator co_await=set;"     // cppcoro
    "::async_simple::coro::Latch::wait=count_down,arrive_and_wait;"
    "::async_simple::coro::Latch::arrive_and_wait=count_down,"
    "arrive_and_wait;"
    "::async_simple::Future::wait=setValue,setException;"
    "::async_simple::Future::get=setValue,setException;"
    "::async_simple::uthread::await=setValue,setException;"         // async_simple
    "::folly::coro::Baton::operator co_await=post";                 // folly

/// Task types: a call's result of one of these must be awaited (TaskTypes).
inline constexpr llvm::StringLiteral DefaultTaskTypes =
    "::firecrash::task;"                                   // runtime
    "::boost::asio::awaitable;::asio::awaitable;"          // Asio
    "::folly::coro::Task;::folly::coro::TaskWithExecutor;" // folly
    "::cppcoro::task;::cppcoro::shared_task;"              // cppcoro
    "::drogon::Task;"                                      // Drogon
    "::QCoro::Task;"                                       // QCoro
    "::coro::task;"                                        // libcoro
    "::async_simple::coro::Lazy;"
    "::async_simple::coro::RescheduleLazy;"                // async_simple
    "::concurrencpp::result;::concurrencpp::lazy_result;"  // concurrencpp
    "::boost::cobalt::task;::boost::cobalt::promise;"      // Boost.Cobalt
    "::unifex::task;"                                      // libunifex
    "::seastar::future";                                   // Seastar

/// Handles that keep what they point to alive (OwningTypes).
inline constexpr llvm::StringLiteral DefaultOwningTypes =
    "::std::shared_ptr;::std::weak_ptr;"
    "::boost::shared_ptr;::boost::weak_ptr;::boost::intrusive_ptr;"
    "::winrt::com_ptr;::QSharedPointer;::QPointer;"
    "::seastar::lw_shared_ptr;::seastar::shared_ptr;::seastar::foreign_ptr";

/// Handles that own the work they start (OwningHandles): classes whose
/// destructor waits for the work they were constructed with, and functions
/// whose returned handle does. A class whose destructor visibly waits needs
/// no entry; std::jthread is listed for units that only declare it, and
/// std::async because its future's wait is in the shared state, not in the
/// future's destructor.
inline constexpr llvm::StringLiteral DefaultOwningHandles =
    "::std::jthread;::std::async";

/// Functions and owning types giving a strong reference to 'this'.
inline constexpr llvm::StringLiteral DefaultStrongReferenceFunctions =
    "::winrt::implements::get_strong;::winrt::make_self;"
    "::std::enable_shared_from_this::shared_from_this;"
    "::boost::enable_shared_from_this::shared_from_this;"
    "::std::shared_ptr;::winrt::com_ptr;::boost::shared_ptr";

/// Functions and types giving a weak reference to 'this'.
inline constexpr llvm::StringLiteral DefaultWeakReferenceFunctions =
    "::winrt::implements::get_weak;::winrt::make_weak;"
    "::std::enable_shared_from_this::weak_from_this;"
    "::boost::enable_shared_from_this::weak_from_this;"
    "::std::weak_ptr;::winrt::weak_ref;::QPointer";

/// The list an option stands for: \p Defaults, with the entries of
/// \p Written added; an entry "-name" removes a default (compared without a
/// leading "::" and, for WaitingCallees, by the part before '='), "-*"
/// removes every default. A value equal to the defaults is the defaults.
std::string effectiveList(llvm::StringRef Written, llvm::StringRef Defaults);

} // namespace firecrash

#endif // FIRECRASH_ANALYSIS_DEFAULTS_H
