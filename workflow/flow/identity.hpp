// Applicant identity checks at the counter: the 18-digit resident ID number (GB 11643: check digit and a
// real birth date) and the 18-character unified social credit code (GB 32100: check character).
#pragma once

#include <string>
#include <string_view>

#include "workflow/calendar/instant.hpp"

namespace ow::flow {

// Empty when valid, else a reason in English (the API puts it in `detail`). `today` bounds the birth date.
std::string check_resident_id(std::string_view id, calendar::Date today);
std::string check_credit_code(std::string_view code);

// What is wrong with a credit code, if anything. Only a wrong check character may be overridden by the clerk
// (a genuine code printed on a licence can fail the check); a wrong length, a character outside the GB 32100
// alphabet or a registration-division part (characters 3–8) that is not six digits is never a credit code.
enum class CreditCodeFault { none, length, alphabet, division, check_character };
struct CreditCodeCheck {
  CreditCodeFault fault = CreditCodeFault::none;
  std::string why;  // English, for `detail`
};
CreditCodeCheck inspect_credit_code(std::string_view code);
// 出生医学证明编号: one capital letter and nine digits (e.g. Q330012345). Empty when valid, else the reason.
std::string check_birth_certificate_number(std::string_view number);
// "330***********1234": the first three and last four characters (birth date and district stay hidden).
std::string mask_id(std::string_view id);
// "138****5678".
std::string mask_phone(std::string_view phone);

}  // namespace ow::flow
