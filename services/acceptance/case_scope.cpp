// The hall rule of the window's actions.
#include "services/acceptance/case_scope.hpp"

#include "services/acceptance/intake_service.hpp"
#include "services/platform/problem.hpp"

namespace ow::acceptance {

bool in_region(const platform::Actor& actor, const store::CaseRow& c) { return c.region_code.starts_with(region_scope(actor.region_code)); }

bool clerk_of_case_hall(const platform::Actor& actor, const store::CaseRow& c) {
  if (actor.role != platform::Role::clerk || !actor.hall_code || !in_region(actor, c)) return false;
  return !c.hall_code || *c.hall_code == *actor.hall_code;
}

store::CaseRow lock_for_window(pqxx::work& tx, const platform::Actor& clerk, const std::string& number) {
  auto row = store::cases::for_update(tx, number);
  if (!row || !clerk_of_case_hall(clerk, *row)) throw platform::problems::not_found("no case " + number);
  return *row;
}

}  // namespace ow::acceptance
