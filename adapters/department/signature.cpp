// HMAC-SHA256 signatures of department messages (OpenSSL).
#include "adapters/department/signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <charconv>

namespace ow::adapters {

std::string sign(std::string_view secret, std::string_view timestamp, std::string_view body) {
  std::string message;
  message.reserve(timestamp.size() + 1 + body.size());
  message.append(timestamp).append(".").append(body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &len);
  std::string hex(len * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), mac, len);
  hex.pop_back();
  return hex;
}

bool signature_matches(std::string_view secret, std::string_view timestamp, std::string_view body,
                       std::string_view signature) {
  const std::string expected = sign(secret, timestamp, body);
  return signature.size() == expected.size() && CRYPTO_memcmp(expected.data(), signature.data(), expected.size()) == 0;
}

bool timestamp_fresh(std::string_view timestamp, std::int64_t now_unix, std::int64_t skew_seconds) {
  std::int64_t t = 0;
  auto [end, ec] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), t);
  if (ec != std::errc() || end != timestamp.data() + timestamp.size() || timestamp.empty()) return false;
  return t >= now_unix - skew_seconds && t <= now_unix + skew_seconds;
}

}  // namespace ow::adapters
