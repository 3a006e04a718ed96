// Base64url without padding (RFC 7515 §2), through libsodium: JWK members, PKCE values, random tokens.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ow::oidc {

std::string base64url(std::string_view bytes);
// Empty when the text is not base64url.
std::optional<std::string> base64url_decode(std::string_view text);
// `bytes` random bytes (libsodium), base64url: state, nonce, PKCE verifier, authorization codes.
std::string random_token(std::size_t bytes = 32);

}  // namespace ow::oidc
