// The edge decoder: UTF-8 and control-character checks, path segments, query strings, JSON bodies.
#include "services/platform/edge_input.hpp"

#include <boost/json/parse.hpp>
#include <cctype>

#include "services/platform/problem.hpp"

namespace ow::platform {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes `in`; false on a truncated or non-hex escape.
bool percent_decode(std::string_view in, bool plus_is_space, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = hex_value(in[i + 1]), lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      const char decoded = static_cast<char>(hi * 16 + lo);
      // In a path, an escaped letter, digit or - . _ ~ is only ever a disguise ("/%61pi/…" for "/api/…", past
      // a proxy rule written for the plain form): refused.
      if (!plus_is_space && (std::isalnum(static_cast<unsigned char>(decoded)) || decoded == '-' || decoded == '.' ||
                             decoded == '_' || decoded == '~'))
        return false;
      out.push_back(decoded);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

Problem invalid_text(const std::string& field) {
  return Problem(400, "invalid_text", "内容含有无效字符（须为 UTF-8 文本，且不含控制字符）",
                 "'" + field + "' is not valid UTF-8 text or holds a control character",
                 boost::json::object{{"field", field}});
}

void check_json(const boost::json::value& v, const std::string& where) {
  switch (v.kind()) {
    case boost::json::kind::string:
      if (!valid_text(v.get_string(), true)) throw invalid_text(where.empty() ? "body" : where);
      break;
    case boost::json::kind::array: {
      std::size_t i = 0;
      for (const auto& x : v.get_array()) check_json(x, where + "[" + std::to_string(i++) + "]");
      break;
    }
    case boost::json::kind::object:
      for (const auto& m : v.get_object()) {
        const std::string key(m.key());
        if (!valid_text(key, false)) throw invalid_text(where.empty() ? "body" : where);
        check_json(m.value(), where.empty() ? key : where + "." + key);
      }
      break;
    default: break;
  }
}

}  // namespace

bool valid_text(std::string_view text, bool allow_tab_newline) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7f) {
        if (!(allow_tab_newline && (c == '\t' || c == '\n'))) return false;
      }
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    if (c >= 0xc2 && c <= 0xdf)
      len = 2, cp = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef)
      len = 3, cp = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4)
      len = 4, cp = c & 0x07;
    else
      return false;  // a continuation byte first, an overlong lead (C0, C1) or beyond U+10FFFF (F5..FF)
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3f);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff))) return false;  // overlong, too large
    if (cp >= 0xd800 && cp <= 0xdfff) return false;                                               // surrogates
    if (cp >= 0x80 && cp <= 0x9f) return false;                                                   // C1 controls
    // Bidirectional overrides and isolates, and the line/paragraph separators: text that displays other than
    // it reads (a name that spoofs another in the console or the audit).
    if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029) return false;
    i += len;
  }
  return true;
}

const char* describe(PathFault fault) {
  switch (fault) {
    case PathFault::none: return "ok";
    case PathFault::bad_escape: return "a malformed percent escape, or an escaped letter, digit or -._~";
    case PathFault::encoded_separator: return "an encoded slash or a backslash";
    case PathFault::empty_segment: return "an empty segment";
    case PathFault::dot_segment: return "a '.' or '..' segment";
    case PathFault::bad_text: return "invalid UTF-8 or a control character";
  }
  return "?";
}

DecodedPath decode_path(std::string_view raw) {
  DecodedPath out;
  if (raw.empty() || raw.front() != '/') {
    out.fault = PathFault::empty_segment;
    return out;
  }
  std::string_view rest = raw.substr(1);
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);  // one trailing slash
  if (rest.empty()) return out;
  std::size_t pos = 0;
  for (;;) {
    const std::size_t slash = rest.find('/', pos);
    const std::string_view part =
        rest.substr(pos, slash == std::string_view::npos ? std::string_view::npos : slash - pos);
    std::string segment;
    if (part.empty())
      out.fault = PathFault::empty_segment;
    else if (!percent_decode(part, false, segment))
      out.fault = PathFault::bad_escape;
    else if (segment.find('/') != std::string::npos || segment.find('\\') != std::string::npos)
      out.fault = PathFault::encoded_separator;
    else if (segment == "." || segment == "..")
      out.fault = PathFault::dot_segment;
    else if (!valid_text(segment))
      out.fault = PathFault::bad_text;
    if (!out.ok()) {
      out.segments.clear();
      return out;
    }
    out.segments.push_back(std::move(segment));
    if (slash == std::string_view::npos) break;
    pos = slash + 1;
  }
  return out;
}

std::map<std::string, std::string> parse_query(std::string_view query) {
  std::map<std::string, std::string> out;
  std::size_t pos = 0;
  while (pos <= query.size()) {
    const std::size_t amp = query.find('&', pos);
    const std::string_view part = query.substr(pos, amp == std::string_view::npos ? std::string_view::npos : amp - pos);
    if (!part.empty()) {
      const std::size_t eq = part.find('=');
      std::string key, value;
      if (!percent_decode(part.substr(0, eq), true, key) || !valid_text(key)) throw invalid_text("query");
      if (eq != std::string_view::npos && (!percent_decode(part.substr(eq + 1), true, value) || !valid_text(value)))
        throw invalid_text(key);
      out[std::move(key)] = std::move(value);
    }
    if (amp == std::string_view::npos) break;
    pos = amp + 1;
  }
  return out;
}

boost::json::object parse_json_object(std::string_view body) {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);  // Boost.JSON refuses invalid UTF-8 in strings by default
  if (ec) throw problems::malformed_json(ec.message());
  if (!v.is_object()) throw problems::malformed_json("the body must be a JSON object");
  check_json(v, "");
  return std::move(v.as_object());
}

}  // namespace ow::platform
