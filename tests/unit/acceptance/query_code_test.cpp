// The query code (查询码): its alphabet has no look-alikes, codes are long and uniform enough (≥ 40 bits),
// and what an applicant types — any case, separators, full-width characters — reads back as the code.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "services/acceptance/documents.hpp"
#include "services/casework/public_gate.hpp"
#include "services/casework/query_code.hpp"

using namespace ow::acceptance;
using namespace ow::casework;

TEST(QueryCode, AlphabetHasNoLookAlikes) {
  const std::string alphabet(query_code::kAlphabet);
  EXPECT_EQ(std::set<char>(alphabet.begin(), alphabet.end()).size(), alphabet.size()) << "no symbol twice";
  for (char c : std::string("01258BGILOQSUZ")) EXPECT_EQ(alphabet.find(c), std::string::npos) << c;
  for (char c : alphabet) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) << c;
  EXPECT_EQ(alphabet.size(), 22u);
}

TEST(QueryCode, CarriesAtLeastFortyBits) {
  EXPECT_EQ(query_code::kLength, 10);
  EXPECT_NEAR(query_code::entropy_bits(), 10 * std::log2(22.0), 1e-9);
  EXPECT_GE(query_code::entropy_bits(), 40.0);
  EXPECT_GE(std::pow(static_cast<double>(query_code::kAlphabet.size()), query_code::kLength), std::pow(2.0, 40));
}

TEST(QueryCode, GeneratedCodesAreWellFormedDistinctAndUniform) {
  constexpr int kCodes = 20000;
  std::set<std::string> seen;
  std::map<char, int> counts;
  for (int i = 0; i < kCodes; ++i) {
    const std::string c = query_code::generate();
    ASSERT_EQ(c.size(), 10u);
    for (char s : c) {
      ASSERT_NE(query_code::kAlphabet.find(s), std::string_view::npos) << c;
      ++counts[s];
    }
    EXPECT_EQ(query_code::normalise(c), c);
    seen.insert(c);
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kCodes)) << "a repeat among 20,000 codes of 2^44.6";
  // Chi-square over the 22 symbols (21 degrees of freedom): 60 is far beyond the 0.9999 quantile (about 52).
  ASSERT_EQ(counts.size(), 22u);
  const double expected = kCodes * 10.0 / 22.0;
  double chi2 = 0;
  for (const auto& [symbol, n] : counts) chi2 += (n - expected) * (n - expected) / expected;
  EXPECT_LT(chi2, 60.0);
}

TEST(QueryCode, ReadsWhatTheApplicantTypes) {
  EXPECT_EQ(query_code::normalise("XK7MRT4HPW"), "XK7MRT4HPW");
  EXPECT_EQ(query_code::normalise("XK7M-RT4H-PW"), "XK7MRT4HPW");
  EXPECT_EQ(query_code::normalise("xk7m-rt4h-pw"), "XK7MRT4HPW");
  EXPECT_EQ(query_code::normalise("  xk7m rt4h pw "), "XK7MRT4HPW");
  EXPECT_EQ(query_code::normalise("ＸＫ７Ｍ－ＲＴ４Ｈ－ＰＷ"),
            "XK7MRT4HPW");  // full-width, from a Chinese input method
  EXPECT_EQ(query_code::normalise("XK7M\xE3\x80\x80RT4H\xE3\x80\x80PW"), "XK7MRT4HPW");  // ideographic spaces
  EXPECT_EQ(query_code::normalise("ｘｋ７ｍｒｔ４ｈｐｗ"), "XK7MRT4HPW");
}

TEST(QueryCode, RefusesWhatIsNotACode) {
  EXPECT_EQ(query_code::normalise(""), std::nullopt);
  EXPECT_EQ(query_code::normalise("----"), std::nullopt);
  EXPECT_EQ(query_code::normalise("XK7M-RT4H-P"), std::nullopt);    // 9 symbols
  EXPECT_EQ(query_code::normalise("XK7M-RT4H-PWX"), std::nullopt);  // 11
  EXPECT_EQ(query_code::normalise("XK7M-RT4H-P0"), std::nullopt);   // 0 is not a symbol
  EXPECT_EQ(query_code::normalise("XK7M-RT4H-PO"), std::nullopt);   // nor O
  EXPECT_EQ(query_code::normalise("XK7M-RT4Q-PW"), std::nullopt);   // nor Q
  EXPECT_EQ(query_code::normalise("5678"), std::nullopt);           // the old phone digits
  EXPECT_EQ(query_code::normalise(std::string("XK7MRT4HPW\0", 11)), std::nullopt);
  EXPECT_EQ(query_code::normalise("XK7MRT4HP\xC3\xA9"), std::nullopt);  // é
  EXPECT_EQ(query_code::normalise("XK7MRT4HP\xEF\xBC"), std::nullopt);  // a cut UTF-8 sequence
  EXPECT_EQ(query_code::normalise("XK7M_RT4H_PW"), std::nullopt);
}

TEST(QueryCode, IsWrittenInGroupsOfFour) {
  EXPECT_EQ(query_code::grouped("XK7MRT4HPW"), "XK7M-RT4H-PW");
  for (int i = 0; i < 100; ++i) {
    const auto c = query_code::generate();
    EXPECT_EQ(query_code::normalise(query_code::grouped(c)), c);
  }
}

TEST(QueryCode, TheReceiptLinkCarriesTheCode) {
  const std::string number = "330106202611270000011";
  EXPECT_EQ(progress_link("", number, std::nullopt), "/progress?number=" + number);
  EXPECT_EQ(progress_link("https://zwfw.example.gov.cn/", number, std::string("XK7MRT4HPW")),
            "https://zwfw.example.gov.cn/progress?number=" + number + "&code=XK7M-RT4H-PW");
}

TEST(QueryCode, UnlockTimeIsTheNextWholeMinuteInChinaStandardTime) {
  const auto at = [](const char* iso) { return ow::calendar::parse_instant(iso); };
  EXPECT_EQ(unlock_text(at("2026-11-27T21:08:01+08:00")), "2026年11月27日 21:09");
  EXPECT_EQ(unlock_text(at("2026-11-27T21:09:00+08:00")), "2026年11月27日 21:09");
  EXPECT_EQ(unlock_text(at("2026-11-27T13:08:30Z")), "2026年11月27日 21:09");  // the server's zone does not matter
  EXPECT_EQ(unlock_text(at("2026-03-07T09:04:59+08:00")), "2026年3月7日 09:05");
  EXPECT_EQ(unlock_text(at("2026-12-31T23:59:30+08:00")), "2027年1月1日 00:00");
}
