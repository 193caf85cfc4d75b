//===--- SharedOptions.h - Options every firecrash check reads -*- C++ -*-===//
//
// Part of firecrash. The handler definition and the detached types are the
// same for every check; they are read with getLocalOrGlobal so one top-level
// CheckOptions entry serves all of them.
//
//===----------------------------------------------------------------------===//

#ifndef FIRECRASH_CHECKS_SHAREDOPTIONS_H
#define FIRECRASH_CHECKS_SHAREDOPTIONS_H

#include "Handlers.h"
#include "clang-tidy/ClangTidyCheck.h"
#include <string>

namespace firecrash {

/// Default of the DetachedTypes option.
inline constexpr llvm::StringLiteral DefaultDetachedTypes =
    "::winrt::fire_and_forget;::drogon::AsyncTask;::firecrash::fire_and_forget";
inline constexpr llvm::StringLiteral DefaultHandlerFunctions = "";
inline constexpr llvm::StringLiteral DefaultHandlerParameterTypes =
    "::drogon::HttpRequest;::boost::beast::http::request;"
    "::firecrash::request_scope";
/// Connections accepted from a listener: Boost.Asio, standalone Asio, Beast.
inline constexpr llvm::StringLiteral DefaultHandlerConnectionTypes =
    "::boost::asio::basic_stream_socket;::asio::basic_stream_socket;"
    "::boost::asio::ssl::stream;::asio::ssl::stream;"
    "::boost::beast::basic_stream;::boost::beast::ssl_stream;"
    "::boost::beast::websocket::stream";
inline constexpr llvm::StringLiteral DefaultHandlerResultTypes =
    "::drogon::HttpResponse;::boost::beast::http::response";
inline constexpr llvm::StringLiteral DefaultHandlerBaseClasses =
    "::drogon::HttpController;::drogon::HttpSimpleController;"
    "::drogon::WebSocketController";
/// Objects the frameworks create once and keep for the life of the process
/// (besides their controllers, listed in HandlerBaseClasses): Drogon's
/// filters, middlewares, plugins and the router's handler binders.
inline constexpr llvm::StringLiteral DefaultLongLivedTypes =
    "::drogon::HttpFilterBase;::drogon::HttpMiddlewareBase;"
    "::drogon::PluginBase;::drogon::internal::HttpBinderBase;"
    "::drogon::HttpControllerBase;::drogon::HttpSimpleControllerBase;"
    "::drogon::WebSocketControllerBase";
inline constexpr unsigned DefaultMaxCallDepth = 5;

/// The options shared by the checks, as written in the configuration.
struct SharedOptions {
  std::string DetachedTypes;
  std::string HandlerFunctions;
  std::string HandlerParameterTypes;
  std::string HandlerConnectionTypes;
  std::string HandlerResultTypes;
  std::string HandlerBaseClasses;
  std::string LongLivedTypes;
  std::string WaitingCallees;
  unsigned MaxCallDepth = DefaultMaxCallDepth;
  /// Report only starts that borrow state from the handler's frame.
  bool RequireBorrowedState = false;

  /// Reads every shared option, local first, then global; a check chooses
  /// its own default of RequireBorrowedState.
  SharedOptions(clang::tidy::ClangTidyCheck::OptionsView &Options,
                bool DefaultRequireBorrowedState);

  /// Stores every shared option under the check's name.
  void store(clang::tidy::ClangTidyCheck::OptionsView &Options,
             clang::tidy::ClangTidyOptions::OptionMap &Map) const;

  /// Returns the handler definition these options describe.
  HandlerOptions handlerOptions() const;
};

} // namespace firecrash

#endif // FIRECRASH_CHECKS_SHAREDOPTIONS_H
