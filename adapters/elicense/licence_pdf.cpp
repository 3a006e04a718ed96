// A licence's one-page PDF, written object by object with a cross-reference table.
#include "adapters/elicense/licence_pdf.hpp"

#include <cstdio>
#include <vector>

namespace ow::adapters {

std::string ucs2_hex(const std::string& utf8) {
  static const char* const digits = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    unsigned cp = 0xFFFD;
    std::size_t len = 1;
    if (c < 0x80) {
      cp = c;
    } else if ((c >> 5) == 0x6 && i + 1 < utf8.size()) {
      cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu), len = 2;
    } else if ((c >> 4) == 0xE && i + 2 < utf8.size()) {
      cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(utf8[i + 2]) & 0x3Fu);
      len = 3;
    } else if ((c >> 3) == 0x1E) {
      len = 4;  // outside the BMP: no UCS-2 form
    }
    i += len;
    for (int shift = 12; shift >= 0; shift -= 4) out += digits[(cp >> shift) & 0xF];
  }
  return out;
}

namespace {

// The width in points of `utf8` at `size` points: ASCII half the em (the font's /W), every other character a
// whole one.
int text_width(const std::string& utf8, int size) {
  int units = 0;
  for (unsigned char c : utf8) {
    if (c < 0x80)
      units += 500;
    else if ((c & 0xC0) != 0x80)
      units += 1000;  // the first byte of a multi-byte character
  }
  return units * size / 1000;
}

// One line of text at (x, y) in the Chinese font at `size` points.
std::string line(int x, int y, int size, const std::string& text) {
  return "BT /F1 " + std::to_string(size) + " Tf " + std::to_string(x) + " " + std::to_string(y) + " Td <" +
         ucs2_hex(text) + "> Tj ET\n";
}

}  // namespace

std::string licence_pdf(const ELicense& licence) {
  std::string content = "0.70 0.10 0.10 RG 3 w 48 96 499 690 re S 1 w 58 106 479 670 re S\n";
  const std::string title = licence.type + "（电子证照）";
  content += line((595 - text_width(title, 30)) / 2, 700, 30, title);
  content += line(90, 610, 16, "证照名称：" + licence.type);
  content += line(90, 575, 16, "证照编号：" + licence.number);
  content += line(90, 540, 16, "持证主体代码：" + licence.holder);
  content += line(90, 505, 16, "发证机关：" + licence.issuer);
  content += line(90, 200, 12, "本件由电子证照库提供，与纸质证照具有同等效力（演示数据）。");

  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R "
      ">>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream",
      "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
      "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering "
      "(GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 /W [1 95 500] >>",
      "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 "
      "/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
  };
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t at : offsets) {
    char entry[24];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", at);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace ow::adapters
