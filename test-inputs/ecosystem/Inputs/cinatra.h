// A stand-in for cinatra (github.com/qicosmos/cinatra, also bundled by
// yalantinglibs as ylt/standalone/cinatra), following its real headers:
// coro_http_request and coro_http_response are classes of namespace
// cinatra; coro_http_server::set_http_handler<method...>(key, handler) is a
// member template taking a callable of (coro_http_request &,
// coro_http_response &) that returns async_simple::coro::Lazy<void> (or
// void). Notes point at lines of this file: append, do not insert.
#pragma once
#include "async_simple.h"
#include <string>
#include <string_view>
#include <vector>

namespace cinatra {
enum http_method { GET, POST };
enum class status_type { ok = 200 };
class coro_http_request {
public:
  std::string_view get_body() const { return body_; }
  std::string_view get_url() const { return url_; }

private:
  std::string body_, url_;
};
class coro_http_response {
public:
  void set_status_and_content(status_type, std::string content) {
    content_ = std::move(content);
  }

private:
  std::string content_;
};
class coro_http_server {
public:
  coro_http_server(std::size_t threads, unsigned short port);
  // The router keeps the handler and runs it once per request.
  template <http_method... method, typename Func>
  void set_http_handler(std::string key, Func handler) {
    handlers_.emplace_back(std::move(key), std::move(handler));
  }
  async_simple::Executor *get_executor();

private:
  std::vector<std::pair<std::string,
                        std::function<async_simple::coro::Lazy<void>(
                            coro_http_request &, coro_http_response &)>>>
      handlers_;
};
} // namespace cinatra
