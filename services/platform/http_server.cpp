// Beast sessions as coroutines, the acceptor, signals and the graceful drain.
#include "services/platform/http_server.hpp"

#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <deque>
#include <list>
#include <set>

#include "services/platform/edge_input.hpp"
#include "services/platform/log.hpp"

namespace ow::platform {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

struct Connection {
  beast::tcp_stream* stream = nullptr;
  bool idle = true;  // waiting for the first byte of a request
};

struct HttpServer::Impl {
  ServerOptions options;
  const Api& api;
  asio::thread_pool& workers;
  asio::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
  asio::signal_set signals{ioc, SIGINT, SIGTERM};
  std::list<Connection> connections;  // touched only on the loop thread
  bool stopping = false;
  std::atomic<std::size_t>& in_flight;

  Impl(ServerOptions o, const Api& a, asio::thread_pool& w, std::atomic<std::size_t>& f)
      : options(std::move(o)), api(a), workers(w), in_flight(f) {}

  asio::awaitable<void> accept_loop() {
    asio::steady_timer pause(ioc);
    auto backoff = std::chrono::milliseconds(0);
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(use_tuple);
      if (ec) {
        if (ec == asio::error::operation_aborted || stopping) co_return;
        // Out of descriptors or memory: the next accept would fail at once; wait (10 ms doubling to 1 s) so that
        // the loop serves the open connections instead of spinning.
        backoff =
            std::min(std::chrono::milliseconds(1000), backoff.count() ? backoff * 2 : std::chrono::milliseconds(10));
        log(LogLevel::warn, "accept failed", {{"error", ec.message()}, {"backoff_ms", backoff.count()}});
        pause.expires_after(backoff);
        co_await pause.async_wait(use_tuple);
        continue;
      }
      backoff = std::chrono::milliseconds(0);
      if (connections.size() >= options.max_connections) {
        asio::co_spawn(ioc, refuse_busy(std::move(socket)), asio::detached);
        continue;
      }
      asio::co_spawn(ioc, session(std::move(socket)), asio::detached);
    }
  }

  // Over the connection cap: one short 503 (written with a tight timeout), then close.
  asio::awaitable<void> refuse_busy(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    Response res = problem_response(problems::unavailable("too_many_connections", "服务繁忙，请稍后重试",
                                                          "the server holds its maximum number of connections", 1),
                                    "", "");
    set_api_headers(res);
    res.keep_alive(false);
    stream.expires_after(std::chrono::seconds(1));
    co_await http::async_write(stream, res, use_tuple);
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream.close();
  }

  // The handler's coroutine takes everything by value: a lambda coroutine's captures would dangle.
  static asio::awaitable<Response> handle_on_worker(const Api* api, Request request, std::string remote) {
    co_return api->handle(request, remote);
  }

  asio::awaitable<Response> run_handler(Request request, std::string remote) {
    // Hop to the worker pool for the handler; the awaiting session resumes on the loop.
    co_return co_await asio::co_spawn(workers, handle_on_worker(&api, std::move(request), std::move(remote)),
                                      asio::use_awaitable);
  }

  Response transport_problem(const Problem& p, const std::string& remote, const Request* req) {
    const std::string id = req ? request_id_for(*req) : request_id_for(Request{});
    // The path only (a query may hold a query code), and only when it is valid text (the answer is JSON).
    std::string instance = req ? std::string(req->target()) : "";
    instance = instance.substr(0, instance.find('?'));
    if (!valid_text(instance)) instance = "(invalid path)";
    Response res = problem_response(p, instance, id);
    res.set("X-Request-Id", id);
    set_api_headers(res);
    res.keep_alive(false);
    api.record(req, "transport", res, 0, id, "", remote);
    return res;
  }

  asio::awaitable<void> session(tcp::socket socket) {
    beast::error_code ignored;
    const auto endpoint = socket.remote_endpoint(ignored);
    const std::string remote = endpoint.address().to_string();
    beast::tcp_stream stream(std::move(socket));
    auto self = connections.insert(connections.end(), Connection{&stream, true});
    // However the session ends (an exception included), its slot is given back and the drain never sees a
    // stream that is gone.
    struct Slot {
      std::list<Connection>& list;
      std::list<Connection>::iterator it;
      ~Slot() { list.erase(it); }
    } slot{connections, self};
    beast::flat_buffer buffer;
    bool first = true;
    for (;;) {
      http::request_parser<http::string_body> parser;
      // Beast checks a Content-Length against the limit as the header is read: the widest limit until the head
      // says which applies (checked just below).
      parser.body_limit(std::max(options.body_limit, options.widest_body_limit));
      parser.header_limit(16 * 1024);
      self->idle = true;
      if (stopping) break;
      if (!first && buffer.size() == 0) {
        // Kept alive: wait up to the idle timeout for the next request's first byte; from then on the request has
        // the read timeout, like the first one (a slow sender cannot hold the connection for the idle time).
        stream.expires_after(options.idle_timeout);
        auto [ec0, n0] = co_await stream.async_read_some(buffer.prepare(4096), use_tuple);
        buffer.commit(n0);
        if (ec0) break;
        self->idle = false;  // a request has begun: a stop lets it finish
      }
      // One deadline for the whole request, header and body, from its first byte (or from the connection's start).
      const auto deadline = std::chrono::steady_clock::now() + options.read_timeout;
      stream.expires_at(deadline);
      first = false;
      auto [ec, n] = co_await http::async_read_header(stream, buffer, parser, use_tuple);
      (void)n;
      self->idle = false;
      if (ec) {
        if (ec == http::error::body_limit)
          co_await write(stream, transport_problem(problems::payload_too_large(options.body_limit), remote, nullptr));
        else if (ec != http::error::end_of_stream && ec != asio::error::operation_aborted &&
                 ec != beast::error::timeout && ec != asio::error::connection_reset && ec != asio::error::eof)
          co_await write(stream, transport_problem(problems::bad_request("malformed HTTP request: " + ec.message()),
                                                   remote, nullptr));
        break;
      }
      if (stopping) {
        // Arrived after the stop began: refuse before it starts.
        Request head = parser.get();
        co_await write(
            stream, transport_problem(problems::unavailable("shutting_down", "服务正在停止，请稍后重试", "", 5), remote,
                                      &head));
        break;
      }
      std::size_t limit = options.body_limit;
      if (options.body_limit_for)
        if (const std::size_t wider = options.body_limit_for(parser.get())) limit = wider;
      parser.body_limit(limit);
      if (parser.content_length() && *parser.content_length() > limit) {
        Request head = parser.get();
        co_await write(stream, transport_problem(problems::payload_too_large(limit), remote, &head));
        break;
      }
      if (parser.get()[http::field::expect] == "100-continue") {
        http::response<http::empty_body> cont{http::status::continue_, 11};
        co_await http::async_write(stream, cont, use_tuple);
      }
      stream.expires_at(deadline);
      auto [ec2, n2] = co_await http::async_read(stream, buffer, parser, use_tuple);
      (void)n2;
      if (ec2) {
        if (ec2 == http::error::body_limit) {
          Request head = parser.get();
          co_await write(stream, transport_problem(problems::payload_too_large(limit), remote, &head));
        } else if (ec2 != beast::error::timeout && ec2 != asio::error::operation_aborted &&
                   ec2 != http::error::end_of_stream && ec2 != asio::error::connection_reset &&
                   ec2 != asio::error::eof) {
          co_await write(stream, transport_problem(problems::bad_request("malformed HTTP request: " + ec2.message()),
                                                   remote, nullptr));
        }
        break;
      }
      Request request = parser.release();
      const bool keep_alive = request.keep_alive();
      ++in_flight;
      Response response = co_await run_handler(std::move(request), remote);
      if (!options.events || response.find("X-OW-SSE-Scope") == response.end()) response.erase("X-OW-SSE-Credential");
      if (options.events && response.find("X-OW-SSE-Scope") != response.end()) {
        --in_flight;  // a long-lived stream does not hold up a drain; it ends when the stop begins
        co_await stream_events(stream, std::move(response));
        break;
      }
      response.keep_alive(keep_alive && !stopping);
      const bool ok = co_await write(stream, std::move(response));
      --in_flight;
      if (!ok || !keep_alive || stopping) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.close();
  }

  static asio::awaitable<std::vector<HubEvent>> replay_on_worker(EventHub* hub, std::string scope, std::int64_t after) {
    co_return hub->replay(scope, after);
  }

  static asio::awaitable<std::int64_t> newest_on_worker(EventHub* hub) { co_return hub->newest(); }

  static asio::awaitable<bool> session_alive_on_worker(const Api* api, std::string credential) {
    co_return api->still_authenticated(credential);
  }

  // One event; a line break inside the data (or the type) cannot end the event or forge another: each line of the
  // data is its own `data:` field, as the format wants, and the type is cut at its first line break.
  static std::string sse_text(const HubEvent& e) {
    std::string data;
    std::size_t start = 0;
    for (;;) {
      const std::size_t end = e.data.find_first_of("\r\n", start);
      data += "data: " + e.data.substr(start, end == std::string::npos ? std::string::npos : end - start) + "\n";
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return "id: " + std::to_string(e.id) + "\nevent: " + e.type.substr(0, e.type.find_first_of("\r\n")) + "\n" + data +
           "\n";
  }

  asio::awaitable<bool> write_chunk(beast::tcp_stream& stream, const std::string& text) {
    stream.expires_after(options.read_timeout);
    auto [ec, n] = co_await asio::async_write(stream, http::make_chunk(asio::buffer(text)), use_tuple);
    (void)n;
    co_return !ec;
  }

  // The event stream: subscribe first, then send what the client missed (read from the store on a worker),
  // then live events as they are published, and a comment line as heartbeat when nothing happens. A new
  // client (X-OW-SSE-After below 0) misses nothing: it gets a bare `id:` line with the newest id, so that a
  // reconnect with Last-Event-ID replays what happened while it was away, then live events only.
  asio::awaitable<void> stream_events(beast::tcp_stream& stream, Response head) {
    EventHub& hub = *options.events;
    const std::string scope(head["X-OW-SSE-Scope"]);
    const std::string credential(head["X-OW-SSE-Credential"]);
    std::int64_t after = -1;
    try {
      after = std::stoll(std::string(head["X-OW-SSE-After"]));
    } catch (const std::exception&) {
    }
    auto sub = hub.subscribe(scope);
    auto timer = std::make_shared<asio::steady_timer>(ioc);
    {
      std::lock_guard lock(sub->mutex);
      sub->wake = [this, timer] { asio::post(ioc, [timer] { timer->cancel(); }); };
    }
    http::response<http::empty_body> res{http::status::ok, 11};
    res.set(http::field::content_type, "text/event-stream; charset=utf-8");
    res.set(http::field::cache_control, "no-cache");
    res.set("X-Request-Id", head["X-Request-Id"]);
    res.set("X-Accel-Buffering", "no");
    res.chunked(true);
    http::response_serializer<http::empty_body> sr{res};
    stream.expires_after(options.read_timeout);
    auto [ec, n] = co_await http::async_write_header(stream, sr, use_tuple);
    (void)n;
    bool ok = !ec;
    std::set<std::int64_t> sent;
    // The store may be down: a stream that cannot read where it starts ends (the client reconnects), and the
    // subscription is given back below either way.
    std::int64_t newest = 0;
    std::vector<HubEvent> missed;
    try {
      if (ok && after < 0)
        newest = co_await asio::co_spawn(workers, newest_on_worker(&hub), asio::use_awaitable);
      else if (ok)
        missed = co_await asio::co_spawn(workers, replay_on_worker(&hub, scope, after), asio::use_awaitable);
    } catch (const std::exception& e) {
      log(LogLevel::warn, "event stream could not start", {{"error", e.what()}});
      ok = false;
    }
    if (ok && after < 0) {
      ok = co_await write_chunk(stream, ": stream open\n\nid: " + std::to_string(newest) + "\n\n");
    } else if (ok) {
      std::string text = ": stream open\n\n";
      for (const auto& e : missed) {
        text += sse_text(e);
        sent.insert(e.id);
      }
      ok = co_await write_chunk(stream, text);
    }
    auto since_write = std::chrono::steady_clock::now();
    while (ok && !stopping) {
      std::deque<HubEvent> ready;
      {
        std::lock_guard lock(sub->mutex);
        ready.swap(sub->queue);
      }
      std::string text;
      // Events come in id order and ids in commit order: what is at or below where the client starts (its
      // Last-Event-ID, or the newest id when it is new) it has seen, or happened before it came.
      const std::int64_t seen_up_to = after < 0 ? newest : after;
      for (const auto& e : ready)
        if (e.id > seen_up_to && sent.insert(e.id).second) text += sse_text(e);
      if (text.empty() && std::chrono::steady_clock::now() - since_write >= options.heartbeat) {
        // The session may have ended since the stream began (logout, password change, disabled user).
        if (!co_await asio::co_spawn(workers, session_alive_on_worker(&api, credential), asio::use_awaitable)) break;
        text = ": heartbeat\n\n";
      }
      if (!text.empty()) {
        ok = co_await write_chunk(stream, text);
        since_write = std::chrono::steady_clock::now();
        continue;
      }
      timer->expires_after(std::chrono::seconds(1));  // also notices a stop within a second
      co_await timer->async_wait(use_tuple);
    }
    {
      std::lock_guard lock(sub->mutex);
      sub->wake = nullptr;
    }
    hub.unsubscribe(sub);
    if (ok) {
      stream.expires_after(options.read_timeout);
      co_await asio::async_write(stream, http::make_chunk_last(), use_tuple);
    }
  }

  template <class Message>
  asio::awaitable<bool> write(beast::tcp_stream& stream, Message message) {
    stream.expires_after(options.read_timeout);
    auto [ec, n] = co_await http::async_write(stream, message, use_tuple);
    (void)n;
    co_return !ec;
  }

  asio::awaitable<void> drain() {
    const auto deadline = std::chrono::steady_clock::now() + options.shutdown_grace;
    asio::steady_timer timer(ioc);
    for (;;) {
      for (auto& c : connections)
        if (c.idle) c.stream->cancel();
      if (connections.empty()) break;
      if (std::chrono::steady_clock::now() >= deadline) {
        log(LogLevel::warn, "grace period over; closing connections", {{"open", connections.size()}});
        for (auto& c : connections) c.stream->close();
        break;
      }
      timer.expires_after(std::chrono::milliseconds(20));
      co_await timer.async_wait(use_tuple);
    }
    beast::error_code ignored;
    signals.cancel(ignored);
  }

  void begin_stop() {
    if (stopping) return;
    stopping = true;
    log(LogLevel::info, "stopping: no new connections; draining", {{"in_flight", in_flight.load()}});
    beast::error_code ignored;
    acceptor.close(ignored);
    asio::co_spawn(ioc, drain(), asio::detached);
  }
};

HttpServer::HttpServer(ServerOptions options, const Api& api, asio::thread_pool& workers)
    : impl_(std::make_unique<Impl>(std::move(options), api, workers, in_flight_)) {}

HttpServer::~HttpServer() = default;

unsigned short HttpServer::listen() {
  auto& a = impl_->acceptor;
  tcp::endpoint ep(asio::ip::make_address(impl_->options.address), impl_->options.port);
  a.open(ep.protocol());
  a.set_option(asio::socket_base::reuse_address(true));
  a.bind(ep);
  a.listen(asio::socket_base::max_listen_connections);
  return a.local_endpoint().port();
}

void HttpServer::run() {
  impl_->signals.async_wait([this](const beast::error_code& ec, int signal) {
    if (ec) return;
    log(LogLevel::info, "signal received", {{"signal", signal}});
    impl_->begin_stop();
  });
  asio::co_spawn(impl_->ioc, impl_->accept_loop(), asio::detached);
  impl_->ioc.run();
}

void HttpServer::stop() {
  asio::post(impl_->ioc, [this] { impl_->begin_stop(); });
}

}  // namespace ow::platform
