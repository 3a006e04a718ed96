// The time a timekeeper raises alerts by: the database's clock (shared by every instance, whatever the
// platform host's own clock says), through a ClockGuard against jumps, plus the test-mode offset (added after
// the guard: moving the clock on purpose in a test is not a jump). Steps held or accepted are logged.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

#include "services/store/pg_pool.hpp"
#include "workflow/calendar/instant.hpp"

namespace ow::supervision {

std::function<calendar::Instant()> guarded_database_clock(store::PgPool& pool, std::chrono::seconds tolerance,
                                                          std::chrono::seconds confirm,
                                                          std::function<std::int64_t()> test_offset);

}  // namespace ow::supervision
