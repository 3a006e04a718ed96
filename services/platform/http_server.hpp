// The HTTP/1.1 server (Boost.Beast on Asio C++20 coroutines). One event-loop thread does all socket work;
// every request's handler runs on the worker pool, so nothing blocking ever runs on the loop. Per
// connection: a fresh parser per request with a body limit (413), a read timeout that runs from a request's
// first byte (also on a kept-alive connection), keep-alive with an idle timeout, one write in flight. At most
// `max_connections` open connections: beyond that a new connection gets a short 503 and is closed. Accept
// errors (EMFILE and the like) back off instead of spinning. Graceful stop: stop accepting, close idle connections, let
// requests already being read or handled finish (up to the grace period), refuse new ones on kept-alive connections.
#pragma once

#include "services/platform/event_hub.hpp"

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "services/platform/api.hpp"

namespace ow::platform {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;
  std::size_t body_limit = 1 << 20;
  // A larger limit for some requests (file uploads), decided from the request's head; body_limit when unset
  // or when it answers 0.
  std::function<std::size_t(const Request& head)> body_limit_for;
  std::size_t widest_body_limit = 0;  // the largest body_limit_for may answer
  std::chrono::seconds read_timeout{10};
  std::chrono::seconds idle_timeout{60};
  std::chrono::seconds shutdown_grace{20};
  std::size_t max_connections = 1024;
  // Server-Sent Events: a handler answering with header X-OW-SSE-Scope (and X-OW-SSE-After: the client's
  // Last-Event-ID, or -1 for a new client that wants live events only) turns its connection into an event
  // stream fed by this hub, with heartbeats.
  EventHub* events = nullptr;
  std::chrono::seconds heartbeat{15};
};

class HttpServer {
 public:
  HttpServer(ServerOptions options, const Api& api, boost::asio::thread_pool& workers);
  ~HttpServer();

  // Binds and listens; throws std::system_error when the address is taken. Returns the bound port.
  unsigned short listen();
  // Runs the event loop until a graceful stop completes. Installs SIGINT/SIGTERM handlers.
  void run();
  // Starts a graceful stop (thread-safe; what a signal does).
  void stop();
  std::size_t in_flight() const { return in_flight_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<std::size_t> in_flight_{0};
};

}  // namespace ow::platform
