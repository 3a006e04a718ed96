// Who sees a back-office task: an approver of the task's department whose region covers the case's region.
// Shared by the task work (backoffice_service.cpp), transfers (the new holder must see the task) and extension
// requests. A task the actor may not see is a 404, like one that does not exist.
#pragma once

#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
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

struct LockedTask {
  store::CaseRow c;
  store::TaskRow t;
};

// The task and its case, the case locked FOR UPDATE (the task read again under the lock); 404 for tasks the
// approver may not see.
LockedTask lock_task(pqxx::work& tx, const platform::Actor& a, std::int64_t task_id);

}  // namespace ow::backoffice
