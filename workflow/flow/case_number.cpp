// Case number format and check character.
#include "workflow/flow/case_number.hpp"

#include <cstdio>
#include <stdexcept>

namespace ow::flow {
namespace {
char check_char(std::string_view digits) {
  // ISO 7064 MOD 11-2: weight of position i (from the left, n digits) is 2^(n-i) mod 11.
  int sum = 0, weight = 1;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    weight = weight * 2 % 11;
    sum += (*it - '0') * weight;
  }
  const int value = (12 - sum % 11) % 11;
  return value == 10 ? 'X' : static_cast<char>('0' + value);
}
}  // namespace

std::string make_case_number(std::string_view region6, calendar::Date day, int sequence) {
  if (region6.size() != 6 || sequence < 1 || sequence > 999999) throw std::invalid_argument("bad case number parts");
  std::string date = calendar::format_date(day);
  char seq[8];
  std::snprintf(seq, sizeof seq, "%06d", sequence);
  std::string digits = std::string(region6) + date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2) + seq;
  return digits + check_char(digits);
}

bool valid_case_number(std::string_view number) {
  if (number.size() != 21) return false;
  for (std::size_t i = 0; i < 20; ++i)
    if (number[i] < '0' || number[i] > '9') return false;
  return check_char(number.substr(0, 20)) == number[20];
}

}  // namespace ow::flow
