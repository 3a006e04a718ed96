// Working-second ordinals over the calendar and office hours.
#include "workflow/calendar/working_time.hpp"

namespace ow::calendar {

std::int64_t WorkingTime::ordinal(Instant t) const {
  const Date d = cst_date(t);
  std::int64_t w = calendar_.workdays_before(d) * seconds_per_day();
  if (calendar_.is_workday(d)) w += hours_.worked_before(cst_second_of_day(t));
  return w;
}

std::int64_t WorkingTime::ordinal_after_day(Date d) const {
  return calendar_.workdays_before(d + 1) * seconds_per_day();
}

Instant WorkingTime::instant_at(std::int64_t w) const {
  const std::int64_t per_day = seconds_per_day();
  std::int64_t index = w / per_day;
  std::int64_t rest = w % per_day;
  if (rest < 0) {
    rest += per_day;
    --index;
  }
  if (rest == 0) {
    // The end of working day index-1 comes before the opening of working day index: take the closing.
    return cst_instant(calendar_.workday_by_index(index - 1), hours_.closing());
  }
  return cst_instant(calendar_.workday_by_index(index), hours_.second_at(static_cast<std::int32_t>(rest)));
}

}  // namespace ow::calendar
