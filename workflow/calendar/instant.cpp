// Conversions between instants, CST dates and their ISO 8601 text.
#include "workflow/calendar/instant.hpp"

#include <chrono>
#include <cstdio>

namespace ow::calendar {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

int digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

std::chrono::year_month_day ymd_of(Date d) {
  return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{d}}};
}

}  // namespace

Date cst_date(Instant t) { return static_cast<Date>(floor_div(t + kCstOffsetSeconds, kSecondsPerDay)); }

std::int32_t cst_second_of_day(Instant t) {
  return static_cast<std::int32_t>(t + kCstOffsetSeconds - std::int64_t{cst_date(t)} * kSecondsPerDay);
}

Instant cst_instant(Date d, std::int32_t second_of_day) {
  return std::int64_t{d} * kSecondsPerDay + second_of_day - kCstOffsetSeconds;
}

int weekday(Date d) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  return static_cast<int>(((std::int64_t{d} % 7) + 7 + 3) % 7);
}

bool is_weekend(Date d) { return weekday(d) >= 5; }

int year_of(Date d) { return static_cast<int>(ymd_of(d).year()); }

Date make_date(int year, unsigned month, unsigned day) {
  std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
  if (!ymd.ok()) throw ParseError("no such date");
  return static_cast<Date>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

Date parse_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-')
    throw ParseError("expected a date as YYYY-MM-DD: '" + std::string(s) + "'");
  int y = digits(s, 0, 4), m = digits(s, 5, 2), d = digits(s, 8, 2);
  if (y < 0 || m < 0 || d < 0) throw ParseError("expected a date as YYYY-MM-DD: '" + std::string(s) + "'");
  if (y < 1) throw ParseError("there is no year 0000: '" + std::string(s) + "'");  // nor in PostgreSQL's text form
  try {
    return make_date(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  } catch (const ParseError&) {
    throw ParseError("no such date: '" + std::string(s) + "'");
  }
}

std::string format_date(Date d) {
  auto ymd = ymd_of(d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

Instant parse_instant(std::string_view s) {
  const std::string bad =
      "expected an instant as YYYY-MM-DDTHH:MM:SS with Z or an offset like +08:00: '" + std::string(s) + "'";
  if (s.size() < 20 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
    throw ParseError(bad);
  Date d;
  try {
    d = parse_date(s.substr(0, 10));
  } catch (const ParseError&) {
    throw ParseError(bad);
  }
  int hh = digits(s, 11, 2), mm = digits(s, 14, 2), ss = digits(s, 17, 2);
  if (hh < 0 || mm < 0 || ss < 0 || hh > 23 || mm > 59 || ss > 59) throw ParseError(bad);
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) throw ParseError(bad);
  }
  if (pos >= s.size()) throw ParseError(bad);
  std::int64_t offset = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    if (pos + 1 != s.size()) throw ParseError(bad);
  } else if (s[pos] == '+' || s[pos] == '-') {
    if (pos + 6 != s.size() || s[pos + 3] != ':') throw ParseError(bad);
    int oh = digits(s, pos + 1, 2), om = digits(s, pos + 4, 2);
    if (oh < 0 || om < 0 || oh > 23 || om > 59) throw ParseError(bad);
    offset = (oh * 3600 + om * 60) * (s[pos] == '-' ? -1 : 1);
  } else {
    throw ParseError(bad);
  }
  return std::int64_t{d} * kSecondsPerDay + hh * 3600 + mm * 60 + ss - offset;
}

std::string format_instant(Instant t) {
  Date d = cst_date(t);
  std::int32_t s = cst_second_of_day(t);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d+08:00", format_date(d).c_str(), s / 3600, (s / 60) % 60, s % 60);
  return buf;
}

}  // namespace ow::calendar
