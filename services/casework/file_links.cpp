// Signing and checking material links (libsodium's HMAC-SHA256).
#include "services/casework/file_links.hpp"

#include <sodium.h>

#include <stdexcept>

namespace ow::casework {
namespace {

// The signed text: a version tag and the four parts, one per line (none of them can hold a newline: a
// department code, a case number and two numbers).
std::string signed_text(const FileLink& l) {
  return "ow-file-link-v1\n" + l.department + "\n" + l.case_number + "\n" + std::to_string(l.file_id) + "\n" +
         std::to_string(l.expires);
}

}  // namespace

FileLinkSigner::FileLinkSigner(std::string key, std::int64_t ttl_seconds) : key_(std::move(key)), ttl_(ttl_seconds) {
  if (key_.size() < 32) throw std::invalid_argument("a file link key has at least 32 bytes");
  if (ttl_ < 1) throw std::invalid_argument("a file link lives at least one second");
}

FileLink FileLinkSigner::issue(std::string department, std::string case_number, std::int64_t file_id,
                               std::int64_t now) const {
  return {std::move(department), std::move(case_number), file_id, now + ttl_};
}

std::string FileLinkSigner::signature(const FileLink& link) const {
  const std::string text = signed_text(link);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key_.data()), key_.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

std::string FileLinkSigner::path(const FileLink& link) const {
  return "/api/v1/departments/" + link.department + "/cases/" + link.case_number + "/files/" +
         std::to_string(link.file_id) + "?expires=" + std::to_string(link.expires) + "&signature=" + signature(link);
}

LinkVerdict FileLinkSigner::check(const FileLink& link, std::string_view presented, std::int64_t now) const {
  const std::string expected = signature(link);
  if (presented.size() != expected.size() || sodium_memcmp(presented.data(), expected.data(), expected.size()) != 0)
    return LinkVerdict::forged;
  return now < link.expires ? LinkVerdict::valid : LinkVerdict::expired;
}

}  // namespace ow::casework
