// OpenID Connect ID tokens (RS256 JWTs) through libjwt: signing (the demo provider) and the relying party's
// verification against the provider's JWKS — signature by the key the header's kid names, algorithm RS256
// only, issuer, audience, expiry (and issue time), and the nonce the sign-in sent.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace ow::oidc {

// Why a token was refused, as a stable code: malformed, unknown_key, signature, algorithm, issuer, audience,
// expired, not_yet_valid, nonce.
struct IdTokenRefused : std::runtime_error {
  explicit IdTokenRefused(std::string code_)
      : std::runtime_error("ID token refused: " + code_), code(std::move(code_)) {}
  std::string code;
};

// An RS256 JWT of `claims` with header kid, signed with the PEM private key.
std::string sign_id_token(const std::string& private_pem, const std::string& kid, const boost::json::object& claims);

struct IdTokenExpectation {
  std::string issuer, audience, nonce;
  std::int64_t now = 0;      // Unix seconds
  std::int64_t leeway = 60;  // clock skew allowed, seconds
};

// The verified token's claims; throws IdTokenRefused.
boost::json::object verify_id_token(const std::string& token, const boost::json::object& jwks,
                                    const IdTokenExpectation& expect);

}  // namespace ow::oidc
