// The login throttle's two Redis scripts (reserve, release) and the keys they work on.
#include "services/platform/login_throttle.hpp"

#include "services/platform/client_address.hpp"

#include <sodium.h>

#include <stdexcept>
#include <utility>

#include "services/platform/log.hpp"

namespace ow::platform {
namespace {

// KEYS: pair (login, address), address, account (login). ARGV: per_account, per_address, window_ms, member.
// Returns 0 after reserving, else the milliseconds until a try would be allowed.
constexpr const char* kReserve = R"LUA(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local per_account, per_address, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
for i = 1, 3 do redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window) end
local function wait(key, limit)
  if redis.call('ZCARD', key) < limit then return 0 end
  local e = redis.call('ZRANGE', key, -limit, -limit, 'WITHSCORES')
  return tonumber(e[2]) + window - now
end
local w = math.max(wait(KEYS[1], per_account), wait(KEYS[2], per_address))
local newest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if newest[2] then
  local until_clean = tonumber(newest[2]) + window - now
  w = math.max(w, math.min(wait(KEYS[3], per_account), until_clean))
end
if w > 0 then return math.max(1, math.ceil(w)) end
local limits = {per_account, per_address, per_account}
for i = 1, 3 do
  redis.call('ZADD', KEYS[i], now, ARGV[4])
  redis.call('ZREMRANGEBYRANK', KEYS[i], 0, -(limits[i] + 1))
  redis.call('PEXPIRE', KEYS[i], window)
end
return 0
)LUA";

// KEYS as above. ARGV: member, "1" after a success: then every failure of this address on this login (each
// try's member is in all three sets) is forgotten in the address's and the login's counts too.
constexpr const char* kRelease = R"LUA(
local members = {ARGV[1]}
if ARGV[2] == '1' then members = redis.call('ZRANGE', KEYS[1], 0, -1) end
for _, m in ipairs(members) do
  for i = 1, 3 do redis.call('ZREM', KEYS[i], m) end
end
if ARGV[2] == '1' then redis.call('DEL', KEYS[1]) end
return 0
)LUA";

std::string hex(const unsigned char* data, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.pop_back();
  return out;
}

}  // namespace

std::string login_hash(const std::string& login) {
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(login.data()), login.size(), nullptr,
                     0);
  return hex(digest, sizeof digest);
}

LoginThrottle::LoginThrottle(store::RedisClient& redis, LoginLimits limits, std::string key_prefix)
    : redis_(redis), limits_(limits), prefix_(std::move(key_prefix)) {
  if (limits.per_account < 1 || limits.per_address < 1 || limits.window.count() < 1)
    throw std::invalid_argument("login limits and the login window must be at least 1");
}

LoginAttempt LoginThrottle::reserve(const std::string& login, const std::string& client) {
  const std::string address = throttle_bucket(client);  // an IPv6 client by its /64
  const std::string h = login_hash(login);
  unsigned char raw[16];
  randombytes_buf(raw, sizeof raw);
  LoginAttempt a(this, prefix_ + "pair:" + h + ":" + address, prefix_ + "addr:" + address, prefix_ + "acct:" + h,
                 hex(raw, sizeof raw), 0);
  store::RedisReply r;
  try {
    r = redis_.command({"EVAL", kReserve, "3", a.pair_, a.address_, a.account_, std::to_string(limits_.per_account),
                        std::to_string(limits_.per_address), std::to_string(limits_.window.count() * 1000), a.member_});
  } catch (const store::RedisUnavailable&) {
    a.throttle_ = nullptr;
    throw;
  } catch (const std::runtime_error& e) {  // an error reply (LOADING, READONLY, …): Redis cannot count now
    a.throttle_ = nullptr;
    throw store::RedisUnavailable(std::string("login throttle: ") + e.what());
  }
  if (r.kind != store::RedisReply::Kind::integer) {
    a.throttle_ = nullptr;
    throw store::RedisUnavailable("login throttle: unexpected Redis reply");
  }
  if (r.integer > 0) {
    a.retry_after_ = static_cast<int>((r.integer + 999) / 1000);
    a.throttle_ = nullptr;  // nothing was reserved
  }
  return a;
}

LoginAttempt::LoginAttempt(LoginThrottle* throttle, std::string pair, std::string address, std::string account,
                           std::string member, int retry_after)
    : throttle_(throttle),
      pair_(std::move(pair)),
      address_(std::move(address)),
      account_(std::move(account)),
      member_(std::move(member)),
      retry_after_(retry_after) {}

LoginAttempt::LoginAttempt(LoginAttempt&& o) noexcept
    : throttle_(std::exchange(o.throttle_, nullptr)),
      pair_(std::move(o.pair_)),
      address_(std::move(o.address_)),
      account_(std::move(o.account_)),
      member_(std::move(o.member_)),
      retry_after_(o.retry_after_) {}

LoginAttempt::~LoginAttempt() { release(false); }

void LoginAttempt::failed() { throttle_ = nullptr; }

void LoginAttempt::succeeded() { release(true); }

void LoginAttempt::release(bool clear_pair) noexcept {
  if (!throttle_) return;
  LoginThrottle* t = std::exchange(throttle_, nullptr);
  try {
    t->redis_.command({"EVAL", kRelease, "3", pair_, address_, account_, member_, clear_pair ? "1" : "0"});
  } catch (const std::exception& e) {
    // The reservation then counts as a failure until the window passes: the safe side.
    log(LogLevel::warn, "login throttle: could not release a reserved try", {{"error", e.what()}});
  }
}

}  // namespace ow::platform
