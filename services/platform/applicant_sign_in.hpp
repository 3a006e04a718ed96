// Applicants' sign-in (issue 20): the platform as an OpenID Connect relying party. start() keeps the sign-in's
// state, nonce and PKCE verifier in Redis (with a TTL) and gives the provider's URL; finish() takes them back
// out (GETDEL: a state, and so its nonce, is good once), exchanges the code, verifies the ID token (libjwt, via
// adapters/oidc) and opens an applicant session in PostgreSQL — separate from staff sessions, found by its own
// cookie. Blocks on Redis, PostgreSQL and the provider: worker threads only.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "adapters/oidc/relying_party.hpp"
#include "services/platform/actor.hpp"
#include "services/store/pg_pool.hpp"
#include "services/store/redis_client.hpp"

namespace ow::platform {

struct SignInSettings {
  oidc::RelyingPartySettings provider;
  int state_seconds = 600, session_minutes = 60, kiosk_session_minutes = 10;
  std::string region_code;  // where applicants' own submissions are pre-reviewed
};

struct OpenedSession {
  std::string token;
  int max_age_seconds = 0;
  bool kiosk = false;
};

// The signed-in applicant's identity, opened from the session (personal data: never logged).
struct ApplicantIdentity {
  std::string kind, name, id_number, phone, company, credit_code;
};

class ApplicantSignIn {
 public:
  ApplicantSignIn(SignInSettings settings, store::PgPool& pool, store::RedisClient& redis);
  bool enabled() const { return rp_.configured(); }
  const SignInSettings& settings() const { return settings_; }
  // The provider's authorization URL for a new sign-in (kiosk: a kiosk's short session).
  std::string start(bool kiosk);
  // Throws Problem: 400 sign_in_expired (unknown or used state), 401 id_token_refused (with the reason),
  // 502 identity_provider_unavailable.
  OpenedSession finish(const std::string& code, const std::string& state);
  std::optional<platform::Actor> authenticate(const std::string& token);
  void sign_out(const platform::Actor& applicant);
  ApplicantIdentity identity(const platform::Actor& applicant);

 private:
  SignInSettings settings_;
  store::PgPool& pool_;
  store::RedisClient& redis_;
  oidc::RelyingParty rp_;
};

}  // namespace ow::platform
