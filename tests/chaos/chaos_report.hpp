// The chaos test's numbers and its table: p99 of attempt latencies, what clients saw in a window (answers
// other than 201 by kind, and the p99), and the markdown table with one row per fault kind.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tests/chaos/intake_load.hpp"

namespace ow::chaos {

// The 99th percentile (nearest rank) of the attempts' latencies in ms; 0 for none.
double p99_ms(const std::vector<Attempt>& attempts);
// The attempts that started in [from, to).
std::vector<Attempt> started_within(const std::vector<Attempt>& attempts, Clock::time_point from, Clock::time_point to);
// The attempts that ended (the client saw their outcome) in [from, to).
std::vector<Attempt> ended_within(const std::vector<Attempt>& attempts, Clock::time_point from, Clock::time_point to);
// e.g. "12 × 503, 3 × connection refused" ("no errors" when every answer was 201).
std::string errors_seen(const std::vector<Attempt>& attempts);
// The end of the first 201 at or after `from`, if any.
std::optional<Clock::time_point> first_success_after(const std::vector<Attempt>& attempts, Clock::time_point from);
std::string ms_text(double ms);

struct TableRow {
  std::string fault, acknowledged, lost, duplicated, client_visible, recovery;
};
// A markdown table with the header `fault | acknowledged | lost | duplicated | client-visible | recovery time`.
std::string markdown_table(const std::vector<TableRow>& rows);

}  // namespace ow::chaos
