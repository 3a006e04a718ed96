// An SSE client for e2e tests: reads a server's alert stream on its own thread, keeping everything received
// with the time it arrived.
#pragma once

#include <boost/asio.hpp>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace ow::testing {

// Reads an SSE stream on its own thread, keeping everything received with the time it arrived.
class SseReader {
 public:
  SseReader(int port, const std::string& token, const std::string& last_event_id = {}) {
    socket_.connect({boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
    std::string request =
        "GET /api/v1/alerts/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n";
    if (!last_event_id.empty()) request += "Last-Event-ID: " + last_event_id + "\r\n";
    request += "\r\n";
    boost::asio::write(socket_, boost::asio::buffer(request));
    thread_ = std::thread([this] {
      char buf[4096];
      for (;;) {
        boost::system::error_code ec;
        const auto n = socket_.read_some(boost::asio::buffer(buf), ec);
        if (ec) return;
        std::lock_guard lock(mutex_);
        text_.append(buf, n);
        arrivals_.emplace_back(text_.size(), std::chrono::steady_clock::now());
      }
    });
  }
  ~SseReader() {
    boost::system::error_code ignored;
    socket_.shutdown(boost::asio::socket_base::shutdown_both, ignored);
    socket_.close(ignored);
    thread_.join();
  }
  // When `needle` first arrived, if it has.
  std::optional<std::chrono::steady_clock::time_point> arrived(const std::string& needle) {
    std::lock_guard lock(mutex_);
    const auto pos = text_.find(needle);
    if (pos == std::string::npos) return std::nullopt;
    for (const auto& [end, when] : arrivals_)
      if (end >= pos + needle.size()) return when;
    return std::nullopt;
  }
  std::optional<std::chrono::steady_clock::time_point> wait_for(const std::string& needle,
                                                                std::chrono::milliseconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      if (auto t = arrived(needle)) return t;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return arrived(needle);
  }
  std::string text() {
    std::lock_guard lock(mutex_);
    return text_;
  }

 private:
  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_{io_};
  std::thread thread_;
  std::mutex mutex_;
  std::string text_;
  std::vector<std::pair<std::size_t, std::chrono::steady_clock::time_point>> arrivals_;
};

}  // namespace ow::testing
