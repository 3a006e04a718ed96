// The back office's commands on tasks, over the casework runner: 签收 (claim), release, transfer, the
// approver's decisions (通过, 不予许可, 要求补正, 特别程序) and a supervisor's re-dispatch. An approver reaches
// only the tasks of their department in their region (approver_of_task); views are the BackofficeService's.
// Runs as well on the in-memory repository of the unit tests.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "services/casework/case_runner.hpp"
#include "services/platform/actor.hpp"

namespace ow::backoffice {

// The colleague a task is handed to, as the user store knows them (looked up before the transaction).
struct Colleague {
  std::int64_t id = 0;
  std::string login, role, region_code;
  std::optional<std::string> department_code;
  bool disabled = false;
};

class TaskDesk {
 public:
  explicit TaskDesk(const casework::CaseRunner& runner) : runner_(runner) {}

  void claim(const platform::Actor& approver, std::int64_t task_id, calendar::Instant now) const;
  void release(const platform::Actor& approver, std::int64_t task_id, calendar::Instant now) const;
  // To an active approver of the task's department whose region covers the case (422 otherwise).
  void transfer(const platform::Actor& approver, std::int64_t task_id, const std::string& colleague_login,
                const std::optional<Colleague>& colleague, calendar::Instant now) const;
  // {"kind": approve | reject | request_supplement | special_procedure_start | special_procedure_end, …}; only
  // by the approver holding the task.
  void decide(const platform::Actor& approver, std::int64_t task_id, const boost::json::object& body,
              calendar::Instant now) const;
  // A supervisor of the case's region sends a DispatchFailed task again; the case after.
  casework::CaseFile redispatch(const platform::Actor& supervisor, std::int64_t task_id, const std::string& reason,
                                calendar::Instant now) const;

 private:
  const casework::CaseRunner& runner_;
};

}  // namespace ow::backoffice
