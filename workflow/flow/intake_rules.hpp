// Rules the window applies at intake, as pure functions: which steps a case runs for its attributes, which
// materials are still missing (key or deferrable), and the case's statutory limit.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "workflow/catalog/guide.hpp"
#include "workflow/catalog/model.hpp"

namespace ow::flow {

// Steps whose condition holds (or that have none), in route order.
std::vector<std::string> active_steps(const catalog::Bundle& b, const std::map<std::string, std::string>& attributes);

struct MaterialCheck {
  std::vector<std::string> missing_key;         // cannot be deferred: accepting is refused
  std::vector<std::string> missing_deferrable;  // 容缺: may be promised for later
};
// Required materials of the active steps that are neither presented nor satisfied by an e-license.
MaterialCheck check_materials(const catalog::Guide& g, const std::vector<std::string>& active,
                              const std::set<std::string>& presented);

// The window's decisions open for what is missing (an applicant who fails the identity check gets none): 受理
// with nothing missing; 容缺受理 when something is missing and all of it may be deferred; 补正 when something
// is missing; 不予受理 always. The console's lib/intake_rules.ts mirrors this rule; both are tested on the same
// cases (tests/unit/intake_rules_cases.json).
struct OpenDecisions {
  bool accept = false, accept_with_deferral = false, supplement = false, refuse = true;
};
OpenDecisions open_decisions(const MaterialCheck& m);

// The case's statutory limit: the heaviest route path of the items' statutory limits, in working minutes,
// rounded up to whole working days.
calendar::Limit case_statutory_limit(const catalog::Catalog& c, const catalog::Bundle& b, std::int64_t minutes_per_day);

}  // namespace ow::flow
