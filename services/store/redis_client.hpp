// A small blocking Redis client (hiredis 0.14) for worker threads: a few pooled connections, so calls never
// queue behind one another's timeouts; connect and command timeouts; a circuit breaker, so a hung or dead
// Redis costs callers at most one timeout each until it trips, and nothing after that (they fail at once,
// one probe at a time finds it back). Redis holds only what can be rebuilt, so callers treat RedisUnavailable
// as "degrade", never as data loss.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "services/store/circuit_breaker.hpp"
#include "services/store/errors.hpp"
#include "services/store/redis_sentinel.hpp"

struct redisContext;

namespace ow::store {

// A reply reduced to what the platform uses.
struct RedisReply {
  enum class Kind { nil, integer, text, status, array, error } kind = Kind::nil;
  long long integer = 0;
  std::string text;
  std::vector<RedisReply> items;
};

class RedisClient {
 public:
  // `password`: Redis's requirepass (empty: none). At most `connections` calls run at once; another waits for
  // one of them at most `timeout`.
  RedisClient(std::string host, int port, std::chrono::milliseconds timeout, std::string password = "",
              std::size_t connections = 4);
  // The master found by `where` (a fixed address or Sentinel) on every new connection: after a failover the
  // broken connections are dropped and the next ones reach the new master. A connection whose server turned
  // replica (a write answered READONLY) is dropped the same way.
  RedisClient(RedisLocator where, std::chrono::milliseconds timeout, std::string password = "",
              std::size_t connections = 4);
  ~RedisClient();
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  // Runs one command (binary-safe arguments). Throws RedisUnavailable on connection errors and timeouts,
  // std::runtime_error on a Redis error reply.
  RedisReply command(const std::vector<std::string>& args);
  // Runs several commands on one connection in one round trip (pipelined); the replies in order. Throws like
  // command() when the connection fails; an error reply comes back as Kind::error (its text the message).
  std::vector<RedisReply> pipeline(const std::vector<std::vector<std::string>>& commands);
  bool ping();
  // Called on every connection error (the platform counts them in /metrics).
  void on_error(std::function<void()> f) { on_error_ = std::move(f); }
  // The breaker is open: Redis is being treated as down (readiness reports it degraded).
  bool short_circuited() const;

 private:
  redisContext* take();                           // an idle connection or a new one
  void give_back(redisContext* c, bool healthy);  // healthy: kept for the next call
  redisContext* connect(std::string& why);
  [[noreturn]] void fail(const std::string& why);
  bool admit();     // the breaker lets a call through
  void answered();  // Redis answered: the breaker closes
  std::vector<RedisReply> run(const std::vector<std::vector<std::string>>& commands);

  RedisLocator where_;
  const std::chrono::milliseconds timeout_;
  const std::string password_;
  const std::size_t connections_;
  mutable std::mutex breaker_mutex_;
  CircuitBreaker breaker_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<redisContext*> idle_;
  std::size_t open_ = 0;  // connections that exist, idle or lent
  std::function<void()> on_error_;
};

}  // namespace ow::store
