// GB 11643 ID numbers and GB 32100 credit codes, with published examples; masking.
#include <gtest/gtest.h>

#include "workflow/flow/identity.hpp"

using namespace ow::flow;
using ow::calendar::parse_date;

TEST(Identity, ResidentIdNumbers) {
  const auto today = parse_date("2026-11-22");
  EXPECT_EQ(check_resident_id("11010519491231002X", today), "");
  EXPECT_EQ(check_resident_id("11010519491231002x", today), "");
  EXPECT_EQ(check_resident_id("110101199003074477", today), "");
  EXPECT_NE(check_resident_id("440524188001010014", today).find("before 1900"),
            std::string::npos);                                   // valid digits, nobody alive
  EXPECT_NE(check_resident_id("110105194912310021", today), "");  // wrong check digit
  EXPECT_NE(check_resident_id("110105194913310021", today).find("birth date"), std::string::npos);
  EXPECT_NE(check_resident_id("1101051949123100", today), "");
  EXPECT_NE(check_resident_id("11010519491231A02X", today), "");
  // A birth date after today (with a correct check digit) is refused.
  EXPECT_NE(check_resident_id("110101203001010014", today).find("future"), std::string::npos);
}

TEST(Identity, CreditCodes) {
  EXPECT_EQ(check_credit_code("91350100M000100Y43"), "");
  EXPECT_EQ(check_credit_code("91110000802100433B"), "");
  EXPECT_EQ(check_credit_code("91110000710925462X"), "");
  EXPECT_NE(check_credit_code("91110000710925462Y"), "");
  EXPECT_NE(check_credit_code("9111000071092546"), "");
  EXPECT_NE(check_credit_code("91110000I10925462X"), "");  // I is not in the alphabet
  EXPECT_EQ(inspect_credit_code("91110000710925462Y").fault, CreditCodeFault::check_character);  // overridable
  EXPECT_EQ(inspect_credit_code("123").fault, CreditCodeFault::length);
  EXPECT_EQ(inspect_credit_code("91110000I10925462X").fault, CreditCodeFault::alphabet);
  EXPECT_EQ(inspect_credit_code("9111000071092546Z2").fault, CreditCodeFault::alphabet);  // Z is not either
  EXPECT_EQ(inspect_credit_code("XXXXXXXXXXXXXXXXXX").fault, CreditCodeFault::division);  // 3–8 are digits
  EXPECT_EQ(inspect_credit_code("91350100M000100Y43").fault, CreditCodeFault::none);
}

TEST(Identity, Masking) {
  EXPECT_EQ(mask_id("11010519491231002X"), "110***********002X");
  EXPECT_EQ(mask_phone("13812345678"), "138****5678");
}

#include "workflow/flow/case_number.hpp"

TEST(CaseNumber, FormatAndCheckCharacter) {
  const std::string n = make_case_number("330106", ow::calendar::parse_date("2026-03-02"), 1);
  EXPECT_EQ(n.substr(0, 20), "33010620260302000001");
  EXPECT_TRUE(valid_case_number(n));
  std::string changed = n;
  changed[19] = '2';  // the sequence changed, check character not
  EXPECT_FALSE(valid_case_number(changed));
  EXPECT_FALSE(valid_case_number("3301062026030200000"));
  EXPECT_THROW(make_case_number("3301", ow::calendar::parse_date("2026-03-02"), 1), std::invalid_argument);
}

TEST(Identity, BirthCertificateNumberIsALetterAndNineDigits) {
  EXPECT_EQ(ow::flow::check_birth_certificate_number("Q330012345"), "");
  EXPECT_NE(ow::flow::check_birth_certificate_number("q330012345"), "");
  EXPECT_NE(ow::flow::check_birth_certificate_number("Q33001234"), "");
  EXPECT_NE(ow::flow::check_birth_certificate_number("Q33001234X"), "");
  EXPECT_NE(ow::flow::check_birth_certificate_number("3330012345"), "");
}
