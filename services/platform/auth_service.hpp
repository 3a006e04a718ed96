// Authentication: logins against argon2id hashes with rate limiting, bearer sessions stored hashed in
// PostgreSQL, department API keys. Runs on worker threads (it blocks on the database and on hashing).
#pragma once

#include <optional>
#include <string>

#include "services/platform/actor.hpp"
#include "services/platform/login_throttle.hpp"
#include "services/store/pg_pool.hpp"

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
  // 429 login_rate_limited with Retry-After.
  LoginResult login(const std::string& login, const std::string& password, const std::string& remote_address);
  void logout(const Actor& actor);
  // The actor behind a bearer token or an API key; empty when neither is valid.
  std::optional<Actor> authenticate(const std::string& bearer_token, const std::string& api_key);

 private:
  store::PgPool& pool_;
  LoginThrottle& throttle_;
  const int ttl_minutes_;
};

}  // namespace ow::platform
