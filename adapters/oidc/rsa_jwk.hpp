// RSA keys as OpenID Connect publishes them: a key pair made by OpenSSL (the demo provider's signing key),
// its public half as a JWK (kty RSA, n, e base64url), and a JWK back to the PEM libjwt verifies with.
#pragma once

#include <boost/json/object.hpp>
#include <string>

namespace ow::oidc {

struct RsaKeyPair {
  std::string private_pem, public_pem;
  std::string n, e;  // base64url big-endian modulus and exponent
};

// A fresh 2048-bit key (OpenSSL).
RsaKeyPair make_rsa_key();
// {"kty":"RSA","use":"sig","alg":"RS256","kid":kid,"n","e"}.
boost::json::object public_jwk(const RsaKeyPair& key, const std::string& kid);
// The PEM (SubjectPublicKeyInfo) of an RSA JWK; throws std::invalid_argument when n or e is not a number.
std::string pem_of_jwk(const std::string& n, const std::string& e);

}  // namespace ow::oidc
