// Counting failed attempts in Redis, shared by every instance: a counter per key (a case number, a client
// address) that a guess reserves BEFORE it is checked, so concurrent guesses can never exceed the limit, and
// that a successful attempt gives back. The window starts with the first counted attempt; the attempt that
// reaches the limit re-arms it, so the key then stays locked for a whole window. Each call is one Lua
// script on one key (atomic, and fine for Redis Cluster). Thread-safe as the RedisClient is.
#pragma once

#include <chrono>
#include <string>

#include "services/store/redis_client.hpp"

namespace ow::store {

class AttemptLimiter {
 public:
  explicit AttemptLimiter(RedisClient& redis) : redis_(redis) {}

  struct Reservation {
    bool allowed = false;         // false: the key is locked and nothing was counted
    long long count = 0;          // attempts counted in the window, this one included when allowed
    std::chrono::seconds ttl{0};  // how long the window (or the lock) still runs
  };
  // Throws RedisUnavailable when Redis cannot be asked (also for an error reply).
  Reservation reserve(const std::string& key, int max, std::chrono::seconds window);
  // Gives back an attempt reserve() counted that turned out not to be a failure.
  void refund(const std::string& key);

 private:
  RedisClient& redis_;
};

}  // namespace ow::store
