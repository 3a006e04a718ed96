// A small blocking Redis client (hiredis 0.14) for worker threads: one connection behind a mutex, connect
// and command timeouts, reconnect on the next call after an error. Redis holds only what can be rebuilt,
// so callers treat RedisUnavailable as "degrade", never as data loss.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "services/store/errors.hpp"

struct redisContext;

namespace ow::store {

// A reply reduced to what the platform uses.
struct RedisReply {
  enum class Kind { nil, integer, text, status, array } kind = Kind::nil;
  long long integer = 0;
  std::string text;
  std::vector<RedisReply> items;
};

class RedisClient {
 public:
  // `password`: Redis's requirepass (empty: none).
  RedisClient(std::string host, int port, std::chrono::milliseconds timeout, std::string password = "");
  ~RedisClient();
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  // Runs one command (binary-safe arguments). Throws RedisUnavailable on connection errors and timeouts,
  // std::runtime_error on a Redis error reply.
  RedisReply command(const std::vector<std::string>& args);
  bool ping();
  // Called on every connection error (the platform counts them in /metrics).
  void on_error(std::function<void()> f) { on_error_ = std::move(f); }

 private:
  void connect_locked();
  void disconnect_locked();

  const std::string host_;
  const int port_;
  const std::chrono::milliseconds timeout_;
  const std::string password_;
  std::mutex mutex_;
  redisContext* context_ = nullptr;
  std::function<void()> on_error_;
};

}  // namespace ow::store
