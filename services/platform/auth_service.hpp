// Authentication: logins against argon2id hashes with rate limiting (login_throttle.hpp, in Redis), bearer
// sessions stored hashed in PostgreSQL, department API keys, and a user's change of their own password.
// Runs on worker threads (it blocks on the database, on Redis and on hashing).
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "services/platform/actor.hpp"
#include "services/platform/login_throttle.hpp"
#include "services/store/pg_pool.hpp"

namespace ow::store {
struct UserRecord;
}

namespace ow::platform {

struct LoginResult {
  std::string token;
  int expires_in_seconds = 0;
  Actor actor;
};

class AuthService {
 public:
  AuthService(store::PgPool& pool, LoginThrottle& throttle, int session_ttl_minutes)
      : pool_(pool), throttle_(throttle), ttl_minutes_(session_ttl_minutes) {}

  // Throws Problem: 401 invalid_credentials (wrong login or password, disabled user — indistinguishable),
  // 429 login_rate_limited with Retry-After; store::RedisUnavailable (503) when the throttle cannot count.
  LoginResult login(const std::string& login, const std::string& password, const std::string& remote_address);
  void logout(const Actor& actor);
  // The actor behind a bearer token or an API key; empty when neither is valid.
  std::optional<Actor> authenticate(const std::string& bearer_token, const std::string& api_key);
  // A staff user's own password change: the current password is checked under the login throttle (403
  // current_password_wrong, 429), the new one against the password rule (422 weak_password, field
  // new_password); then every other session of the user is revoked and the actor's own is kept.
  // Department systems get 403.
  void change_own_password(const Actor& actor, const std::string& current_password, const std::string& new_password,
                           const std::string& remote_address);

  // How many password hashes were checked (right, wrong or for an unknown login) since start: lets tests
  // see that refused tries never reach the hash.
  std::uint64_t password_checks() const { return password_checks_.load(); }

 private:
  // Verifies `password` against `user`'s hash (or burns the same time when there is no usable user).
  bool check_password(const store::UserRecord* user, const std::string& password);
  store::PgPool& pool_;
  LoginThrottle& throttle_;
  const int ttl_minutes_;
  std::atomic<std::uint64_t> password_checks_{0};
};

}  // namespace ow::platform
