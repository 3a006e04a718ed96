// Working time: the calendar and the office hours together. Maps an instant to its working-second ordinal
// (working seconds since the first loaded day) and back, so that clocks are plain arithmetic.
#pragma once

#include <cstdint>

#include "workflow/calendar/instant.hpp"
#include "workflow/calendar/office_hours.hpp"
#include "workflow/calendar/work_calendar.hpp"

namespace ow::calendar {

class WorkingTime {
 public:
  WorkingTime(const WorkCalendar& calendar, OfficeHours hours) : calendar_(calendar), hours_(std::move(hours)) {}

  const WorkCalendar& calendar() const { return calendar_; }
  const OfficeHours& hours() const { return hours_; }
  std::int64_t seconds_per_day() const { return hours_.seconds_per_day(); }

  // Working seconds from the opening of the first loaded day up to t. Flat outside office hours.
  std::int64_t ordinal(Instant t) const;
  // The earliest instant whose ordinal is w; an ordinal at a day boundary maps to that day's closing time.
  Instant instant_at(std::int64_t w) const;
  // Ordinal of the opening of the first working day strictly after d.
  std::int64_t ordinal_after_day(Date d) const;
  // The closing instant of a date.
  Instant closing_of(Date d) const { return cst_instant(d, hours_.closing()); }

 private:
  const WorkCalendar& calendar_;
  OfficeHours hours_;
};

}  // namespace ow::calendar
