// The signing scheme between the platform and department systems: X-OW-Signature is the lowercase hex of
// HMAC-SHA256(secret, timestamp + "." + body), X-OW-Timestamp the Unix time in seconds. Both directions
// (pushes and callbacks) use it; a timestamp outside the allowed skew is refused.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ow::adapters {

std::string sign(std::string_view secret, std::string_view timestamp, std::string_view body);

// True when `signature` is the signature of (timestamp, body), compared in constant time.
bool signature_matches(std::string_view secret, std::string_view timestamp, std::string_view body,
                       std::string_view signature);

// True when `timestamp` is a whole number of seconds within `skew_seconds` of `now_unix`.
bool timestamp_fresh(std::string_view timestamp, std::int64_t now_unix, std::int64_t skew_seconds);

}  // namespace ow::adapters
