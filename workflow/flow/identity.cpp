// GB 11643 and GB 32100 checks, and masking.
#include "workflow/flow/identity.hpp"

namespace ow::flow {

std::string check_resident_id(std::string_view id, calendar::Date today) {
  if (id.size() != 18) return "an ID number has 18 characters";
  static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    if (id[i] < '0' || id[i] > '9') return "the first 17 characters of an ID number are digits";
    sum += (id[i] - '0') * weights[i];
  }
  static const char check[] = "10X98765432";
  const char last = id[17] == 'x' ? 'X' : id[17];
  if (last != check[sum % 11]) return "the ID number's check digit is wrong";
  const int year = std::stoi(std::string(id.substr(6, 4)));
  const unsigned month = static_cast<unsigned>(std::stoi(std::string(id.substr(10, 2))));
  const unsigned day = static_cast<unsigned>(std::stoi(std::string(id.substr(12, 2))));
  calendar::Date birth;
  try {
    if (year < 1900) return "the ID number's birth date is before 1900";
    birth = calendar::make_date(year, month, day);
  } catch (const calendar::ParseError&) {
    return "the ID number's birth date does not exist";
  }
  if (birth > today) return "the ID number's birth date is in the future";
  return {};
}

std::string check_birth_certificate_number(std::string_view number) {
  if (number.size() != 10 || number[0] < 'A' || number[0] > 'Z')
    return "a birth medical certificate number is a capital letter and nine digits";
  for (char c : number.substr(1))
    if (c < '0' || c > '9') return "a birth medical certificate number is a capital letter and nine digits";
  return {};
}

CreditCodeCheck inspect_credit_code(std::string_view code) {
  static const std::string_view alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  if (code.size() != 18) return {CreditCodeFault::length, "a unified social credit code has 18 characters"};
  for (char c : code)
    if (alphabet.find(c) == std::string_view::npos)
      return {CreditCodeFault::alphabet, "a unified social credit code uses digits and capitals except I, O, S, V, Z"};
  for (std::size_t i = 2; i < 8; ++i)
    if (code[i] < '0' || code[i] > '9')
      return {CreditCodeFault::division,
              "characters 3 to 8 of a unified social credit code are the division code (digits)"};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += static_cast<int>(alphabet.find(code[i])) * weights[i];
  const int expected = (31 - sum % 31) % 31;
  if (code[17] != alphabet[static_cast<std::size_t>(expected)])
    return {CreditCodeFault::check_character, "the unified social credit code's check character is wrong"};
  return {};
}

std::string check_credit_code(std::string_view code) { return inspect_credit_code(code).why; }

std::string mask_id(std::string_view id) {
  if (id.size() <= 7) return std::string(id.size(), '*');
  return std::string(id.substr(0, 3)) + std::string(id.size() - 7, '*') + std::string(id.substr(id.size() - 4));
}

std::string mask_phone(std::string_view phone) {
  if (phone.size() < 7) return std::string(phone.size(), '*');
  return std::string(phone.substr(0, 3)) + std::string(phone.size() - 7, '*') +
         std::string(phone.substr(phone.size() - 4));
}

}  // namespace ow::flow
