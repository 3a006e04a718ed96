// The text[] parameter of the store's named statements.
#include "services/store/sql_text.hpp"

namespace ow::store {

std::string text_array_literal(const std::vector<std::string>& items) {
  std::string out = "{";
  for (const auto& s : items) {
    out += out.size() > 1 ? ",\"" : "\"";
    for (char c : s) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

std::string id_array_literal(const std::vector<std::int64_t>& ids) {
  std::string out = "{";
  for (const auto id : ids) out += (out.size() > 1 ? "," : "") + std::to_string(id);
  return out + "}";
}

}  // namespace ow::store
