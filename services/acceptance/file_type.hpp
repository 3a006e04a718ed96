// What an uploaded file is, from its bytes and never its name: PDF, JPEG or PNG (magic bytes), and a PDF's page
// count, read chunk by chunk as the bytes stream past (no whole file needed).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ow::acceptance {

// "application/pdf", "image/jpeg", "image/png", or nothing for any other bytes (an executable, a ZIP, text…).
// `head` is the file's first bytes (8 are enough).
std::optional<std::string> sniff_media_type(std::string_view head);

// Counts a PDF's pages as its bytes go by: the largest /Count of a /Pages node when there is one (the page tree's
// root), else the number of /Type /Page objects. Objects inside compressed object streams are not seen.
class PdfPageCounter {
 public:
  void feed(std::string_view chunk);
  std::optional<int> pages() const;

 private:
  void scan(std::string_view text, std::size_t fresh_from);
  std::string tail_;  // the end of the previous chunk, so that a token across two chunks is seen
  int page_objects_ = 0, largest_count_ = 0;
};

}  // namespace ow::acceptance
