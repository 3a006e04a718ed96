// The approver's view of tasks: department and region.
#include "services/backoffice/task_access.hpp"

#include "services/casework/errors.hpp"
#include "services/platform/actor.hpp"

namespace ow::backoffice {

void require_approver(const platform::Actor& a) {
  if (!a.department_code) throw casework::forbidden("only an approver of a department works on tasks");
}

bool sees_task(const std::optional<std::string>& department, const std::string& region, const store::TaskRow& t,
               const std::string& case_region) {
  return department && t.department_code == *department && case_region.starts_with(platform::region_scope(region));
}

bool sees_task(const platform::Actor& a, const store::TaskRow& t, const std::string& case_region) {
  return a.role == platform::Role::approver && sees_task(a.department_code, a.region_code, t, case_region);
}

}  // namespace ow::backoffice
