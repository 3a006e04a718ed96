// Rules the window applies at intake, as pure functions: which steps a case runs for its attributes, which
// materials are still missing (key or deferrable), and the case's statutory limit.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "workflow/calendar/work_calendar.hpp"
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

// A bundle of the 开办 stage (企业开办) may be started before the company exists (设立登记): under its proposed
// name, by an agent (经办人/代办人) who shows a resident ID, since there is no credit code yet.
bool admits_establishment(const catalog::Bundle& b);
// A bundle of the 出生 stage (出生一件事) takes the newborn's name, sex, birth date and 出生医学证明编号.
bool takes_newborn(const catalog::Bundle& b);

// The newborn's birth date: a real date, not after today and not more than a year before today (a birth
// older than that is no 出生一件事).
enum class BirthDateFault { none, not_a_date, future, too_old };
BirthDateFault check_newborn_birth_date(std::string_view text, calendar::Date today);
// The earliest birth date a newborn of `today` may have: the same day a year before (28 Feb for 29 Feb).
calendar::Date newborn_earliest_birth(calendar::Date today);

// The date a material deferred at 容缺受理 is promised by, by default: `days` working days after today (the
// bundle's committed limit when it is counted in working days, else 5), never after the committed due date.
int default_deferral_days(const calendar::Limit& committed);
calendar::Date default_deferral_date(const calendar::WorkCalendar& c, calendar::Date today, int days,
                                     std::optional<calendar::Date> committed_due);

}  // namespace ow::flow
