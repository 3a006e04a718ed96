// The approver's back-office (后台审批): the department's inbox, claim / release / transfer, the task view,
// decisions (approve with what the step produced, reject, request supplement, special procedures), and
// extensions (延期) requested by the approver and granted or refused by a supervisor (extension_requests.cpp). Every
// change follows DESIGN.md's rule: the case row locked (FOR NO KEY UPDATE), the flow decides, the decision written in
// the same transaction. Tasks of other departments or regions are invisible (404).
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>

#include "services/backoffice/paging.hpp"
#include "services/backoffice/task_desk.hpp"
#include "services/casework/case_runner.hpp"
#include "services/casework/pg_case_repository.hpp"
#include "services/catalog/catalog_service.hpp"
#include "services/platform/actor.hpp"
#include "services/store/pg_pool.hpp"
#include "workflow/calendar/clock.hpp"

namespace ow::backoffice {

struct InboxQuery {
  std::optional<std::string> state, due_before, bundle;
};

struct ExtensionQuery {
  std::optional<std::string> state;  // pending, granted, refused; none or "all": every state
  std::optional<std::int64_t> task;
};

class BackofficeService {
 public:
  BackofficeService(store::PgPool& pool, catalog_service::CatalogService& catalog, const calendar::WorkingTime& time,
                    std::function<calendar::Instant()> now, int extension_allowance_days = 10)
      : pool_(pool),
        catalog_(catalog),
        math_(time),
        now_(std::move(now)),
        allowance_(extension_allowance_days),
        cases_(pool, math_),
        runner_(
            cases_, [&catalog](int v) { return catalog.version(v); }, catalog.minutes_per_day(), math_),
        desk_(runner_) {}
  // Its runner and desks refer to its own members: never copied.
  BackofficeService(const BackofficeService&) = delete;
  BackofficeService& operator=(const BackofficeService&) = delete;

  // The department's open tasks, one page ordered by time left, with the total, each named from its case's
  // catalog version; and the department (name, and whether it is a push department, whose tasks are worked in
  // its own system and never reach this inbox).
  boost::json::object inbox(const platform::Actor& approver, const InboxQuery& q, const Paging& paging = {1, 100});
  // 已办: decisions (通过, 不予许可, 要求补正) on the department's tasks in the approver's region, newest first;
  // `mine`: only the approver's own. One page with the total.
  boost::json::object decisions(const platform::Actor& approver, bool mine, const Paging& paging);
  boost::json::object task(const platform::Actor& approver, std::int64_t task_id);
  boost::json::object claim(const platform::Actor& approver, std::int64_t task_id);
  boost::json::object release(const platform::Actor& approver, std::int64_t task_id);
  boost::json::object transfer(const platform::Actor& approver, std::int64_t task_id,
                               const std::string& colleague_login);
  boost::json::object decide(const platform::Actor& approver, std::int64_t task_id, const boost::json::object& body);
  // A supervisor sends a DispatchFailed task to its department again (a new outbox row; the dispatcher
  // takes it from there). Returns the task's state and the case number.
  boost::json::object redispatch(const platform::Actor& supervisor, std::int64_t task_id, const std::string& reason);
  // POST /api/v1/redispatches {"department", "from"?, "to"?, "reason"?}: every DispatchFailed task of that
  // department in the supervisor's region (failed within [from, to) when given), sent again — after a
  // department's outage, one action instead of one per task. Each re-dispatch is audited on its case with the
  // batch's size; a task that changed meanwhile is skipped. Running it again finds nothing left to send.
  boost::json::object redispatch_failed(const platform::Actor& supervisor, const boost::json::object& body);

  // 延期. The approver holding an open task asks for {"working_days", "reason"}: recorded and audited, the
  // clocks do not move (201). One pending request per task; the case's granted days plus these may not pass
  // the allowance (422 extension_exceeds_allowance).
  // With an Idempotency-Key (and the request's raw body): the same key and body again answer the request first
  // made (`*replayed` set), the same key with another body is 422 idempotency_key_reused.
  boost::json::object request_extension(const platform::Actor& approver, std::int64_t task_id,
                                        const boost::json::object& body, const std::string& idempotency_key = {},
                                        const std::string& raw_body = {}, bool* replayed = nullptr);
  // Supervisors: the requests of cases in their region; approvers: their own requests.
  boost::json::object extension_requests(const platform::Actor& actor, const ExtensionQuery& q);
  // A supervisor whose region covers the case (else 404) grants a pending request (else 409): the case's
  // committed and statutory clocks and the task's budget move by the working days, alerts that no longer hold
  // are resolved and re-armed — or refuses it with {"reason"}. Both audited under the supervisor's name.
  boost::json::object grant_extension(const platform::Actor& supervisor, std::int64_t request_id);
  boost::json::object refuse_extension(const platform::Actor& supervisor, std::int64_t request_id,
                                       const boost::json::object& body);

 private:
  // {code, name, push} of a department in the current catalog.
  boost::json::object department_json(const std::string& code);
  store::PgPool& pool_;
  catalog_service::CatalogService& catalog_;
  calendar::ClockMath math_;
  std::function<calendar::Instant()> now_;
  const int allowance_;
  casework::PgCaseRepository cases_;
  casework::CaseRunner runner_;
  TaskDesk desk_;
};

}  // namespace ow::backoffice
