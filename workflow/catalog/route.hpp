// Route analysis of a bundle: order, ancestry and step budgets. Step budgets are each step's share of the
// bundle's committed limit, in working minutes:
//   - a step with an explicit `budget` keeps it;
//   - otherwise the committed limit is split along the critical path in proportion to the steps' items'
//     committed limits: budget(s) = committed × weight(s) / L(s), where weight(s) is the item's committed
//     limit in working minutes (at least 60) and L(s) the heaviest source-to-sink path through s. Along the
//     critical path the shares add up to the committed limit; along any other path to less.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "workflow/catalog/model.hpp"

namespace ow::catalog {

// Working minutes of a limit (working days × minutes per day, working hours × 60); natural days are
// approximated as 5/7 of a working day each; 0wd counts as 0.
std::int64_t limit_minutes(const calendar::Limit& l, std::int64_t minutes_per_day);

struct RouteOrder {
  std::vector<std::string> order;       // a topological order of step ids
  std::optional<std::string> cycle_at;  // set when the steps have a cycle: a step on it
};
// Assumes predecessors name existing steps (lint checks that first).
RouteOrder topological_order(const Bundle& b);

// For each step, every step that must be approved before it (transitively).
std::map<std::string, std::set<std::string>> ancestors(const Bundle& b, const RouteOrder& order);

// The steps outside the committed limit: with `limit_starts`, its step and every step before it; else none.
// Assumes a valid route.
std::set<std::string> steps_before_limit(const Bundle& b);

// Working minutes per step (see the file comment); a step before the limit's start gets its item's own
// committed limit, and the split runs over the steps after it. Assumes a valid route (lint clean).
std::map<std::string, std::int64_t> step_budgets(const Catalog& c, const Bundle& b, std::int64_t minutes_per_day);

// The heaviest path by the given budgets, source to sink, as step ids.
std::vector<std::string> critical_path(const Bundle& b, const std::map<std::string, std::int64_t>& budgets);

}  // namespace ow::catalog
