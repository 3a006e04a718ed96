// Query codes: generation, normalisation, grouping.
#include "services/casework/query_code.hpp"

#include <sodium.h>

#include <cmath>
#include <stdexcept>

namespace ow::casework::query_code {

double entropy_bits() { return kLength * std::log2(static_cast<double>(kAlphabet.size())); }

std::string generate() {
  static const bool ready = sodium_init() >= 0;  // idempotent; the server has already called it
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
  std::string code;
  for (int i = 0; i < kLength; ++i)
    code += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
  return code;
}

std::optional<std::string> normalise(std::string_view typed) {
  std::string out;
  for (std::size_t i = 0; i < typed.size(); ++i) {
    auto c = static_cast<unsigned char>(typed[i]);
    // Full-width forms U+FF01..U+FF5E (EF BC 81 .. EF BD 9E) are ASCII 0x21..0x7E; U+3000 is a space.
    if (c == 0xEF && i + 2 < typed.size()) {
      const auto b1 = static_cast<unsigned char>(typed[i + 1]), b2 = static_cast<unsigned char>(typed[i + 2]);
      const int cp = ((c & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
      if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80 && cp >= 0xFF01 && cp <= 0xFF5E) {
        c = static_cast<unsigned char>(cp - 0xFF01 + 0x21);
        i += 2;
      }
    } else if (c == 0xE3 && i + 2 < typed.size() && typed.substr(i, 3) == "\xE3\x80\x80") {
      i += 2;
      continue;
    }
    if (c == ' ' || c == '-' || c == '\t') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<unsigned char>(c - 'a' + 'A');
    if (kAlphabet.find(static_cast<char>(c)) == std::string_view::npos) return std::nullopt;
    out += static_cast<char>(c);
    if (out.size() > static_cast<std::size_t>(kLength)) return std::nullopt;
  }
  if (out.size() != static_cast<std::size_t>(kLength)) return std::nullopt;
  return out;
}

std::string grouped(std::string_view code) {
  std::string out;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += '-';
    out += code[i];
  }
  return out;
}

}  // namespace ow::casework::query_code
