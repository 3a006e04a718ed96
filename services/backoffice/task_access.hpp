// Who sees a back-office task: an approver of the task's department whose region covers the case's region.
// Used for transfers (the new holder must see the task); the task commands reach tasks through
// casework::approver_of_task. A task the actor may not see is a 404, like one that does not exist.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "services/platform/actor.hpp"
#include "services/store/case_store.hpp"

namespace ow::backoffice {

// 403 unless the actor is an approver of a department.
void require_approver(const platform::Actor& a);

// An approver of `department` in `region` sees the task `t` of a case in `case_region`.
bool sees_task(const std::optional<std::string>& department, const std::string& region, const store::TaskRow& t,
               const std::string& case_region);
bool sees_task(const platform::Actor& a, const store::TaskRow& t, const std::string& case_region);

}  // namespace ow::backoffice
