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
  auto t = std::make_unique<Table>();
  t->first_year = year_of(entries.front().date);
  t->last_year = year_of(entries.back().date);
  t->first = make_date(t->first_year, 1, 1);
  t->last = make_date(t->last_year, 12, 31);
  const auto days = static_cast<std::size_t>(t->last - t->first + 1);
  t->workday.resize(days);
  for (std::size_t i = 0; i < days; ++i) t->workday[i] = is_weekend(t->first + static_cast<Date>(i)) ? 0 : 1;
  for (const auto& e : entries)
    t->workday[static_cast<std::size_t>(e.date - t->first)] = e.kind == DayKind::workday ? 1 : 0;
  t->cumulative.resize(days + 1);
  t->cumulative[0] = 0;
  for (std::size_t i = 0; i < days; ++i) t->cumulative[i + 1] = t->cumulative[i] + t->workday[i];
  table_.store(t.get(), std::memory_order_release);
  tables_.push_back(std::move(t));
}

void WorkCalendar::adopt(const WorkCalendar& newer) {
  const Table& next = newer.table();
  std::lock_guard lock(adopting_);
  if (next.first != table().first)
    throw std::invalid_argument("the new calendar starts in " + std::to_string(next.first_year) + ", not in " +
                                std::to_string(table().first_year) + " like the one in use");
  auto copy = std::make_unique<const Table>(next);
  table_.store(copy.get(), std::memory_order_release);
  tables_.push_back(std::move(copy));
}

void WorkCalendar::require(const Table& t, Date d) const {
  if (t.covers(d)) return;
  if (!options_.weekday_fallback)
    throw CalendarRangeError(format_date(d) + " is outside the loaded calendar years " + std::to_string(t.first_year) +
                             "–" + std::to_string(t.last_year));
  if (options_.on_fallback) options_.on_fallback(d);
}

bool WorkCalendar::is_workday(Date d) const { return is_workday(table(), d); }

bool WorkCalendar::is_workday(const Table& t, Date d) const {
  if (t.covers(d)) return t.workday[static_cast<std::size_t>(d - t.first)] != 0;
  require(t, d);
  return !is_weekend(d);
}

std::int64_t WorkCalendar::fallback_count(const Table& t, Date d) const {
  if (d < t.first) return -(weekdays_from_epoch_monday(t.first) - weekdays_from_epoch_monday(d));
  return t.cumulative.back() + weekdays_from_epoch_monday(d) - weekdays_from_epoch_monday(t.last + 1);
}

std::int64_t WorkCalendar::workdays_before(Date d) const { return workdays_before(table(), d); }

std::int64_t WorkCalendar::workdays_before(const Table& t, Date d) const {
  if (d >= t.first && d <= t.last + 1) return t.cumulative[static_cast<std::size_t>(d - t.first)];
  require(t, d < t.first ? d : d - 1);
  return fallback_count(t, d);
}

std::int64_t WorkCalendar::working_days_between(Date a, Date b) const {
  if (b <= a) return 0;
  const Table& t = table();
  return workdays_before(t, b + 1) - workdays_before(t, a + 1);
}

std::int64_t WorkCalendar::count(const Table& t, Date d) const {
  return (d >= t.first && d <= t.last + 1) ? t.cumulative[static_cast<std::size_t>(d - t.first)]
                                           : fallback_count(t, d);
}

Date WorkCalendar::workday_by_index(std::int64_t index) const { return workday_by_index(table(), index); }

Date WorkCalendar::workday_by_index(const Table& t, std::int64_t index) const {
  const std::int64_t target = index + 1;  // smallest y with count(y) >= target is the day after the answer
  if (target >= 1 && target <= t.cumulative.back()) {
    auto it = std::lower_bound(t.cumulative.begin(), t.cumulative.end(), target);
    return t.first + static_cast<Date>(it - t.cumulative.begin()) - 1;
  }
  Date lo, hi;
  if (target > t.cumulative.back()) {
    require(t, t.last + 1);
    lo = t.last + 2;
    hi = lo + static_cast<Date>(2 * (target - t.cumulative.back()) + 10);
  } else {
    require(t, t.first - 1);
    hi = t.first;
    lo = hi - static_cast<Date>(2 * (1 - target) + 10);
  }
  while (lo < hi) {
    Date mid = lo + (hi - lo) / 2;
    if (count(t, mid) >= target)
      hi = mid;
    else
      lo = mid + 1;
  }
  return lo - 1;
}

Date WorkCalendar::add_working_days(Date d, int n) const {
  if (n < 1) throw std::invalid_argument("add_working_days needs n >= 1");
  const Table& t = table();
  return workday_by_index(t, workdays_before(t, d + 1) + n - 1);
}

Date WorkCalendar::workday_on_or_after(Date d) const {
  const Table& t = table();
  return is_workday(t, d) ? d : workday_by_index(t, workdays_before(t, d + 1));
}

}  // namespace ow::calendar
