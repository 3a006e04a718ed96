// Case numbers (办件编号): region code (6 digits) + acceptance date (YYYYMMDD, China Standard Time) + the
// region's daily sequence (6 digits) + one check character computed with ISO 7064 MOD 11-2 over the 20 digits
// (the scheme of GB 11643's check digit; 0–9 or X). Example: 330106 20260302 000001 + check.
#pragma once

#include <string>
#include <string_view>

#include "workflow/calendar/instant.hpp"

namespace ow::flow {

std::string make_case_number(std::string_view region6, calendar::Date day, int sequence);
bool valid_case_number(std::string_view number);

}  // namespace ow::flow
