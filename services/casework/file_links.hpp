// Material links for department systems: a push names each material file of the case as a short-lived link
// bound to the department, the case and the file, signed with HMAC-SHA256 under a key only the platform holds
// (derived from the personal-data key file, so every instance shares it). A department fetches it with its own
// API key as well: the link alone opens nothing, and a link made out for one department opens nothing for another.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ow::casework {

struct FileLink {
  std::string department, case_number;
  std::int64_t file_id = 0;
  std::int64_t expires = 0;  // Unix seconds
};

// What a presented link is: made by us and still in time, not made by us (or altered), or past its expiry.
enum class LinkVerdict { valid, forged, expired };

class FileLinkSigner {
 public:
  // `key`: at least 32 bytes of secret; `ttl_seconds`: how long an issued link stays valid (files.link_ttl_seconds).
  FileLinkSigner(std::string key, std::int64_t ttl_seconds);

  // A link for `department` to file `file_id` of case `case_number`, valid until now + ttl.
  FileLink issue(std::string department, std::string case_number, std::int64_t file_id, std::int64_t now) const;
  // The link's signature: lowercase hex of HMAC-SHA256 over its four parts.
  std::string signature(const FileLink& link) const;
  // The path a department fetches, relative to the platform:
  // /api/v1/departments/{code}/cases/{number}/files/{id}?expires=…&signature=…
  std::string path(const FileLink& link) const;
  // Checks a presented link (signature compared in constant time; then its expiry against `now`).
  LinkVerdict check(const FileLink& link, std::string_view signature, std::int64_t now) const;
  std::int64_t ttl_seconds() const { return ttl_; }

 private:
  std::string key_;
  std::int64_t ttl_;
};

}  // namespace ow::casework
