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

}  // namespace ow::store
