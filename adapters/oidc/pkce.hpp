// PKCE (RFC 7636) with the S256 method: the relying party keeps a random verifier and sends its challenge;
// the provider checks the verifier against the challenge it was given. SHA-256 by OpenSSL.
#pragma once

#include <string>

namespace ow::oidc {

std::string pkce_verifier();                              // 43 characters of base64url (32 random bytes)
std::string pkce_challenge(const std::string& verifier);  // base64url(SHA-256(verifier))
// The verifier is 43–128 unreserved characters and its S256 challenge is `challenge` (compared in constant time).
bool pkce_matches(const std::string& verifier, const std::string& challenge);

}  // namespace ow::oidc
