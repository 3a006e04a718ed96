// The reconnecting alert-stream client: plain sockets with a short receive timeout (so stop() is noticed),
// HTTP/1.1 chunked decoding, then the SSE format (events end with a blank line; `id:`, `event:`, `data:`).
#include "tests/chaos/alert_follower.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>

namespace ow::chaos {

AlertFollower::AlertFollower(int port, std::string token) : port_(port), token_(std::move(token)) {}

AlertFollower::~AlertFollower() { stop(); }

void AlertFollower::start() {
  thread_ = std::thread([this] { run(); });
}

void AlertFollower::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

std::vector<std::int64_t> AlertFollower::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

void AlertFollower::run() {
  while (!stopping_) {
    follow_once();
    if (!stopping_) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

void AlertFollower::on_event(const std::string& block) {
  std::string id, event;
  bool has_data = false;
  std::size_t start = 0;
  while (start < block.size()) {
    const auto end = std::min(block.find('\n', start), block.size());
    const std::string line = block.substr(start, end - start);
    start = end + 1;
    if (line.rfind("id: ", 0) == 0) id = line.substr(4);
    if (line.rfind("event: ", 0) == 0) event = line.substr(7);
    if (line.rfind("data: ", 0) == 0) has_data = true;
  }
  std::lock_guard lock(mutex_);
  if (!id.empty()) last_event_id_ = id;  // as EventSource: the last id seen is sent on reconnect
  if (event == "alert" && has_data && !id.empty() && id.find_first_not_of("0123456789") == std::string::npos)
    received_.push_back(std::stoll(id));
}

void AlertFollower::follow_once() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return;
  timeval tv{0, 300000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port_));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return;
  }
  std::string last;
  {
    std::lock_guard lock(mutex_);
    last = last_event_id_;
  }
  const std::string request = "GET /api/v1/alerts/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                              token_ + "\r\nAccept: text/event-stream\r\nLast-Event-ID: " + last + "\r\n\r\n";
  if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) {
    ::close(fd);
    return;
  }
  std::string raw, events;
  bool headed = false;
  const auto opened = std::chrono::steady_clock::now();
  char buf[8192];
  while (!stopping_) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
        // The head must come soon; afterwards a quiet stream is normal (heartbeats every 15 s).
        if (!headed && std::chrono::steady_clock::now() - opened > std::chrono::seconds(10)) break;
        continue;
      }
      break;
    }
    raw.append(buf, static_cast<std::size_t>(n));
    if (!headed) {
      const auto head_end = raw.find("\r\n\r\n");
      if (head_end == std::string::npos) continue;
      if (raw.rfind("HTTP/1.1 200", 0) != 0) break;  // 503 while PostgreSQL is down, …: try again
      headed = true;
      ++connections_;
      raw.erase(0, head_end + 4);
    }
    // Chunked transfer coding: "<hex size>\r\n<data>\r\n", ended by a zero-size chunk.
    bool ended = false;
    for (;;) {
      const auto line_end = raw.find("\r\n");
      if (line_end == std::string::npos) break;
      std::size_t size = 0;
      try {
        size = std::stoul(raw.substr(0, line_end), nullptr, 16);
      } catch (const std::exception&) {
        ended = true;  // not chunked coding as expected: drop the connection and reconnect
        break;
      }
      if (size == 0) {
        ended = true;
        break;
      }
      if (raw.size() < line_end + 2 + size + 2) break;
      events.append(raw, line_end + 2, size);
      raw.erase(0, line_end + 2 + size + 2);
    }
    for (auto end = events.find("\n\n"); end != std::string::npos; end = events.find("\n\n")) {
      on_event(events.substr(0, end));
      events.erase(0, end + 2);
    }
    if (ended) break;
  }
  ::close(fd);
}

}  // namespace ow::chaos
