// Working-day calendar over precomputed cumulative counts, with an opt-in weekday-only fallback.
#include "workflow/calendar/work_calendar.hpp"

#include <algorithm>

namespace ow::calendar {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// Weekdays (Mon–Fri) in [1970-01-05, d), negative before it; 1970-01-05 (day 4) was a Monday.
std::int64_t weekdays_from_epoch_monday(Date d) {
  std::int64_t x = std::int64_t{d} - 4;
  std::int64_t weeks = floor_div(x, 7);
  std::int64_t rest = x - weeks * 7;
  return weeks * 5 + std::min<std::int64_t>(rest, 5);
}

}  // namespace

WorkCalendar::WorkCalendar(std::vector<CalendarEntry> entries, Options options) : options_(std::move(options)) {
  if (entries.empty()) throw std::invalid_argument("the calendar data lists no dates");
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  for (std::size_t i = 1; i < entries.size(); ++i)
    if (entries[i].date == entries[i - 1].date)
      throw std::invalid_argument("the calendar data lists " + format_date(entries[i].date) + " twice");
  first_year_ = year_of(entries.front().date);
  last_year_ = year_of(entries.back().date);
  first_ = make_date(first_year_, 1, 1);
  last_ = make_date(last_year_, 12, 31);
  const auto days = static_cast<std::size_t>(last_ - first_ + 1);
  workday_.resize(days);
  for (std::size_t i = 0; i < days; ++i) workday_[i] = is_weekend(first_ + static_cast<Date>(i)) ? 0 : 1;
  for (const auto& e : entries)
    workday_[static_cast<std::size_t>(e.date - first_)] = e.kind == DayKind::workday ? 1 : 0;
  cumulative_.resize(days + 1);
  cumulative_[0] = 0;
  for (std::size_t i = 0; i < days; ++i) cumulative_[i + 1] = cumulative_[i] + workday_[i];
}

void WorkCalendar::require(Date d) const {
  if (covers(d)) return;
  if (!options_.weekday_fallback)
    throw CalendarRangeError(format_date(d) + " is outside the loaded calendar years " + std::to_string(first_year_) +
                             "–" + std::to_string(last_year_));
  if (options_.on_fallback) options_.on_fallback(d);
}

bool WorkCalendar::is_workday(Date d) const {
  if (covers(d)) return workday_[static_cast<std::size_t>(d - first_)] != 0;
  require(d);
  return !is_weekend(d);
}

std::int64_t WorkCalendar::fallback_count(Date d) const {
  if (d < first_) return -(weekdays_from_epoch_monday(first_) - weekdays_from_epoch_monday(d));
  return cumulative_.back() + weekdays_from_epoch_monday(d) - weekdays_from_epoch_monday(last_ + 1);
}

std::int64_t WorkCalendar::workdays_before(Date d) const {
  if (d >= first_ && d <= last_ + 1) return cumulative_[static_cast<std::size_t>(d - first_)];
  require(d < first_ ? d : d - 1);
  return fallback_count(d);
}

std::int64_t WorkCalendar::working_days_between(Date a, Date b) const {
  if (b <= a) return 0;
  return workdays_before(b + 1) - workdays_before(a + 1);
}

std::int64_t WorkCalendar::count(Date d) const {
  return (d >= first_ && d <= last_ + 1) ? cumulative_[static_cast<std::size_t>(d - first_)] : fallback_count(d);
}

Date WorkCalendar::workday_by_index(std::int64_t index) const {
  const std::int64_t target = index + 1;  // smallest y with count(y) >= target is the day after the answer
  if (target >= 1 && target <= cumulative_.back()) {
    auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), target);
    return first_ + static_cast<Date>(it - cumulative_.begin()) - 1;
  }
  Date lo, hi;
  if (target > cumulative_.back()) {
    require(last_ + 1);
    lo = last_ + 2;
    hi = lo + static_cast<Date>(2 * (target - cumulative_.back()) + 10);
  } else {
    require(first_ - 1);
    hi = first_;
    lo = hi - static_cast<Date>(2 * (1 - target) + 10);
  }
  while (lo < hi) {
    Date mid = lo + (hi - lo) / 2;
    if (count(mid) >= target)
      hi = mid;
    else
      lo = mid + 1;
  }
  return lo - 1;
}

Date WorkCalendar::add_working_days(Date d, int n) const {
  if (n < 1) throw std::invalid_argument("add_working_days needs n >= 1");
  return workday_by_index(workdays_before(d + 1) + n - 1);
}

Date WorkCalendar::workday_on_or_after(Date d) const { return is_workday(d) ? d : add_working_days(d, 1); }

}  // namespace ow::calendar
