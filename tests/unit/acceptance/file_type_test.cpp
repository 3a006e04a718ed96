// Type by magic bytes (never by name) and the streaming PDF page count, fed whole and byte by byte.
#include <gtest/gtest.h>

#include <string>

#include "services/acceptance/file_type.hpp"

using ow::acceptance::PdfPageCounter;
using ow::acceptance::sniff_media_type;

TEST(FileType, PdfJpegAndPngByTheirFirstBytesOnly) {
  EXPECT_EQ(sniff_media_type("%PDF-1.7\n..."), "application/pdf");
  EXPECT_EQ(sniff_media_type(std::string("\xFF\xD8\xFF\xE0", 4)), "image/jpeg");
  EXPECT_EQ(sniff_media_type(std::string("\x89PNG\r\n\x1a\n", 8)), "image/png");
  EXPECT_FALSE(sniff_media_type("MZ\x90\x00 an executable"));
  EXPECT_FALSE(
      sniff_media_type("\x7f"
                       "ELF"));
  EXPECT_FALSE(sniff_media_type("PK\x03\x04 a zip"));
  EXPECT_FALSE(sniff_media_type(" %PDF-1.4"));  // not at the start
  EXPECT_FALSE(sniff_media_type(""));
  EXPECT_FALSE(sniff_media_type(std::string("\x89PNG", 4)));  // cut short
}

namespace {
const std::string kThreePages =
    "%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
    "2 0 obj <</Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3>> endobj\n"
    "3 0 obj <</Type /Page /Parent 2 0 R>> endobj\n4 0 obj <</Type/Page/Parent 2 0 R>> endobj\n"
    "5 0 obj <</Type /Page\n/Parent 2 0 R>> endobj\n%%EOF\n";
}

TEST(FileType, PdfPagesFromTheRootCountWhateverTheChunks) {
  for (std::size_t step : {kThreePages.size(), std::size_t{1}, std::size_t{7}, std::size_t{64}}) {
    PdfPageCounter c;
    for (std::size_t at = 0; at < kThreePages.size(); at += step)
      c.feed(std::string_view(kThreePages).substr(at, step));
    EXPECT_EQ(c.pages(), 3) << "chunks of " << step;
  }
}

TEST(FileType, PdfPagesFromPageObjectsWhenThereIsNoCount) {
  std::string pdf = kThreePages;
  pdf.replace(pdf.find("/Count 3"), 8, "        ");
  for (std::size_t step : {pdf.size(), std::size_t{1}, std::size_t{5}}) {
    PdfPageCounter c;
    for (std::size_t at = 0; at < pdf.size(); at += step) c.feed(std::string_view(pdf).substr(at, step));
    EXPECT_EQ(c.pages(), 3) << "chunks of " << step;  // /Pages is not a page
  }
  PdfPageCounter none;
  none.feed("%PDF-1.5 objects all in compressed streams");
  EXPECT_FALSE(none.pages());
}
