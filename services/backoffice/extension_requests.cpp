// Extensions (延期) in two sessions: the approver holding a task requests, a supervisor of the case's region
// grants or refuses. Only the grant runs the flow's Extend (clocks, allowance, alert re-arming); the request
// and the refusal are audit notes. Every step locks the case row first, then the request row.
#include <boost/json.hpp>

#include "services/acceptance/case_writer.hpp"
#include "services/acceptance/intake_service.hpp"
#include "services/backoffice/backoffice_service.hpp"
#include "services/backoffice/task_access.hpp"
#include "services/catalog/catalog_json.hpp"
#include "services/platform/json_fields.hpp"
#include "services/platform/problem.hpp"
#include "services/store/case_store.hpp"
#include "services/store/extension_store.hpp"

namespace ow::backoffice {
namespace {

namespace json = boost::json;
using platform::Problem;
namespace problems = platform::problems;

json::value text_or_null(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::object request_json(const store::ExtensionRequestRow& e, const catalog::Catalog* catalog) {
  std::string bundle_name = e.bundle_code, department_name = e.department_code;
  if (catalog) {
    if (auto b = catalog->bundles.find(e.bundle_code); b != catalog->bundles.end()) bundle_name = b->second.name;
    if (auto d = catalog->departments.find(e.department_code); d != catalog->departments.end()) department_name = d->second.name;
  }
  return json::object{{"id", e.id},
                      {"case_number", e.number},
                      {"bundle", e.bundle_code},
                      {"bundle_name", bundle_name},
                      {"task_id", e.task_id},
                      {"step", e.step},
                      {"department", e.department_code},
                      {"department_name", department_name},
                      {"working_days", e.working_days},
                      {"reason", e.reason},
                      {"requested_by", e.requested_by},
                      {"requested_by_name", e.requested_by_name},
                      {"requested_at", e.requested_at},
                      {"state", e.state},
                      {"decided_by", text_or_null(e.decided_by)},
                      {"decided_by_name", text_or_null(e.decided_by_name)},
                      {"decided_at", text_or_null(e.decided_at)},
                      {"refusal_reason", text_or_null(e.refusal_reason)},
                      {"task_due_at", text_or_null(e.task_due_at)},
                      {"committed_due_at", text_or_null(e.committed_due_at)}};
}

// The request as stored now, with the current catalog's names.
json::object stored(store::PgPool& pool, catalog_service::CatalogService& catalog, std::int64_t id) {
  auto loaded = catalog.current();
  return pool.transact([&](pqxx::work& tx) { return request_json(*store::extensions::by_id(tx, id), loaded ? &loaded->catalog : nullptr); });
}

Problem beyond_allowance(int allowance) {
  return Problem(422, "extension_exceeds_allowance", "延长超出法定允许期限",
                 "extensions of a case may add up to " + std::to_string(allowance) + " working days", json::object{{"field", "working_days"}});
}

int working_days(const json::object& body) {
  auto it = body.find("working_days");
  if (it == body.end() || !it->value().is_int64() || it->value().as_int64() < 1 || it->value().as_int64() > 366)
    throw problems::bad_request("'working_days' must be a whole number from 1", "working_days");
  return static_cast<int>(it->value().as_int64());
}

void require_supervisor(const platform::Actor& a) {
  if (a.role != platform::Role::supervisor) throw problems::forbidden("only a supervisor grants or refuses an extension");
}

// A supervisor's decision on a request: the request in the supervisor's region (else 404), its case locked
// FOR UPDATE, then the request row, which must still be pending (else 409).
struct Pending {
  store::ExtensionRequestRow e;
  store::CaseRow c;
};

Pending lock_pending(pqxx::work& tx, const platform::Actor& supervisor, std::int64_t id) {
  auto e = store::extensions::by_id(tx, id);
  if (!e || !e->region_code.starts_with(acceptance::region_scope(supervisor.region_code)))
    throw problems::not_found("no extension request " + std::to_string(id));
  auto c = store::cases::for_update_by_id(tx, e->case_id);
  const auto state = store::extensions::lock_state(tx, id);
  if (!c || !state) throw problems::not_found("no extension request " + std::to_string(id));
  if (*state != "pending")
    throw Problem(409, "extension_request_decided", "该延期申请已处理", "extension request " + std::to_string(id) + " is " + *state,
                  json::object{{"state", *state}});
  return {*e, *c};
}

}  // namespace

json::object BackofficeService::request_extension(const platform::Actor& a, std::int64_t id, const json::object& body,
                                                  const std::string& idempotency_key, const std::string& raw_body, bool* replayed) {
  require_approver(a);
  const int days = working_days(body);
  const std::string reason = platform::text_field(body, "reason", true, 1000);
  const calendar::Instant now = now_();
  const std::string body_hash = idempotency_key.empty() ? "" : catalog_service::sha256_hex(raw_body);
  bool again = false;
  const auto request_id = pool_.transact([&](pqxx::work& tx) -> std::int64_t {
    again = false;
    if (!idempotency_key.empty()) {
      // The key is the approver's; what is kept is the id of the request it made (its answer is read afresh).
      if (auto seen = store::idempotency::find_same(tx, a.log_id(), idempotency_key, body_hash)) {
        again = true;
        return std::stoll(seen->response);
      }
    }
    LockedTask l = lock_task(tx, a, id);
    if (!l.t.assignee_id || *l.t.assignee_id != a.user_id)
      throw Problem(409, "task_not_claimed", "请先签收任务", "only the approver holding a task requests its extension");
    if (l.t.state != "Received" && l.t.state != "SupplementRequested")
      throw flow::FlowRefused("task " + l.t.step, l.t.state, "extension_request", {});
    if (l.c.state != "InProgress" && l.c.state != "Suspended") throw flow::FlowRefused("case", l.c.state, "extend", {});
    store::ExtensionFilter pending;
    pending.task_id = id;
    pending.state = "pending";
    if (!store::extensions::list(tx, pending).empty())
      throw Problem(409, "extension_request_pending", "该任务已有待批准的延期申请", "a request for this task awaits a supervisor");
    if (store::cases::extension_days(tx, l.c.id) + days > allowance_) throw beyond_allowance(allowance_);
    const auto rid = store::extensions::insert(tx, l.c.id, id, days, reason, a.user_id, calendar::format_instant(now));
    acceptance::apply_to_locked_case(
        tx, l.c, catalog_, math_,
        flow::Note{l.t.step, "extension_request", "延期申请 #" + std::to_string(rid) + "：" + std::to_string(days) + " 个工作日，理由：" + reason},
        a.log_id(), now);
    if (!idempotency_key.empty()) store::idempotency::put(tx, a.log_id(), idempotency_key, body_hash, 201, std::to_string(rid));
    return rid;
  });
  if (replayed) *replayed = again;
  return stored(pool_, catalog_, request_id);
}

json::object BackofficeService::extension_requests(const platform::Actor& a, const ExtensionQuery& q) {
  store::ExtensionFilter f;
  f.region_prefix = acceptance::region_scope(a.region_code);
  if (a.role == platform::Role::approver) f.requested_by = a.user_id;
  else if (a.role != platform::Role::supervisor) throw problems::forbidden("extension requests are for approvers and supervisors");
  if (q.state && *q.state != "all") {
    if (*q.state != "pending" && *q.state != "granted" && *q.state != "refused")
      throw problems::bad_request("state must be pending, granted, refused or all", "state");
    f.state = q.state;
  }
  f.task_id = q.task;
  auto loaded = catalog_.current();
  json::array items;
  for (const auto& e : pool_.transact([&](pqxx::work& tx) { return store::extensions::list(tx, f); }))
    items.push_back(request_json(e, loaded ? &loaded->catalog : nullptr));
  return json::object{{"items", items}};
}

json::object BackofficeService::grant_extension(const platform::Actor& s, std::int64_t id) {
  require_supervisor(s);
  const calendar::Instant now = now_();
  pool_.transact([&](pqxx::work& tx) {
    Pending p = lock_pending(tx, s, id);
    // The task must still be worked: a request whose task was decided (or cancelled, or moved on) since is moot
    // and can only be refused; granting it would move the case's limits for nothing.
    for (const auto& t : store::cases::tasks(tx, p.c.id))
      if (t.step == p.e.step && t.state != "Received" && t.state != "SupplementRequested")
        throw Problem(409, "extension_request_moot", "该任务已不在办理中，延期申请只能驳回",
                      "the task of extension request " + std::to_string(id) + " is " + t.state, json::object{{"task_state", t.state}});
    if (store::cases::extension_days(tx, p.c.id) + p.e.working_days > allowance_) throw beyond_allowance(allowance_);
    // The flow's Extend: case clocks and the task's budget move; write_decision re-syncs the timekeeper's
    // checks, resolving alerts that no longer hold and re-arming them (supervision_store's clock_check_sync).
    acceptance::apply_to_locked_case(
        tx, p.c, catalog_, math_,
        flow::Extend{p.e.step, p.e.working_days, s.login, p.e.reason + "（延期申请 #" + std::to_string(id) + "）"}, s.log_id(), now);
    store::cases::add_extension(tx, p.c.id, p.e.working_days);
    store::extensions::decide(tx, id, "granted", s.user_id, calendar::format_instant(now), std::nullopt);
  });
  return stored(pool_, catalog_, id);
}

json::object BackofficeService::refuse_extension(const platform::Actor& s, std::int64_t id, const json::object& body) {
  require_supervisor(s);
  const std::string reason = platform::text_field(body, "reason", true, 1000);
  const calendar::Instant now = now_();
  pool_.transact([&](pqxx::work& tx) {
    Pending p = lock_pending(tx, s, id);
    acceptance::apply_to_locked_case(tx, p.c, catalog_, math_,
                                     flow::Note{p.e.step, "extension_refused", "延期申请 #" + std::to_string(id) + " 未获批准：" + reason},
                                     s.log_id(), now);
    store::extensions::decide(tx, id, "refused", s.user_id, calendar::format_instant(now), reason);
  });
  return stored(pool_, catalog_, id);
}

}  // namespace ow::backoffice
