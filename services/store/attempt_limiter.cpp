// The attempt counters' Lua scripts.
#include "services/store/attempt_limiter.hpp"

namespace ow::store {
namespace {

// KEYS[1] counter; ARGV[1] limit; ARGV[2] window seconds. → {allowed 0|1, count, ttl seconds}
const char* const kReserve = R"LUA(
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
local max = tonumber(ARGV[1])
if n >= max then
  local ttl = redis.call('TTL', KEYS[1])
  if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[2]); ttl = tonumber(ARGV[2]) end
  return {0, n, ttl}
end
n = redis.call('INCR', KEYS[1])
if n == 1 or n >= max then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return {1, n, redis.call('TTL', KEYS[1])}
)LUA";

// KEYS[1] counter. A counter that expired meanwhile is not left negative.
const char* const kRefund = R"LUA(
local n = redis.call('DECR', KEYS[1])
if n <= 0 then redis.call('DEL', KEYS[1]) end
return n
)LUA";

RedisReply run(RedisClient& redis, const std::vector<std::string>& args) {
  try {
    return redis.command(args);
  } catch (const RedisUnavailable&) {
    throw;
  } catch (const std::exception& e) {  // an error reply: the limiter cannot count, so it cannot allow
    throw RedisUnavailable(std::string("attempt limiter: ") + e.what());
  }
}

}  // namespace

AttemptLimiter::Reservation AttemptLimiter::reserve(const std::string& key, int max, std::chrono::seconds window) {
  auto r = run(redis_, {"EVAL", kReserve, "1", key, std::to_string(max), std::to_string(window.count())});
  if (r.kind != RedisReply::Kind::array || r.items.size() != 3)
    throw RedisUnavailable("attempt limiter: unexpected reply");
  Reservation out;
  out.allowed = r.items[0].integer == 1;
  out.count = r.items[1].integer;
  out.ttl = std::chrono::seconds(std::max<long long>(r.items[2].integer, 1));
  return out;
}

void AttemptLimiter::refund(const std::string& key) { run(redis_, {"EVAL", kRefund, "1", key}); }

}  // namespace ow::store
