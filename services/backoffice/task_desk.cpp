// Task commands: each a run of the casework runner on the task's case.
#include "services/backoffice/task_desk.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "services/backoffice/task_access.hpp"
#include "services/casework/errors.hpp"
#include "services/casework/supplement_request.hpp"
#include "services/platform/json_fields.hpp"
#include "services/platform/problem.hpp"

namespace ow::backoffice {
namespace {

namespace json = boost::json;
using casework::CaseFile;
using casework::CaseKey;
using casework::Refusal;
using casework::RefusalKind;
using platform::text_field;
namespace problems = platform::problems;

const char* const kProcedures[] = {"hearing", "tendering",  "auction",   "inspection",
                                   "testing", "quarantine", "appraisal", "expert_review"};

const store::TaskRow& held_by(const CaseFile& f, const platform::Actor& a, const char* what) {
  const auto* t = f.focus();
  if (!t->assignee_id || *t->assignee_id != a.user_id) throw casework::task_not_claimed(what);
  return *t;
}

// The command of an approver's decision; `kind` and `opinion` are read before the case is locked (a malformed
// request is a 400 whatever the task), the rest once the holder is known.
flow::Command decision_command(const store::TaskRow& t, const platform::Actor& a, const std::string& kind,
                               const std::string& opinion, const json::object& body) {
  flow::TaskWork work{a.user_id, std::nullopt, opinion.empty() ? std::nullopt : std::optional(opinion)};
  if (kind == "approve") {
    auto it = body.find("produced");
    if (it != body.end() && !it->value().is_object())
      throw problems::bad_request("'produced' must be an object", "produced");
    work.result = json::serialize(it == body.end() ? json::value(json::object{}) : it->value());
    return flow::TaskTransition{t.step, machines::TaskEvent::approve, opinion, work};
  }
  if (kind == "reject") {
    const std::string reason = text_field(body, "reason", true), basis = text_field(body, "legal_basis", true);
    return flow::TaskTransition{t.step, machines::TaskEvent::reject, reason + "（" + basis + "）", work};
  }
  if (kind == "request_supplement") return casework::supplement_request(t.step, body, work);
  if (kind == "special_procedure_start") {
    const std::string procedure = text_field(body, "procedure", true, 40);
    if (std::find(std::begin(kProcedures), std::end(kProcedures), procedure) == std::end(kProcedures))
      throw problems::bad_request(
          "procedure must be hearing, tendering, auction, inspection, testing, quarantine, appraisal or expert_review",
          "procedure");
    return flow::SpecialProcedure{t.step, procedure, text_field(body, "reason", true), true, work};
  }
  if (kind == "special_procedure_end") return flow::SpecialProcedure{t.step, "", "", false, work};
  if (kind == "extend")
    throw problems::bad_request(
        "an extension is requested with POST /api/v1/tasks/{id}/extension-requests and granted by a supervisor",
        "kind");
  throw problems::bad_request(
      "kind must be approve, reject, request_supplement, special_procedure_start or special_procedure_end", "kind");
}

}  // namespace

void TaskDesk::claim(const platform::Actor& a, std::int64_t id, calendar::Instant now) const {
  require_approver(a);
  runner_.run(
      CaseKey::of_task(id), casework::approver_of_task(a),
      [&](CaseFile& f) {
        const auto* t = f.focus();
        if (t->assignee_id && *t->assignee_id != a.user_id)
          throw Refusal(RefusalKind::conflict, "task_claimed", "任务已被他人签收", "another approver holds this task",
                        json::object{{"state", t->state}});
        return std::vector<flow::Command>{flow::Claim{t->step, a.user_id, a.login}};
      },
      a.log_id(), now);
}

void TaskDesk::release(const platform::Actor& a, std::int64_t id, calendar::Instant now) const {
  require_approver(a);
  runner_.run(
      CaseKey::of_task(id), casework::approver_of_task(a),
      [&](CaseFile& f) {
        const auto& t = held_by(f, a, "only the approver holding a task can release it");
        return std::vector<flow::Command>{flow::Release{t.step, a.login}};
      },
      a.log_id(), now);
}

void TaskDesk::transfer(const platform::Actor& a, std::int64_t id, const std::string& colleague_login,
                        const std::optional<Colleague>& colleague, calendar::Instant now) const {
  require_approver(a);
  runner_.run(
      CaseKey::of_task(id), casework::approver_of_task(a),
      [&](CaseFile& f) {
        const auto& t = held_by(f, a, "only the approver holding a task can transfer it");
        // Only to someone who will find the task in their inbox: an active approver of its department whose region
        // covers the case's (a task handed to anyone else would be stranded).
        if (!colleague || colleague->disabled || colleague->role != "approver" ||
            !sees_task(colleague->department_code, colleague->region_code, t, f.row.region_code))
          throw Refusal(RefusalKind::unprocessable, "transfer_target_invalid", "只能转交给能办理该任务的本部门审批人员",
                        "'" + colleague_login + "' is not an active approver of " + t.department_code +
                            " whose region covers the case",
                        json::object{{"field", "to"}});
        return std::vector<flow::Command>{flow::Transfer{t.step, colleague->id, a.login + " → " + colleague_login}};
      },
      a.log_id(), now);
}

void TaskDesk::decide(const platform::Actor& a, std::int64_t id, const json::object& body,
                      calendar::Instant now) const {
  require_approver(a);
  const std::string kind = text_field(body, "kind", true, 40);
  const std::string opinion = text_field(body, "opinion", false);
  runner_.run(
      CaseKey::of_task(id), casework::approver_of_task(a),
      [&](CaseFile& f) {
        const auto& t = held_by(f, a, "claim the task before deciding on it");
        return std::vector<flow::Command>{decision_command(t, a, kind, opinion, body)};
      },
      a.log_id(), now);
}

CaseFile TaskDesk::redispatch(const platform::Actor& a, std::int64_t id, const std::string& reason,
                              calendar::Instant now) const {
  if (a.role != platform::Role::supervisor) throw casework::forbidden("only a supervisor re-dispatches a task");
  return runner_.run(
      CaseKey::of_task(id), casework::in_region(a),
      [&](CaseFile& f) {
        return std::vector<flow::Command>{
            flow::TaskTransition{f.focus()->step, machines::TaskEvent::redispatch, reason}};
      },
      a.log_id(), now);
}

}  // namespace ow::backoffice
