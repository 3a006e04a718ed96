// The working-day calendar: weekends off, official holidays off, make-up workdays on, for the loaded years.
// Per-day cumulative counts are precomputed, so "N working days after D" and "working days between" are a
// table look-up and a binary search, not a walk. Safe to share between threads: the table only ever changes as a
// whole, when a newer calendar is adopted (a new year's holidays loaded while the platform runs).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
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
  WorkCalendar(const WorkCalendar&) = delete;
  WorkCalendar& operator=(const WorkCalendar&) = delete;

  // Takes over `newer`'s days (a year added or corrected), keeping this calendar's options. Working-time ordinals
  // count from the first loaded day, so `newer` must start in the same year; throws std::invalid_argument if not.
  // Readers in other threads see either the old days or the new ones, never a mix.
  void adopt(const WorkCalendar& newer);

  int first_year() const { return table().first_year; }
  int last_year() const { return table().last_year; }
  bool covers(Date d) const { return table().covers(d); }

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
  struct Table {
    Date first = 0, last = 0;
    int first_year = 0, last_year = 0;
    std::vector<std::uint8_t> workday;     // index d - first
    std::vector<std::int64_t> cumulative;  // cumulative[i] = working days in [first, first + i)
    bool covers(Date d) const { return d >= first && d <= last; }
  };
  const Table& table() const { return *table_.load(std::memory_order_acquire); }
  void require(const Table& t, Date d) const;
  std::int64_t fallback_count(const Table& t, Date d) const;
  std::int64_t count(const Table& t, Date d) const;
  std::int64_t workdays_before(const Table& t, Date d) const;
  bool is_workday(const Table& t, Date d) const;
  Date workday_by_index(const Table& t, std::int64_t index) const;

  // Every table this calendar had stays alive with it (a reader may still hold an older one); a year's upload
  // adds a few kilobytes.
  std::vector<std::unique_ptr<const Table>> tables_;
  std::atomic<const Table*> table_{nullptr};
  std::mutex adopting_;
  Options options_;
};

}  // namespace ow::calendar
