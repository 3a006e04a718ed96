// The working-day calendar: weekends off, official holidays off, make-up workdays on, for the loaded years.
// Per-day cumulative counts are precomputed, so "N working days after D" and "working days between" are a
// table look-up and a binary search, not a walk. Immutable after construction; safe to share between threads.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <vector>

#include "workflow/calendar/calendar_data.hpp"
#include "workflow/calendar/instant.hpp"

namespace ow::calendar {

// A date outside the loaded years was needed and the weekday-only fallback is off.
struct CalendarRangeError : std::out_of_range {
  using std::out_of_range::out_of_range;
};

struct CalendarOptions {
  // Outside the loaded years, treat Monday–Friday as working days instead of failing.
  bool weekday_fallback = false;
  // Called with the date each time the fallback is used (the platform logs a warning).
  std::function<void(Date)> on_fallback;
};

class WorkCalendar {
 public:
  using Options = CalendarOptions;

  // Entries may come from several files; the loaded years run from the first to the last year listed.
  // Throws std::invalid_argument on an empty list or a date listed twice.
  explicit WorkCalendar(std::vector<CalendarEntry> entries, Options options = {});

  int first_year() const { return first_year_; }
  int last_year() const { return last_year_; }
  bool covers(Date d) const { return d >= first_ && d <= last_; }

  bool is_workday(Date d) const;
  // Number of working days in [first loaded day, d); may be negative before it (fallback only).
  std::int64_t workdays_before(Date d) const;
  // Working days in the half-open range (a, b]: after a, up to and including b. Zero when b <= a.
  std::int64_t working_days_between(Date a, Date b) const;
  // The n-th working day strictly after d (n >= 1).
  Date add_working_days(Date d, int n) const;
  // d itself when it is a working day, else the next one.
  Date workday_on_or_after(Date d) const;
  // The working day with workdays_before(day) == index (index 0 is the first working day loaded).
  Date workday_by_index(std::int64_t index) const;

 private:
  void require(Date d) const;
  std::int64_t fallback_count(Date d) const;
  std::int64_t count(Date d) const;

  Date first_ = 0, last_ = 0;
  int first_year_ = 0, last_year_ = 0;
  std::vector<std::uint8_t> workday_;     // index d - first_
  std::vector<std::int64_t> cumulative_;  // cumulative_[i] = working days in [first_, first_ + i)
  Options options_;
};

}  // namespace ow::calendar
