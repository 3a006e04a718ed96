// Login throttling in Redis, shared by every instance. Each try is reserved atomically (one Lua script)
// BEFORE the password is hashed, so concurrent tries cannot overrun a limit, and counts as a failure until
// the check succeeds. Within a sliding window (auth.login_window_seconds) a try of LOGIN from ADDRESS is
// refused with the seconds to wait when
//   (1) ADDRESS has auth.login_max_failures_per_account failures on LOGIN, or
//   (2) ADDRESS has auth.login_max_failures_per_address failures on any logins, or
//   (3) LOGIN has auth.login_max_failures_per_account failures from all addresses together AND ADDRESS
//       has at least one failure on LOGIN itself.
// So a right password from an address with no failures is never blocked by other addresses' failures
// (nobody can lock a known login for its owner), while addresses that guess a login get one try each once
// it is under attack. A success forgets ADDRESS's failures on LOGIN (in all three counts: they were the
// owner's typos); failures on other logins or from other addresses stay, so a guesser cannot clear its
// address's count with an account of its own. The client address comes from client_address.hpp
// (X-Forwarded-For only behind trusted proxies).
// Keys: PREFIX + "pair:<h>:<address>", "addr:<address>", "acct:<h>" (h: BLAKE2b-128 of the login, hex — no
// raw login in Redis), sorted sets of millisecond timestamps from Redis's own clock, expiring with the
// window. The script touches three keys of different slots: Redis Sentinel works, Redis Cluster does not.
// With Redis unreachable, reserve() throws store::RedisUnavailable: logins fail closed (503).
#pragma once

#include <chrono>
#include <string>

#include "services/store/redis_client.hpp"

namespace ow::platform {

// BLAKE2b-128 of a typed login, in hex: what the throttle's Redis keys and the log say instead of the text
// (`printf %s LOGIN | b2sum -l 128` gives it for a suspected login).
std::string login_hash(const std::string& login);

struct LoginLimits {
  int per_account = 5;   // failures of one login from one address; also the login's total for rule (3)
  int per_address = 20;  // failures from one address on any logins
  std::chrono::seconds window{900};
};

class LoginThrottle;

// One reserved try. Call failed() or succeeded() once the password was checked; a try left undecided
// (the database failed before the check) is released when destroyed, counting nothing. Movable.
class LoginAttempt {
 public:
  LoginAttempt(LoginAttempt&& other) noexcept;
  LoginAttempt& operator=(LoginAttempt&&) = delete;
  ~LoginAttempt();

  bool allowed() const { return retry_after_ == 0; }
  int retry_after_seconds() const { return retry_after_; }  // > 0 when refused
  void failed();                                            // the reservation stays, as a failure
  void succeeded();  // forgets this address's failures on this login; the reservation is released

 private:
  friend class LoginThrottle;
  LoginAttempt(LoginThrottle* throttle, std::string pair, std::string address, std::string account, std::string member,
               int retry_after);
  void release(bool clear_pair) noexcept;

  LoginThrottle* throttle_;  // null once decided
  std::string pair_, address_, account_, member_;
  int retry_after_;
};

class LoginThrottle {
 public:
  // Throws std::invalid_argument when a limit or the window is below 1.
  LoginThrottle(store::RedisClient& redis, LoginLimits limits, std::string key_prefix = "ow:login:");

  // Reserves a try of `login` from `address`; check allowed(). Throws store::RedisUnavailable.
  LoginAttempt reserve(const std::string& login, const std::string& address);

 private:
  friend class LoginAttempt;
  store::RedisClient& redis_;
  const LoginLimits limits_;
  const std::string prefix_;
};

}  // namespace ow::platform
