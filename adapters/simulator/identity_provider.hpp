// The simulator playing the provincial app's identity provider (demo and tests): OpenID Connect with the
// authorization code flow and PKCE (S256 only). Its RS256 signing key is made at start; it serves, under
// <issuer> = http://127.0.0.1:<port>/oidc:
//   GET  /oidc/.well-known/openid-configuration   the discovery document
//   GET  /oidc/jwks                                the public key (kid "sim-<n>")
//   GET  /oidc/authorize?response_type=code&client_id&redirect_uri&scope=openid&state&nonce&code_challenge
//        &code_challenge_method=S256                 a login page listing the demo people (checks the client
//                                                    and its exact redirect URL first: never redirects elsewhere)
//   GET  /oidc/login?request=R&person=P             the choice: 302 to redirect_uri?code=…&state=…
//   POST /oidc/token (form: grant_type=authorization_code, code, redirect_uri, client_id, client_secret,
//        code_verifier)                              the ID token (name, id_number, nonce; an agent also
//                                                    credit_code and company); a code is good once, for 60 s
//   POST /oidc/_forge {"kind"}                        tests: the next ID token is forged — wrong_key (signed by
//                                                    another key under the same kid), wrong_audience, expired,
//                                                    wrong_nonce, wrong_issuer, replayed_nonce (the honest ID
//                                                    token of the previous sign-in again, its nonce spent)
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "adapters/oidc/rsa_jwk.hpp"

namespace ow::simulator {

struct OidcClient {
  std::string id, secret, redirect_uri;  // the one relying party (the platform); the secret from a file or env
};

struct DemoPerson {
  std::string id, name, id_number, phone, kind;  // kind: resident or enterprise_agent
  std::string company, credit_code;              // an enterprise agent's company
};
const std::vector<DemoPerson>& demo_people();

struct IdpReply {
  int status = 200;
  std::string body = {}, content_type = "application/json", location = {};
};

class IdentityProvider {
 public:
  IdentityProvider(std::string issuer, OidcClient client);
  // The reply for a /oidc/ path, nullopt for any other.
  std::optional<IdpReply> handle(const std::string& method, const std::string& target, const std::string& body);

 private:
  struct Pending {
    std::map<std::string, std::string> request;
    std::chrono::steady_clock::time_point until;
  };
  IdpReply authorize(const std::map<std::string, std::string>& q);
  IdpReply login(const std::map<std::string, std::string>& q);
  IdpReply token(const std::map<std::string, std::string>& form);

  std::string issuer_, kid_;
  OidcClient client_;
  oidc::RsaKeyPair key_;
  std::mutex mutex_;
  std::map<std::string, Pending> requests_;  // login pages shown, by request id
  std::map<std::string, Pending> codes_;     // codes issued (the request plus "person"), by code
  std::string forge_next_;                   // tests: how the next ID token is forged ("" none)
  oidc::RsaKeyPair forger_key_;              // the key of a wrong_key forgery
  std::string last_honest_token_;            // the last unforged ID token, for a replayed_nonce forgery
};

}  // namespace ow::simulator
