// After a change of the holiday data (`onewindow calendar recompute`): every open case's clocks are read again
// with the current calendar — due instants on the case and task rows and the timekeeper's checks — and the
// number of cases whose due instants moved is reported. Clock ledgers (starts, pauses, extensions) are
// facts and do not change; only what is derived from them does.
#pragma once

#include "services/store/pg_pool.hpp"
#include "workflow/calendar/clock.hpp"

namespace ow::supervision {

struct RecomputeResult {
  int cases = 0;  // open cases read
  int moved = 0;  // of which a due instant changed
};

RecomputeResult recompute_clocks(store::PgPool& pool, const calendar::ClockMath& math, calendar::Instant now);

}  // namespace ow::supervision
