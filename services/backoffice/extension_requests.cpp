// Extensions (延期) in two sessions: the approver holding a task requests, a supervisor of the case's region
// grants or refuses. Only the grant runs the flow's Extend (clocks, allowance, alert re-arming); the request
// and the refusal are audit notes. Every step locks the case row first, then the request row.
#include <boost/json.hpp>

#include "services/backoffice/backoffice_service.hpp"
#include "services/backoffice/task_access.hpp"
#include "services/casework/errors.hpp"
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
    if (auto d = catalog->departments.find(e.department_code); d != catalog->departments.end())
      department_name = d->second.name;
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
  return pool.transact([&](store::Tx& tx) {
    return request_json(*store::extensions::by_id(tx, id), loaded ? &loaded->catalog : nullptr);
  });
}

Problem beyond_allowance(int allowance) {
  return Problem(422, "extension_exceeds_allowance", "延长超出法定允许期限",
                 "extensions of a case may add up to " + std::to_string(allowance) + " working days",
                 json::object{{"field", "working_days"}});
}

int working_days(const json::object& body) {
  auto it = body.find("working_days");
  if (it == body.end() || !it->value().is_int64() || it->value().as_int64() < 1 || it->value().as_int64() > 366)
    throw problems::bad_request("'working_days' must be a whole number from 1", "working_days");
  return static_cast<int>(it->value().as_int64());
}

void require_supervisor(const platform::Actor& a) {
  if (a.role != platform::Role::supervisor)
    throw problems::forbidden("only a supervisor grants or refuses an extension");
}

// A supervisor's decision on a request: the request in the supervisor's region (else 404), its case locked
// FOR UPDATE, then the request row, which must still be pending (else 409).
struct Pending {
  store::ExtensionRequestRow e;
  casework::CaseFile c;
};

Pending lock_pending(casework::CaseTransaction& ctx, const platform::Actor& supervisor, std::int64_t id) {
  store::Tx& tx = ctx.store();
  auto e = store::extensions::by_id(tx, id);
  if (!e || !supervisor.covers(e->region_code)) throw casework::not_found("no extension request " + std::to_string(id));
  auto c = ctx.lock(casework::CaseKey::of_id(e->case_id));
  const auto state = store::extensions::lock_state(tx, id);
  if (!c || !state) throw casework::not_found("no extension request " + std::to_string(id));
  if (*state != "pending")
    throw Problem(409, "extension_request_decided", "该延期申请已处理",
                  "extension request " + std::to_string(id) + " is " + *state, json::object{{"state", *state}});
  return {*e, std::move(*c)};
}

// The task is being worked on (received, not yet decided): its state in the flow's record.
bool worked(const casework::CaseFile& f, const std::string& step) {
  const auto* t = f.record.task(step);
  return t && (t->state == machines::TaskState::Received || t->state == machines::TaskState::SupplementRequested);
}

}  // namespace

json::object BackofficeService::request_extension(const platform::Actor& a, std::int64_t id, const json::object& body,
                                                  const std::string& idempotency_key, const std::string& raw_body,
                                                  bool* replayed) {
  require_approver(a);
  const int days = working_days(body);
  const std::string reason = platform::text_field(body, "reason", true, 1000);
  const calendar::Instant now = now_();
  const std::string body_hash = idempotency_key.empty() ? "" : catalog_service::sha256_hex(raw_body);
  bool again = false;
  const auto request_id = cases_.in_transaction([&](casework::CaseTransaction& ctx) -> std::int64_t {
    again = false;
    if (!idempotency_key.empty()) {
      // The key is the approver's; what is kept is the id of the request it made (its answer is read afresh).
      if (auto seen = ctx.replay(a.log_id(), idempotency_key, body_hash)) {
        again = true;
        return std::stoll(seen->body);
      }
    }
    std::int64_t rid = 0;
    runner_.run(
        ctx, casework::CaseKey::of_task(id), casework::approver_of_task(a),
        [&](casework::CaseFile& f) {
          const store::TaskRow& t = *f.focus();
          if (!t.assignee_id || *t.assignee_id != a.user_id)
            throw casework::task_not_claimed("only the approver holding a task requests its extension");
          if (!worked(f, t.step)) throw flow::FlowRefused("task " + t.step, t.state, "extension_request", {});
          if (f.record.state != machines::CaseState::InProgress && f.record.state != machines::CaseState::Suspended)
            throw flow::FlowRefused("case", f.row.state, "extend", {});
          store::ExtensionFilter pending;
          pending.task_id = id;
          pending.state = "pending";
          if (!store::extensions::list(ctx.store(), pending).empty())
            throw Problem(409, "extension_request_pending", "该任务已有待批准的延期申请",
                          "a request for this task awaits a supervisor");
          if (store::cases::extension_days(ctx.store(), f.row.id) + days > allowance_)
            throw beyond_allowance(allowance_);
          rid = store::extensions::insert(ctx.store(), f.row.id, id, days, reason, a.user_id,
                                          calendar::format_instant(now));
          return std::vector<flow::Command>{flow::Note{
              t.step, "extension_request",
              "延期申请 #" + std::to_string(rid) + "：" + std::to_string(days) + " 个工作日，理由：" + reason}};
        },
        a.log_id(), now);
    if (!idempotency_key.empty())
      ctx.keep(a.log_id(), idempotency_key, body_hash, {201, std::to_string(rid), body_hash});
    return rid;
  });
  if (replayed) *replayed = again;
  return stored(pool_, catalog_, request_id);
}

json::object BackofficeService::extension_requests(const platform::Actor& a, const ExtensionQuery& q) {
  store::ExtensionFilter f;
  f.region_prefix = platform::region_scope(a.region_code);
  if (a.role == platform::Role::approver)
    f.requested_by = a.user_id;
  else if (a.role != platform::Role::supervisor)
    throw problems::forbidden("extension requests are for approvers and supervisors");
  if (q.state && *q.state != "all") {
    if (*q.state != "pending" && *q.state != "granted" && *q.state != "refused")
      throw problems::bad_request("state must be pending, granted, refused or all", "state");
    f.state = q.state;
  }
  f.task_id = q.task;
  auto loaded = catalog_.current();
  json::array items;
  for (const auto& e : pool_.transact([&](store::Tx& tx) { return store::extensions::list(tx, f); }))
    items.push_back(request_json(e, loaded ? &loaded->catalog : nullptr));
  return json::object{{"items", items}};
}

json::object BackofficeService::grant_extension(const platform::Actor& s, std::int64_t id) {
  require_supervisor(s);
  const calendar::Instant now = now_();
  cases_.transact([&](casework::CaseTransaction& ctx) {
    Pending p = lock_pending(ctx, s, id);
    // The task must still be worked: a request whose task was decided (or cancelled, or moved on) since is moot
    // and can only be refused; granting it would move the case's limits for nothing.
    if (const auto* t = p.c.task(p.e.step); t && !worked(p.c, t->step))
      throw Problem(409, "extension_request_moot", "该任务已不在办理中，延期申请只能驳回",
                    "the task of extension request " + std::to_string(id) + " is " + t->state,
                    json::object{{"task_state", t->state}});
    if (store::cases::extension_days(ctx.store(), p.c.row.id) + p.e.working_days > allowance_)
      throw beyond_allowance(allowance_);
    // The flow's Extend: case clocks and the task's budget move, the granted days are counted; the writer
    // re-syncs the timekeeper's checks, resolving alerts that no longer hold and re-arming them.
    runner_.apply(
        ctx, p.c,
        flow::Extend{p.e.step, p.e.working_days, s.login, p.e.reason + "（延期申请 #" + std::to_string(id) + "）"},
        s.log_id(), now);
    store::extensions::decide(ctx.store(), id, "granted", s.user_id, calendar::format_instant(now), std::nullopt);
  });
  return stored(pool_, catalog_, id);
}

json::object BackofficeService::refuse_extension(const platform::Actor& s, std::int64_t id, const json::object& body) {
  require_supervisor(s);
  const std::string reason = platform::text_field(body, "reason", true, 1000);
  const calendar::Instant now = now_();
  cases_.transact([&](casework::CaseTransaction& ctx) {
    Pending p = lock_pending(ctx, s, id);
    runner_.apply(ctx, p.c,
                  flow::Note{p.e.step, "extension_refused", "延期申请 #" + std::to_string(id) + " 未获批准：" + reason},
                  s.log_id(), now);
    store::extensions::decide(ctx.store(), id, "refused", s.user_id, calendar::format_instant(now), reason);
  });
  return stored(pool_, catalog_, id);
}

}  // namespace ow::backoffice
