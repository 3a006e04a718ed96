// Form and query decoding for the simulator's endpoints.
#include "adapters/simulator/form_fields.hpp"

#include <cctype>

namespace ow::simulator {

std::string percent_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

std::map<std::string, std::string> form_fields(const std::string& text) {
  std::map<std::string, std::string> out;
  for (std::size_t start = 0; start <= text.size();) {
    const auto end = std::min(text.find('&', start), text.size());
    const std::string pair = text.substr(start, end - start);
    const auto eq = pair.find('=');
    if (eq != std::string::npos) out[percent_decode(pair.substr(0, eq))] = percent_decode(pair.substr(eq + 1));
    start = end + 1;
  }
  return out;
}

}  // namespace ow::simulator
