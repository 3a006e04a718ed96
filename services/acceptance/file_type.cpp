// Magic bytes of the accepted file types and the streaming PDF page counter.
#include "services/acceptance/file_type.hpp"

#include <cctype>

namespace ow::acceptance {

std::optional<std::string> sniff_media_type(std::string_view head) {
  if (head.substr(0, 5) == "%PDF-") return "application/pdf";
  if (head.size() >= 3 && static_cast<unsigned char>(head[0]) == 0xFF && static_cast<unsigned char>(head[1]) == 0xD8 &&
      static_cast<unsigned char>(head[2]) == 0xFF)
    return "image/jpeg";
  if (head.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return "image/png";
  return std::nullopt;
}

namespace {
constexpr std::size_t kTail = 64;

std::size_t skip_space(std::string_view s, std::size_t i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}
}  // namespace

void PdfPageCounter::feed(std::string_view chunk) {
  std::string text = tail_;
  const std::size_t fresh_from = text.size();
  text.append(chunk);
  scan(text, fresh_from);
  tail_ = text.size() > kTail ? text.substr(text.size() - kTail) : text;
}

// Counts tokens whose deciding byte (the one after the token) is fresh: the others were counted before.
void PdfPageCounter::scan(std::string_view text, std::size_t fresh_from) {
  for (std::size_t at = text.find("/Type"); at != std::string_view::npos; at = text.find("/Type", at + 1)) {
    std::size_t i = skip_space(text, at + 5);
    if (text.substr(i, 5) != "/Page") continue;
    const std::size_t end = i + 5;
    if (end > text.size() || end < fresh_from) continue;  // decided by a byte seen before
    if (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) continue;  // /Pages
    if (end == text.size()) continue;  // might be /Pages: decided with the next chunk
    ++page_objects_;
  }
  for (std::size_t at = text.find("/Count"); at != std::string_view::npos; at = text.find("/Count", at + 1)) {
    std::size_t i = skip_space(text, at + 6), j = i;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    if (j == i || j == text.size() || j < fresh_from || j - i > 6) continue;
    const int n = std::stoi(std::string(text.substr(i, j - i)));
    if (n > largest_count_) largest_count_ = n;
  }
}

std::optional<int> PdfPageCounter::pages() const {
  if (largest_count_ > 0) return largest_count_;
  if (page_objects_ > 0) return page_objects_;
  return std::nullopt;
}

}  // namespace ow::acceptance
