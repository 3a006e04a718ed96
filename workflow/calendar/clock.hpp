// A statutory or committed clock: a limit started at acceptance, a ledger of pauses, extensions, an optional
// stop. Due and warning instants are always *computed* from budget and ledger, so they can be recomputed
// whenever the calendar data changes. Pure: the current time is a parameter.
//
// Rules (issue 3): working-day limits start at the opening of the first working day after the acceptance
// date and end at the closing of the N-th; 0wd ends at the closing of the acceptance day (or of the next
// working day when accepted after closing or on a day off); natural days end at the closing of the N-th
// calendar day after acceptance, moved to the next working day when that is a day off; working hours run
// from the acceptance instant. Pauses stop consumption (working time for working limits, elapsed time for
// natural-day limits); an open pause means there is no due instant until it ends.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "workflow/calendar/instant.hpp"
#include "workflow/calendar/limit.hpp"
#include "workflow/calendar/working_time.hpp"

namespace ow::calendar {

struct Pause {
  Instant start;
  std::optional<Instant> end;  // open while empty; [start, end)
  std::string reason;          // supplement, hearing, inspection, expert_review, …
  std::string started_by;
};

struct Clock {
  Limit limit;
  Instant started_at = 0;                              // the acceptance instant
  std::int64_t extension_seconds = 0;                  // 延长: added budget on the clock's own axis
  std::vector<Pause> pauses;                           // the ledger
  std::optional<Instant> stopped_at;                   // approved, concluded, …
  std::optional<std::int64_t> warn_remaining_seconds;  // per-item override of the warning margin
};

enum class ClockStatus { running, paused, warning, overdue, stopped };
const char* to_string(ClockStatus s);

struct ClockReading {
  std::optional<Instant> due_at;   // empty while a pause is open
  std::optional<Instant> warn_at;  // empty while a pause is open
  std::int64_t budget = 0;         // seconds on the clock's axis (working seconds unless natural days)
  std::int64_t consumed = 0;
  std::int64_t remaining = 0;  // budget - consumed; negative when overdue
  ClockStatus status = ClockStatus::running;
};

class ClockMath {
 public:
  explicit ClockMath(const WorkingTime& time) : time_(time) {}
  const WorkingTime& working_time() const { return time_; }

  // The due instant; empty while a pause is open.
  std::optional<Instant> due_at(const Clock& c) const;
  // The warning instant: when one working day remains, or half the budget for budgets of a day or less.
  std::optional<Instant> warn_at(const Clock& c) const;
  // Everything a screen or the timekeeper needs at `now`.
  ClockReading read(const Clock& c, Instant now) const;
  // Budget in seconds on the clock's axis, extension included.
  std::int64_t budget(const Clock& c) const;

 private:
  struct Axis;
  Axis axis(const Clock& c) const;
  std::optional<Instant> instant_after_consuming(const Clock& c, std::int64_t amount) const;

  const WorkingTime& time_;
};

}  // namespace ow::calendar
