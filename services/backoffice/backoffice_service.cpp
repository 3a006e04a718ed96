// Back-office task work.
#include "services/backoffice/backoffice_service.hpp"

#include <boost/json.hpp>

#include "services/acceptance/case_reading.hpp"
#include "services/acceptance/case_views.hpp"
#include "services/acceptance/case_writer.hpp"
#include "services/acceptance/intake_service.hpp"
#include "services/acceptance/record_codec.hpp"
#include "services/backoffice/task_access.hpp"
#include "services/platform/json_fields.hpp"
#include "services/platform/problem.hpp"
#include "services/store/case_store.hpp"
#include "services/store/supervision_store.hpp"
#include "services/store/user_store.hpp"
#include "workflow/flow/identity.hpp"

namespace ow::backoffice {
namespace {

using platform::text_field;

namespace json = boost::json;
using platform::Problem;
namespace problems = platform::problems;

const char* const kProcedures[] = {"hearing", "tendering", "auction", "inspection", "testing", "quarantine", "appraisal", "expert_review"};

json::value clock_json(const std::optional<std::string>& clock, const calendar::ClockMath& math, calendar::Instant now) {
  if (!clock) return nullptr;
  auto c = acceptance::clock_from_json(json::parse(*clock));
  auto r = math.read(c, now);
  json::object o{{"status", calendar::to_string(r.status)}, {"remaining_seconds", r.remaining}, {"budget_seconds", r.budget}};
  o["due_at"] = r.due_at ? json::value(calendar::format_instant(*r.due_at)) : json::value(nullptr);
  return o;
}

}  // namespace

json::object BackofficeService::inbox(const platform::Actor& a, const InboxQuery& q) {
  require_approver(a);
  store::InboxFilter f;
  f.department = *a.department_code;
  f.region_prefix = acceptance::region_scope(a.region_code);
  f.state = q.state;
  f.bundle = q.bundle;
  if (q.state && !machines::task_state_named(*q.state)) throw problems::bad_request("unknown task state '" + *q.state + "'", "state");
  if (q.due_before) {
    try {
      f.due_before = calendar::format_instant(calendar::parse_instant(*q.due_before));
    } catch (const calendar::ParseError& e) {
      throw problems::bad_request(e.what(), "due_before");
    }
  }
  const calendar::Instant now = now_();
  auto rows = pool_.transact([&](pqxx::work& tx) { return store::cases::inbox(tx, f); });
  json::array items;
  for (const auto& r : rows)
    items.push_back(json::object{{"id", r.task.id},
                                 {"number", r.number},
                                 {"bundle", r.bundle_code},
                                 {"step", r.task.step},
                                 {"state", r.task.state},
                                 {"case_state", r.case_state},
                                 {"assigned_to_me", r.task.assignee_id && *r.task.assignee_id == a.user_id},
                                 {"claimed", r.task.assignee_id.has_value()},
                                 {"clock", clock_json(r.task.clock, math_, now)}});
  return json::object{{"items", items}};
}

json::object BackofficeService::task(const platform::Actor& a, std::int64_t id) {
  require_approver(a);
  const calendar::Instant now = now_();
  return pool_.transact([&](pqxx::work& tx) {
    auto t = store::cases::task_by_id(tx, id);
    if (!t) throw problems::not_found("no task " + std::to_string(id));
    auto row = store::cases::by_id(tx, t->case_id);
    if (!row || !sees_task(a, *t, row->region_code)) throw problems::not_found("no task " + std::to_string(id));
    auto tasks = store::cases::tasks(tx, t->case_id);
    auto loaded = catalog_.version(row->catalog_version);
    const auto& bundle = loaded->catalog.bundles.at(row->bundle_code);
    const auto step = std::find_if(bundle.steps.begin(), bundle.steps.end(), [&](const auto& s) { return s.id == t->step; });
    const bool mine = t->assignee_id && *t->assignee_id == a.user_id;
    const auto sight = acceptance::personal_data_access(a, *row, tasks);  // full only while holding one of its tasks
    if (sight == acceptance::CaseSight::full) acceptance::record_unmasked_reads(tx, a, {row->number});
    json::array route, produced;
    for (const auto& x : tasks) {
      route.push_back(json::object{{"step", x.step}, {"department", x.department_code}, {"state", x.state}, {"after", json::parse(x.after_steps)}});
      if (x.state == "Approved" && x.result) produced.push_back(json::object{{"step", x.step}, {"result", json::parse(*x.result)}});
    }
    json::object view{{"id", t->id},
                      {"step", t->step},
                      {"item", step == bundle.steps.end() ? "" : step->item},
                      {"item_name", step == bundle.steps.end() ? "" : loaded->catalog.items.at(step->item).name},
                      {"department", t->department_code},
                      {"state", t->state},
                      {"claimed", t->assignee_id.has_value()},
                      {"assigned_to_me", mine},
                      {"budget_minutes", t->budget_minutes},
                      {"clock", clock_json(t->clock, math_, now)},
                      {"special_procedure", t->special_procedure ? json::value(*t->special_procedure) : json::value(nullptr)},
                      {"opinion", t->opinion ? json::value(*t->opinion) : json::value(nullptr)},
                      {"result", t->result ? json::parse(*t->result) : json::value(nullptr)},
                      {"produced_by_earlier_steps", produced},
                      {"route", route}};
    view["case"] = json::object{{"number", row->number},
                                {"bundle", row->bundle_code},
                                {"bundle_name", bundle.name},
                                {"state", row->state},
                                {"applicant", acceptance::applicant_for(json::parse(row->applicant).as_object(), sight)},
                                {"contact_phone", acceptance::phone_for(row->phone, sight)},
                                {"personal_data", sight == acceptance::CaseSight::full ? "full" : "masked"},
                                {"attributes", json::parse(row->attributes)},
                                {"materials", json::parse(row->materials)},
                                {"deferred", json::parse(row->deferred)},
                                {"committed_due_at", row->committed_due_at ? json::value(*row->committed_due_at) : json::value(nullptr)}};
    return view;
  });
}

json::object BackofficeService::claim(const platform::Actor& a, std::int64_t id) {
  require_approver(a);
  const calendar::Instant now = now_();
  pool_.transact([&](pqxx::work& tx) {
    LockedTask l = lock_task(tx, a, id);
    if (l.t.assignee_id && *l.t.assignee_id != a.user_id)
      throw Problem(409, "task_claimed", "任务已被他人签收", "another approver holds this task", json::object{{"state", l.t.state}});
    if (l.t.state == "Dispatched")
      acceptance::apply_to_locked_case(tx, l.c, catalog_, math_, flow::TaskTransition{l.t.step, machines::TaskEvent::receive, "claim"},
                                       a.log_id(), now);
    else if (l.t.state != "Received" && l.t.state != "SupplementRequested")
      throw Problem(409, "illegal_transition", "当前状态不允许此操作", "a task in state " + l.t.state + " cannot be claimed",
                    json::object{{"state", l.t.state}, {"accepted_events", json::array{}}});
    acceptance::apply_to_locked_case(tx, l.c, catalog_, math_, flow::Note{l.t.step, "claim", a.login}, a.log_id(), now);
    store::cases::set_task_work(tx, l.c.id, l.t.step, a.user_id, std::nullopt, std::nullopt);
  });
  return task(a, id);
}

json::object BackofficeService::release(const platform::Actor& a, std::int64_t id) {
  require_approver(a);
  const calendar::Instant now = now_();
  pool_.transact([&](pqxx::work& tx) {
    LockedTask l = lock_task(tx, a, id);
    if (!l.t.assignee_id || *l.t.assignee_id != a.user_id)
      throw Problem(409, "task_not_claimed", "请先签收任务", "only the approver holding a task can release it");
    acceptance::apply_to_locked_case(tx, l.c, catalog_, math_, flow::Note{l.t.step, "release", a.login}, a.log_id(), now);
    store::cases::set_task_work(tx, l.c.id, l.t.step, std::nullopt, std::nullopt, std::nullopt);
  });
  return task(a, id);
}

json::object BackofficeService::transfer(const platform::Actor& a, std::int64_t id, const std::string& colleague_login) {
  require_approver(a);
  const calendar::Instant now = now_();
  pool_.transact([&](pqxx::work& tx) {
    LockedTask l = lock_task(tx, a, id);
    if (!l.t.assignee_id || *l.t.assignee_id != a.user_id)
      throw Problem(409, "task_not_claimed", "请先签收任务", "only the approver holding a task can transfer it");
    // Only to someone who will find the task in their inbox: an active approver of its department whose region
    // covers the case's (a task handed to anyone else would be stranded).
    auto colleague = store::users::find_by_login(tx, colleague_login);
    if (!colleague || colleague->disabled || colleague->role != "approver" ||
        !sees_task(colleague->department_code, colleague->region_code, l.t, l.c.region_code))
      throw Problem(422, "transfer_target_invalid", "只能转交给能办理该任务的本部门审批人员",
                    "'" + colleague_login + "' is not an active approver of " + l.t.department_code + " whose region covers the case",
                    json::object{{"field", "to"}});
    acceptance::apply_to_locked_case(tx, l.c, catalog_, math_, flow::Note{l.t.step, "transfer", a.login + " → " + colleague_login},
                                     a.log_id(), now);
    store::cases::set_task_work(tx, l.c.id, l.t.step, colleague->id, std::nullopt, std::nullopt);
  });
  return task(a, id);
}

json::object BackofficeService::decide(const platform::Actor& a, std::int64_t id, const json::object& body) {
  require_approver(a);
  const std::string kind = text_field(body, "kind", true, 40);
  const std::string opinion = text_field(body, "opinion", false);
  const calendar::Instant now = now_();
  pool_.transact([&](pqxx::work& tx) {
    LockedTask l = lock_task(tx, a, id);
    if (!l.t.assignee_id || *l.t.assignee_id != a.user_id)
      throw Problem(409, "task_not_claimed", "请先签收任务", "claim the task before deciding on it");
    std::optional<std::string> result;
    flow::Command command;
    if (kind == "approve") {
      auto it = body.find("produced");
      if (it != body.end() && !it->value().is_object()) throw problems::bad_request("'produced' must be an object", "produced");
      result = json::serialize(it == body.end() ? json::value(json::object{}) : it->value());
      command = flow::TaskTransition{l.t.step, machines::TaskEvent::approve, opinion};
    } else if (kind == "reject") {
      const std::string reason = text_field(body, "reason", true), basis = text_field(body, "legal_basis", true);
      command = flow::TaskTransition{l.t.step, machines::TaskEvent::reject, reason + "（" + basis + "）"};
    } else if (kind == "request_supplement") {
      std::vector<std::string> materials;
      auto it = body.find("materials");
      if (it == body.end() || !it->value().is_array() || it->value().as_array().empty())
        throw problems::bad_request("'materials' lists what the applicant must bring", "materials");
      for (const auto& m : it->value().as_array()) {
        if (!m.is_string()) throw problems::bad_request("'materials' lists material ids", "materials");
        materials.emplace_back(m.as_string());
      }
      command = flow::RequestTaskSupplement{l.t.step, materials};
    } else if (kind == "special_procedure_start") {
      const std::string procedure = text_field(body, "procedure", true, 40);
      if (std::find(std::begin(kProcedures), std::end(kProcedures), procedure) == std::end(kProcedures))
        throw problems::bad_request("procedure must be hearing, tendering, auction, inspection, testing, quarantine, appraisal or expert_review", "procedure");
      command = flow::SpecialProcedure{l.t.step, procedure, text_field(body, "reason", true), true};
    } else if (kind == "special_procedure_end") {
      command = flow::SpecialProcedure{l.t.step, "", "", false};
    } else if (kind == "extend") {
      throw problems::bad_request("an extension is requested with POST /api/v1/tasks/{id}/extension-requests and granted by a supervisor",
                                  "kind");
    } else {
      throw problems::bad_request("kind must be approve, reject, request_supplement, special_procedure_start or special_procedure_end", "kind");
    }
    acceptance::apply_to_locked_case(tx, l.c, catalog_, math_, command, a.log_id(), now);
    store::cases::set_task_work(tx, l.c.id, l.t.step, a.user_id, result, opinion.empty() ? std::nullopt : std::optional(opinion));
  });
  return task(a, id);
}

json::object BackofficeService::redispatch(const platform::Actor& a, std::int64_t id, const std::string& reason) {
  if (a.role != platform::Role::supervisor) throw problems::forbidden("only a supervisor re-dispatches a task");
  const calendar::Instant now = now_();
  return pool_.transact([&](pqxx::work& tx) {
    auto t = store::cases::task_by_id(tx, id);
    if (!t) throw problems::not_found("no task " + std::to_string(id));
    auto c = store::cases::for_update_by_id(tx, t->case_id);
    if (!c || !c->region_code.starts_with(acceptance::region_scope(a.region_code))) throw problems::not_found("no task " + std::to_string(id));
    acceptance::apply_to_locked_case(tx, *c, catalog_, math_, flow::TaskTransition{t->step, machines::TaskEvent::redispatch, reason},
                                     a.log_id(), now);
    store::supervision::resolve_alert(tx, c->id, "task:" + t->step, "dispatch_failed", calendar::format_instant(now));
    return json::object{{"id", id}, {"number", c->number}, {"step", t->step}, {"state", store::cases::task_by_id(tx, id)->state}};
  });
}

}  // namespace ow::backoffice
