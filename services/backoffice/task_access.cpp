// The approver's view of tasks: department and region.
#include "services/backoffice/task_access.hpp"

#include "services/acceptance/intake_service.hpp"
#include "services/platform/problem.hpp"

namespace ow::backoffice {

void require_approver(const platform::Actor& a) {
  if (!a.department_code) throw platform::problems::forbidden("only an approver of a department works on tasks");
}

bool sees_task(const std::optional<std::string>& department, const std::string& region, const store::TaskRow& t,
               const std::string& case_region) {
  return department && t.department_code == *department && case_region.starts_with(acceptance::region_scope(region));
}

bool sees_task(const platform::Actor& a, const store::TaskRow& t, const std::string& case_region) {
  return a.role == platform::Role::approver && sees_task(a.department_code, a.region_code, t, case_region);
}

LockedTask lock_task(pqxx::work& tx, const platform::Actor& a, std::int64_t id) {
  auto t = store::cases::task_by_id(tx, id);
  if (!t) throw platform::problems::not_found("no task " + std::to_string(id));
  auto c = store::cases::for_update_by_id(tx, t->case_id);
  if (!c || !sees_task(a, *t, c->region_code)) throw platform::problems::not_found("no task " + std::to_string(id));
  return {*c, *store::cases::task_by_id(tx, id)};
}

}  // namespace ow::backoffice
