// Beast HTTP client with a per-host keep-alive pool (plain TCP) and one-shot TLS connections.
#include "adapters/department/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <stdexcept>

namespace ow::adapters {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// Runs the context until the operation completes; the stream's expiry turns a stall into a timeout.
void run(asio::io_context& io) {
  io.restart();
  io.run();
}

// Retry-After in its delta-seconds form (the platform and departments send that form); -1 when absent or not.
int retry_after(const http::response<http::string_body>& res) {
  const auto it = res.find(http::field::retry_after);
  if (it == res.end()) return -1;
  const std::string_view v = it->value();
  if (v.empty() || v.size() > 6) return -1;
  int seconds = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return -1;
    seconds = seconds * 10 + (c - '0');
  }
  return seconds;
}

}  // namespace

ParsedUrl parse_url(const std::string& url) {
  ParsedUrl p;
  std::string rest;
  if (url.starts_with("http://"))
    rest = url.substr(7);
  else if (url.starts_with("https://"))
    p.tls = true, rest = url.substr(8);
  else
    throw std::invalid_argument("not an http(s) URL: " + url);
  const auto slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  p.path = slash == std::string::npos ? "/" : rest.substr(slash);
  const auto colon = authority.rfind(':');
  if (colon == std::string::npos)
    p.host = authority, p.port = p.tls ? "443" : "80";
  else
    p.host = authority.substr(0, colon), p.port = authority.substr(colon + 1);
  if (p.host.empty() || p.port.empty()) throw std::invalid_argument("no host in URL: " + url);
  return p;
}

struct HttpClient::Impl {
  asio::ssl::context tls{asio::ssl::context::tls_client};
  std::mutex mutex;
  // Each pooled stream has its own io_context (streams are used by one thread at a time). Declared before
  // the streams so that it outlives them.
  std::map<beast::tcp_stream*, std::unique_ptr<asio::io_context>> contexts;
  std::map<std::string, std::vector<std::unique_ptr<beast::tcp_stream>>> idle;  // "host:port" → idle connections

  explicit Impl(const std::string& ca_file) {
    tls.set_default_verify_paths();
    if (!ca_file.empty()) tls.load_verify_file(ca_file);
    tls.set_verify_mode(asio::ssl::verify_peer);
  }

  HttpAnswer request(http::verb verb, const std::string& url, const std::map<std::string, std::string>& headers,
                     const std::string& body, std::chrono::milliseconds connect_timeout,
                     std::chrono::milliseconds response_timeout) {
    ParsedUrl u;
    try {
      u = parse_url(url);
    } catch (const std::exception& e) {
      return {0, {}, e.what(), false};
    }
    http::request<http::string_body> req{verb, u.path, 11};
    req.set(http::field::host, u.host);
    req.set(http::field::user_agent, "onewindow");
    for (const auto& [k, v] : headers) req.set(k, v);
    if (verb == http::verb::post) {
      if (req[http::field::content_type].empty()) req.set(http::field::content_type, "application/json");
      req.body() = body;
      req.prepare_payload();
    }
    if (u.tls) return over_tls(u, req, connect_timeout, response_timeout);
    // A pooled connection may have been closed by the server meanwhile (a restart closes them all): on such a
    // failure before any answer, every idle connection to that host is dropped and the request goes once more
    // on a fresh connection. Only that fresh attempt's failure is the caller's (and a breaker's) business.
    for (int attempt = 0; attempt < 2; ++attempt) {
      bool reused = false;
      auto stream = take(u, reused);
      auto& io = *contexts_of(stream.get());
      beast::error_code ec;
      if (!reused) {
        stream->expires_after(connect_timeout);
        tcp::resolver resolver(io);
        auto results = resolver.resolve(u.host, u.port, ec);
        if (!ec) {
          stream->async_connect(results, [&](beast::error_code e, const tcp::endpoint&) { ec = e; });
          run(io);
        }
        if (ec) return failed(stream, ec, "connect");
      }
      http::response<http::string_body> res;
      beast::flat_buffer buffer;
      stream->expires_after(response_timeout);
      http::async_write(*stream, req, [&](beast::error_code e, std::size_t) {
        ec = e;
        if (!e) http::async_read(*stream, buffer, res, [&](beast::error_code e2, std::size_t) { ec = e2; });
      });
      run(io);
      if (ec && reused && ec != beast::error::timeout) {
        drop(stream);
        drop_idle(u);
        continue;
      }
      if (ec) return failed(stream, ec, "request");
      HttpAnswer a{static_cast<int>(res.result_int()), std::move(res.body()), {}, false, retry_after(res)};
      if (res.keep_alive())
        give_back(u, std::move(stream));
      else
        drop(stream);
      return a;
    }
    return {0, {}, "connection closed", false};
  }

  HttpAnswer over_tls(const ParsedUrl& u, http::request<http::string_body>& req,
                      std::chrono::milliseconds connect_timeout, std::chrono::milliseconds response_timeout) {
    asio::io_context io;
    beast::ssl_stream<beast::tcp_stream> stream(io, tls);
    SSL_set_tlsext_host_name(stream.native_handle(), u.host.c_str());
    stream.set_verify_callback(asio::ssl::host_name_verification(u.host));
    beast::error_code ec;
    tcp::resolver resolver(io);
    auto results = resolver.resolve(u.host, u.port, ec);
    beast::get_lowest_layer(stream).expires_after(connect_timeout);
    if (!ec) {
      beast::get_lowest_layer(stream).async_connect(results, [&](beast::error_code e, const tcp::endpoint&) {
        ec = e;
        if (!e) stream.async_handshake(asio::ssl::stream_base::client, [&](beast::error_code e2) { ec = e2; });
      });
      run(io);
    }
    if (ec) return {0, {}, "connect: " + ec.message(), ec == beast::error::timeout};
    http::response<http::string_body> res;
    beast::flat_buffer buffer;
    beast::get_lowest_layer(stream).expires_after(response_timeout);
    http::async_write(stream, req, [&](beast::error_code e, std::size_t) {
      ec = e;
      if (!e) http::async_read(stream, buffer, res, [&](beast::error_code e2, std::size_t) { ec = e2; });
    });
    run(io);
    if (ec) return {0, {}, "request: " + ec.message(), ec == beast::error::timeout};
    return {static_cast<int>(res.result_int()), std::move(res.body()), {}, false, retry_after(res)};
  }

  std::unique_ptr<beast::tcp_stream> take(const ParsedUrl& u, bool& reused) {
    std::lock_guard lock(mutex);
    auto& list = idle[u.host + ":" + u.port];
    if (!list.empty()) {
      auto s = std::move(list.back());
      list.pop_back();
      reused = true;
      return s;
    }
    auto io = std::make_unique<asio::io_context>();
    auto s = std::make_unique<beast::tcp_stream>(*io);
    contexts.emplace(s.get(), std::move(io));
    return s;
  }
  asio::io_context* contexts_of(beast::tcp_stream* s) {
    std::lock_guard lock(mutex);
    return contexts.at(s).get();
  }
  void give_back(const ParsedUrl& u, std::unique_ptr<beast::tcp_stream> s) {
    {
      std::lock_guard lock(mutex);
      auto& list = idle[u.host + ":" + u.port];
      if (list.size() < 16) return list.push_back(std::move(s));
    }
    drop(s);
  }
  void drop_idle(const ParsedUrl& u) {
    std::vector<std::unique_ptr<beast::tcp_stream>> stale;
    {
      std::lock_guard lock(mutex);
      stale.swap(idle[u.host + ":" + u.port]);
    }
    for (auto& s : stale) drop(s);
  }
  void drop(std::unique_ptr<beast::tcp_stream>& s) {
    beast::error_code ignored;
    s->socket().close(ignored);
    auto* key = s.get();
    s.reset();
    std::lock_guard lock(mutex);
    contexts.erase(key);
  }
  HttpAnswer failed(std::unique_ptr<beast::tcp_stream>& s, const beast::error_code& ec, const char* what) {
    const bool timeout = ec == beast::error::timeout;
    drop(s);
    return {0, {}, std::string(what) + ": " + ec.message(), timeout};
  }
};

HttpClient::HttpClient(const std::string& ca_file) : impl_(std::make_unique<Impl>(ca_file)) {}
HttpClient::~HttpClient() = default;

HttpAnswer HttpClient::post(const std::string& url, const std::map<std::string, std::string>& headers,
                            const std::string& body, std::chrono::milliseconds connect_timeout,
                            std::chrono::milliseconds response_timeout) {
  return impl_->request(http::verb::post, url, headers, body, connect_timeout, response_timeout);
}
HttpAnswer HttpClient::get(const std::string& url, const std::map<std::string, std::string>& headers,
                           std::chrono::milliseconds connect_timeout, std::chrono::milliseconds response_timeout) {
  return impl_->request(http::verb::get, url, headers, {}, connect_timeout, response_timeout);
}

}  // namespace ow::adapters
