// A Redis pattern subscription on its own thread and connection (hiredis 0.14): each message goes to the
// callback; when the connection drops it reconnects (every second while Redis is down) and calls
// `on_connected` again, so the caller can catch up on what it missed from PostgreSQL. With Sentinel
// (RedisLocator) it subscribes on the current master and, every two seconds, asks again: after a switch it
// moves to the new master (and catches up).
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "services/store/redis_sentinel.hpp"

namespace ow::store {

class RedisSubscriber {
 public:
  using OnMessage = std::function<void(const std::string& channel, const std::string& message)>;
  RedisSubscriber(std::string host, int port, std::string pattern, OnMessage on_message,
                  std::function<void()> on_connected, std::string password = "");
  RedisSubscriber(RedisLocator where, std::string pattern, OnMessage on_message, std::function<void()> on_connected,
                  std::string password = "");
  ~RedisSubscriber();
  void start();
  void stop();

 private:
  void run();
  RedisLocator where_;
  std::string pattern_;
  OnMessage on_message_;
  std::function<void()> on_connected_;
  std::string password_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace ow::store
