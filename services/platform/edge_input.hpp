// Decoding and validating what arrives from the network, once, at the edge: the request path (percent-decoded
// into segments), the query string and JSON bodies. Text must be valid UTF-8 without control characters (JSON
// strings may hold tab and newline; bidirectional overrides and line separators are refused too); a path may
// not hold empty, "." or ".." segments, encoded slashes, backslashes, NUL, or escaped letters, digits and -._~
// (only a disguise: "/%61pi/" for "/api/"). Everything behind the edge sees decoded, valid text only.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ow::platform {

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF) and holds
// no C0/C1 control character or DEL; `allow_tab_newline` lets '\t' and '\n' through.
bool valid_text(std::string_view text, bool allow_tab_newline = false);

// Why a path was refused, for the log and the problem detail (never echoing the path).
enum class PathFault { none, bad_escape, encoded_separator, empty_segment, dot_segment, bad_text };
const char* describe(PathFault fault);

struct DecodedPath {
  std::vector<std::string> segments;  // percent-decoded, each non-empty and valid text
  PathFault fault = PathFault::none;
  bool ok() const { return fault == PathFault::none; }
};

// Splits an absolute path ("/api/v1/cases/X") into decoded segments. One trailing slash is allowed ("/a/" is
// ["a"]); "/" is no segment at all.
DecodedPath decode_path(std::string_view raw);

// Decodes a query string ("a=1&b=%E4%B8%AD"); '+' is a space; repeated keys keep the last value. Throws a 400
// Problem naming the parameter when a key or value is badly escaped, not UTF-8 or holds a control character.
std::map<std::string, std::string> parse_query(std::string_view query);

// Parses a request body that must be one JSON object; throws 400 malformed_json when it is not JSON or not an
// object, and 400 invalid_text naming the member ("applicant.name", "materials[2]") whose key or string value
// holds a control character other than tab and newline.
boost::json::object parse_json_object(std::string_view body);

}  // namespace ow::platform
