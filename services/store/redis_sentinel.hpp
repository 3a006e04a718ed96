// Where the Redis master is: a fixed address (redis.host/redis.port), or asked of Redis Sentinel (settings
// redis.sentinels, redis.master_name). hiredis 0.14 speaks no Sentinel, so this is a small client of its
// protocol: `SENTINEL get-master-addr-by-name NAME` to each Sentinel in turn (with connect and reply
// timeouts), the first that answers moved to the front (the Sentinel clients' guideline), and `ROLE` on a new
// connection to be sure it reached a master (a Sentinel can be behind a switch). Store implementation files
// and tests only.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

struct redisContext;

namespace ow::store {

struct RedisAddress {
  std::string host;
  int port = 0;
  bool operator==(const RedisAddress&) const = default;
  std::string text() const { return host + ":" + std::to_string(port); }
};

// "host:port,host:port" (blanks around entries ignored) → addresses; std::invalid_argument naming the bad entry.
std::vector<RedisAddress> parse_redis_addresses(const std::string& text);

// One Sentinel's answer for `master` (nullopt: it does not answer, or does not know the master).
std::optional<RedisAddress> ask_sentinel(const RedisAddress& sentinel, const std::string& master,
                                         std::chrono::milliseconds timeout);

// ROLE on an open connection: true when it is a master (false on a replica, or no answer).
bool redis_is_master(redisContext* c);

class RedisLocator {
 public:
  // A fixed address: locate() always answers it.
  RedisLocator(std::string host, int port);
  // Asked of these Sentinels, for the master they know as `master_name`.
  RedisLocator(std::vector<RedisAddress> sentinels, std::string master_name, std::chrono::milliseconds timeout);
  RedisLocator(const RedisLocator& other);

  // The master's address now (nullopt: no Sentinel answers).
  std::optional<RedisAddress> locate();
  bool via_sentinel() const { return !sentinels_.empty(); }
  // For log lines: the address, or the Sentinels and master name.
  std::string describe() const;

 private:
  RedisAddress fixed_;
  std::string master_name_;
  std::chrono::milliseconds timeout_{500};
  mutable std::mutex mutex_;
  std::vector<RedisAddress> sentinels_;
};

}  // namespace ow::store
