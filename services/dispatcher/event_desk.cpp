// One department event, one transaction.
#include "services/dispatcher/event_desk.hpp"

#include <boost/json.hpp>

#include "services/casework/errors.hpp"
#include "services/platform/problem.hpp"

namespace ow::dispatcher {
namespace {

namespace json = boost::json;

std::string refused_body(const flow::FlowRefused& refused, const std::string& department) {
  json::array accepted;
  for (const auto& a : refused.accepted) accepted.push_back(json::string(a));
  platform::Problem p(409, "illegal_transition", "当前状态不允许此操作", refused.what(),
                      json::object{{"state", refused.state}, {"accepted_events", accepted}});
  return json::serialize(p.body("/api/v1/departments/" + department + "/events", ""));
}

}  // namespace

EventAnswer apply_event(const casework::CaseRunner& runner, const DepartmentEvent& e, calendar::Instant now) {
  const std::string actor = "department:" + e.department;
  return runner.repository().in_transaction([&](casework::CaseTransaction& tx) -> EventAnswer {
    auto file = tx.lock(casework::CaseKey::of_number(e.number));  // serialises callbacks of one case, repeats included
    if (!file) throw casework::not_found("no case " + e.number);
    if (auto seen = tx.department_event(e.department, e.id)) {
      if (seen->request_hash && *seen->request_hash != e.body_sha256)
        throw casework::Refusal(
            casework::RefusalKind::unprocessable, "event_id_reused", "事件编号已用于另一内容的回调",
            "event id " + e.id + " was already applied with a different body; a new event needs a new id",
            json::object{{"field", "id"}});
      return {static_cast<unsigned>(seen->status), seen->body, true};
    }
    const flow::TaskRecord* task = file->record.task(e.step);
    if (!task || task->department != e.department)
      throw casework::not_found("case " + e.number + " has no step " + e.step + " of department " + e.department);
    EventAnswer answer;
    try {
      // The department has the task even if our own record of the push has not been written yet: a receipt
      // confirms the push (TaskTransition::confirms_dispatch); anything else waits for it.
      if (task->state == machines::TaskState::Dispatching && e.type != "received")
        throw flow::FlowRefused("task " + e.step, "Dispatching", e.type, {"received"});
      runner.apply(tx, *file, e.command, actor, now);
      const auto* after = file->task(e.step);
      answer = {200,
                json::serialize(json::object{{"id", e.id},
                                             {"applied", true},
                                             {"task_state", after ? after->state : ""},
                                             {"case_state", file->row.state}}),
                false};
    } catch (const flow::FlowRefused& refused) {
      answer = {409, refused_body(refused, e.department), false};
    }
    tx.keep_department_event(e.department, e.id, {static_cast<int>(answer.status), answer.body, e.body_sha256});
    return answer;
  });
}

}  // namespace ow::dispatcher
