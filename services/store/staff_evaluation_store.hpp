// SQL of the quarterly window staff evaluation: per hall, window and accepting clerk, the cases accepted,
// concluded (and on time), ended (and within one visit), rated (satisfied, score sum) and followed up in a period.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

const std::vector<Statement>& staff_evaluation_statements();

struct StaffFigures {
  std::string hall_code, window_code;
  std::optional<std::int64_t> clerk_id;
  std::string clerk_name;
  std::int64_t accepted = 0, concluded = 0, concluded_on_time = 0, ended = 0, ended_one_visit = 0, ratings = 0,
               ratings_satisfied = 0, score_sum = 0, followups = 0, followups_done = 0;
  // Callback answers (回访, reached) given in the period about this window's cases, and those saying 0 or 1 trip.
  std::int64_t surveyed = 0, surveyed_one_visit = 0;
};

namespace staff_evaluation {
// One row per (hall, window, clerk) with cases in the region; [from, to) are ISO instants.
std::vector<StaffFigures> figures(Tx& tx, const std::string& region_prefix, const std::string& from,
                                  const std::string& to);
}  // namespace staff_evaluation

}  // namespace ow::store
