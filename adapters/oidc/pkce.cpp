// PKCE S256: random verifier, its challenge, the provider's check.
#include "adapters/oidc/pkce.hpp"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include "adapters/oidc/base64url.hpp"

namespace ow::oidc {

std::string pkce_verifier() { return random_token(32); }

std::string pkce_challenge(const std::string& verifier) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size(), digest);
  return base64url(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

bool pkce_matches(const std::string& verifier, const std::string& challenge) {
  if (verifier.size() < 43 || verifier.size() > 128) return false;
  for (char c : verifier)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' || c == '~')) return false;
  const std::string computed = pkce_challenge(verifier);
  return computed.size() == challenge.size() && CRYPTO_memcmp(computed.data(), challenge.data(), computed.size()) == 0;
}

}  // namespace ow::oidc
