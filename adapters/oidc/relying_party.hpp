// The platform as an OpenID Connect relying party (authorization code flow with PKCE): builds the provider's
// authorization URL for a sign-in, and finishes it — exchanges the code at the token endpoint (client secret,
// PKCE verifier) and verifies the ID token against the provider's JWKS (id_token.hpp). The discovery document
// and the JWKS are fetched when first needed and kept; the JWKS is fetched again once when a token names a key
// it lacks (the provider rotated). Every call blocks on HTTP with timeouts: worker threads only.
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

#include "adapters/department/http_client.hpp"

namespace ow::oidc {

struct RelyingPartySettings {
  std::string issuer, client_id, client_secret, redirect_uri;
  std::chrono::milliseconds timeout{3000};
};

// The provider could not be reached or answered nonsense (discovery, JWKS, token endpoint): the sign-in
// cannot finish now. `code_` token_refused when the token endpoint refused the code (used, expired, PKCE).
struct ProviderUnavailable : std::runtime_error {
  ProviderUnavailable(std::string code_, const std::string& what) : std::runtime_error(what), code(std::move(code_)) {}
  std::string code;
};

struct SignInStart {
  std::string state, nonce, verifier;  // kept by the caller until the callback
  std::string authorization_url;       // where the browser goes
};

class RelyingParty {
 public:
  explicit RelyingParty(RelyingPartySettings settings);
  bool configured() const { return !settings_.issuer.empty() && !settings_.client_id.empty(); }
  SignInStart start();
  // The verified ID token's claims; throws IdTokenRefused or ProviderUnavailable.
  boost::json::object finish(const std::string& code, const std::string& verifier, const std::string& nonce,
                             std::int64_t now_unix);

 private:
  boost::json::object fetch_json(const std::string& url);
  std::string endpoint(const char* name);
  boost::json::object jwks(bool refresh);

  RelyingPartySettings settings_;
  adapters::HttpClient client_;
  std::mutex mutex_;
  std::optional<boost::json::object> discovery_, jwks_;
};

}  // namespace ow::oidc
