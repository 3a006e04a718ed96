// Parsing and printing of time limits.
#include "workflow/calendar/limit.hpp"

#include "workflow/calendar/instant.hpp"

namespace ow::calendar {

std::string Limit::to_string() const {
  const char* suffix = kind == Kind::working_days    ? "wd"
                       : kind == Kind::natural_days  ? "d"
                       : kind == Kind::working_hours ? "wh"
                                                     : "wm";
  return std::to_string(amount) + suffix;
}

Limit parse_limit(std::string_view text) {
  const std::string bad = "expected a limit like 5wd (working days), 30d (natural days) or 2wh (working hours): '" +
                          std::string(text) + "'";
  std::size_t i = 0;
  long n = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i < 8) n = n * 10 + (text[i++] - '0');
  std::string_view unit = text.substr(i);
  if (i == 0 || n > (unit == "wm" ? 10000000 : 3650)) throw ParseError(bad);
  Limit l;
  l.amount = static_cast<int>(n);
  if (unit == "wd")
    l.kind = Limit::Kind::working_days;
  else if (unit == "d")
    l.kind = Limit::Kind::natural_days;
  else if (unit == "wh")
    l.kind = Limit::Kind::working_hours;
  else if (unit == "wm")
    l.kind = Limit::Kind::working_minutes;
  else
    throw ParseError(bad);
  if (n == 0 && l.kind != Limit::Kind::working_days)
    throw ParseError("only working days may be 0 (即办): '" + std::string(text) + "'");
  return l;
}

}  // namespace ow::calendar
