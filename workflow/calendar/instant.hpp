// Instants and civil dates in China Standard Time (UTC+08:00, no daylight saving), whatever the server's zone.
// An Instant is whole seconds since the Unix epoch (UTC); a Date is a day number in CST (0 = 1970-01-01).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ow::calendar {

using Instant = std::int64_t;  // seconds since 1970-01-01T00:00:00Z
using Date = std::int32_t;     // days since 1970-01-01 in China Standard Time

inline constexpr std::int64_t kCstOffsetSeconds = 8 * 3600;
inline constexpr std::int64_t kSecondsPerDay = 86400;

// Thrown for text that is not a valid date or instant; the message says what was expected.
struct ParseError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// The CST date an instant falls on, and the second of that CST day (0..86399).
Date cst_date(Instant t);
std::int32_t cst_second_of_day(Instant t);
// The instant of a CST date at a given second of the day.
Instant cst_instant(Date d, std::int32_t second_of_day);

// 0 = Monday … 6 = Sunday.
int weekday(Date d);
bool is_weekend(Date d);
int year_of(Date d);
Date make_date(int year, unsigned month, unsigned day);  // throws ParseError when the date does not exist

// "YYYY-MM-DD" (strict).
Date parse_date(std::string_view text);
std::string format_date(Date d);

// ISO 8601 "YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)"; an offset is required. Fractions of a second are dropped.
Instant parse_instant(std::string_view text);
// "YYYY-MM-DDTHH:MM:SS+08:00".
std::string format_instant(Instant t);

}  // namespace ow::calendar
