// A Redis pattern subscription on its own thread and connection (hiredis 0.14): each message goes to the
// callback; when the connection drops it reconnects (every second while Redis is down) and calls
// `on_connected` again, so the caller can catch up on what it missed from PostgreSQL.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>

namespace ow::store {

class RedisSubscriber {
 public:
  using OnMessage = std::function<void(const std::string& channel, const std::string& message)>;
  RedisSubscriber(std::string host, int port, std::string pattern, OnMessage on_message,
                  std::function<void()> on_connected, std::string password = "");
  ~RedisSubscriber();
  void start();
  void stop();

 private:
  void run();
  std::string host_;
  int port_;
  std::string pattern_;
  OnMessage on_message_;
  std::function<void()> on_connected_;
  std::string password_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace ow::store
