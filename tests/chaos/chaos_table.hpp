// The chaos test's table: one row per fault kind (all its occurrences together) after a baseline row, built
// from what the run recorded (attempts, intakes, the faults' times), what was stored, the simulator's sampled
// counters and the outbox's push times.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "tests/chaos/chaos_checks.hpp"
#include "tests/chaos/chaos_report.hpp"
#include "tests/chaos/fault_injector.hpp"
#include "tests/chaos/intake_load.hpp"
#include "tests/chaos/stats_monitor.hpp"

namespace ow::chaos {

double wall_ms(WallClock::time_point t);

// Maps the steady clock onto the wall clock (to compare with PostgreSQL's timestamps).
struct ClockPair {
  Clock::time_point steady = Clock::now();
  WallClock::time_point wall = WallClock::now();
  double wall_ms_of(Clock::time_point t) const;
};

struct RunRecord {
  std::vector<Attempt> attempts;
  std::vector<Intake> intakes;
  std::vector<FaultRecord> faults;
  std::vector<StoredCase> cases;
  Clock::time_point load_start, load_end, checked_at;
  double baseline_p99 = 0;
  ClockPair clocks;
};

std::vector<TableRow> fault_rows(const RunRecord& run, const StatsMonitor& stats, const std::string& db_url);

// What the columns mean (printed under the table).
extern const char* const kTableLegend;

}  // namespace ow::chaos
