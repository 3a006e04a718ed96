// Back-office task work.
#include "services/backoffice/backoffice_service.hpp"

#include <boost/json.hpp>

#include "services/backoffice/task_access.hpp"
#include "services/backoffice/task_names.hpp"
#include "services/casework/case_reading.hpp"
#include "services/casework/case_views.hpp"
#include "services/casework/commitment_views.hpp"
#include "services/casework/record_codec.hpp"
#include "services/platform/actor.hpp"
#include "services/platform/json_fields.hpp"
#include "services/platform/problem.hpp"
#include "services/store/case_store.hpp"
#include "services/store/dispatch_store.hpp"
#include "services/store/supervision_store.hpp"
#include "services/store/user_store.hpp"
#include "workflow/flow/identity.hpp"

namespace ow::backoffice {
namespace {

using platform::text_field;

namespace json = boost::json;
using platform::Problem;
namespace problems = platform::problems;

const char* const kProcedures[] = {"hearing", "tendering",  "auction",   "inspection",
                                   "testing", "quarantine", "appraisal", "expert_review"};

json::value clock_json(const std::optional<std::string>& clock, const calendar::ClockMath& math,
                       calendar::Instant now) {
  if (!clock) return nullptr;
  auto c = casework::clock_from_json(json::parse(*clock));
  auto r = math.read(c, now);
  json::object o{
      {"status", calendar::to_string(r.status)}, {"remaining_seconds", r.remaining}, {"budget_seconds", r.budget}};
  o["due_at"] = r.due_at ? json::value(calendar::format_instant(*r.due_at)) : json::value(nullptr);
  return o;
}

}  // namespace

json::object BackofficeService::inbox(const platform::Actor& a, const InboxQuery& q, const Paging& paging) {
  require_approver(a);
  store::InboxFilter f;
  f.department = *a.department_code;
  f.region_prefix = platform::region_scope(a.region_code);
  f.state = q.state;
  f.bundle = q.bundle;
  if (q.state && !machines::task_state_named(*q.state))
    throw problems::bad_request("unknown task state '" + *q.state + "'", "state");
  if (q.due_before) {
    try {
      f.due_before = calendar::format_instant(calendar::parse_instant(*q.due_before));
    } catch (const calendar::ParseError& e) {
      throw problems::bad_request(e.what(), "due_before");
    }
  }
  const calendar::Instant now = now_();
  const auto page = read_page(paging, [&](int limit, int offset) {
    f.limit = limit;
    f.offset = offset;
    return pool_.transact([&](store::Tx& tx) { return store::cases::inbox(tx, f); });
  });
  json::array items;
  for (const auto& r : page.rows) {
    const auto names =
        step_names(catalog_.version(r.catalog_version)->catalog, r.bundle_code, r.task.step, r.task.department_code);
    items.push_back(json::object{{"id", r.task.id},
                                 {"number", r.number},
                                 {"bundle", r.bundle_code},
                                 {"bundle_name", names.bundle},
                                 {"catalog_version", r.catalog_version},
                                 {"step", r.task.step},
                                 {"step_name", names.step},
                                 {"state", r.task.state},
                                 {"case_state", r.case_state},
                                 {"assigned_to_me", r.task.assignee_id && *r.task.assignee_id == a.user_id},
                                 {"claimed", r.task.assignee_id.has_value()},
                                 {"clock", clock_json(r.task.clock, math_, now)}});
  }
  return json::object{{"items", items},
                      {"total", page.total},
                      {"page", paging.page},
                      {"size", paging.size},
                      {"department", department_json(*a.department_code)}};
}

json::object BackofficeService::department_json(const std::string& code) {
  json::object o{{"code", code}, {"name", code}, {"push", false}};
  if (const auto current = catalog_.current())
    if (auto d = current->catalog.departments.find(code); d != current->catalog.departments.end()) {
      o["name"] = d->second.name;
      o["push"] = d->second.transport == catalog::Transport::push;
    }
  return o;
}

json::object BackofficeService::task(const platform::Actor& a, std::int64_t id) {
  require_approver(a);
  const calendar::Instant now = now_();
  return pool_.transact([&](store::Tx& tx) {
    auto t = store::cases::task_by_id(tx, id);
    if (!t) throw problems::not_found("no task " + std::to_string(id));
    auto row = store::cases::by_id(tx, t->case_id);
    if (!row || !sees_task(a, *t, row->region_code)) throw problems::not_found("no task " + std::to_string(id));
    auto tasks = store::cases::tasks(tx, t->case_id);
    auto loaded = catalog_.version(row->catalog_version);
    const auto& bundle = loaded->catalog.bundles.at(row->bundle_code);
    const auto step =
        std::find_if(bundle.steps.begin(), bundle.steps.end(), [&](const auto& s) { return s.id == t->step; });
    const bool mine = t->assignee_id && *t->assignee_id == a.user_id;
    const auto sight = casework::personal_data_access(a, *row, tasks);  // full only while holding one of its tasks
    if (sight == casework::CaseSight::full) casework::record_unmasked_reads(tx, a, {row->number});
    json::array route, produced;
    for (const auto& x : tasks) {
      const auto names = step_names(loaded->catalog, row->bundle_code, x.step, x.department_code);
      route.push_back(json::object{{"step", x.step},
                                   {"step_name", names.step},
                                   {"department", x.department_code},
                                   {"department_name", names.department},
                                   {"state", x.state},
                                   {"after", json::parse(x.after_steps)}});
      if (x.state == "Approved" && x.result)
        produced.push_back(json::object{{"step", x.step}, {"result", json::parse(*x.result)}});
    }
    json::object view{
        {"id", t->id},
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
    view["case"] = json::object{
        {"number", row->number},
        {"bundle", row->bundle_code},
        {"bundle_name", bundle.name},
        {"catalog_version", row->catalog_version},
        {"state", row->state},
        {"applicant", casework::applicant_for(json::parse(row->applicant).as_object(), sight)},
        {"contact_phone", casework::phone_for(row->phone, sight)},
        {"personal_data", sight == casework::CaseSight::full ? "full" : "masked"},
        {"attributes", json::parse(row->attributes)},
        {"materials", json::parse(row->materials)},
        {"deferred", json::parse(row->deferred)},
        {"committed_due_at", row->committed_due_at ? json::value(*row->committed_due_at) : json::value(nullptr)}};
    // 告知承诺核查: what was promised, to verify (POST /api/v1/tasks/{id}/verification).
    if (auto v = casework::verification_task_name(&loaded->catalog, row->bundle_code, t->step); !v.empty()) {
      view["item_name"] = v;
      view["verification"] = true;
      view["case"].as_object()["commitments"] = casework::commitments_view(*row, &loaded->catalog);
    }
    return view;
  });
}

json::object BackofficeService::claim(const platform::Actor& a, std::int64_t id) {
  desk_.claim(a, id, now_());
  return task(a, id);
}

json::object BackofficeService::release(const platform::Actor& a, std::int64_t id) {
  desk_.release(a, id, now_());
  return task(a, id);
}

json::object BackofficeService::transfer(const platform::Actor& a, std::int64_t id,
                                         const std::string& colleague_login) {
  require_approver(a);
  const auto user = pool_.transact([&](store::Tx& tx) { return store::users::find_by_login(tx, colleague_login); });
  std::optional<Colleague> colleague;
  if (user)
    colleague = Colleague{user->id, user->login, user->role, user->region_code, user->department_code, user->disabled};
  desk_.transfer(a, id, colleague_login, colleague, now_());
  return task(a, id);
}

json::object BackofficeService::decide(const platform::Actor& a, std::int64_t id, const json::object& body) {
  desk_.decide(a, id, body, now_());
  return task(a, id);
}

json::object BackofficeService::redispatch_failed(const platform::Actor& a, const json::object& body) {
  const auto text = [&](const char* field) -> std::optional<std::string> {
    const auto* v = body.if_contains(field);
    if (!v) return std::nullopt;
    if (!v->is_string() || v->as_string().empty() || v->as_string().size() > 200)
      throw problems::bad_request(std::string(field) + " must be a non-empty text", field);
    return std::string(v->as_string());
  };
  const auto department = text("department");
  if (!department) throw problems::bad_request("'department' names the department whose pushes failed", "department");
  std::optional<std::string> since, until;
  for (auto [field, out] : {std::pair{"from", &since}, std::pair{"to", &until}})
    if (auto t = text(field)) {
      try {
        *out = calendar::format_instant(calendar::parse_instant(*t));
      } catch (const std::exception& e) {
        throw problems::bad_request(e.what(), field);
      }
    }
  const std::string reason = text("reason").value_or("部门系统恢复后批量重新推送");
  const auto ids = pool_.transact([&](store::Tx& tx) {
    return store::dispatch::failed_tasks(tx, *department, platform::region_scope(a.region_code), since, until, 1000);
  });
  json::array sent;
  int skipped = 0;
  const std::string batch = reason + "（批量重新推送，共 " + std::to_string(ids.size()) + " 件）";
  for (const auto id : ids) {
    try {
      const auto file = desk_.redispatch(a, id, batch, now_());
      sent.push_back(json::object{{"id", id}, {"number", file.row.number}, {"step", file.focus()->step}});
    } catch (const std::exception&) {
      ++skipped;  // changed meanwhile (re-dispatched by someone else, withdrawn): nothing to send
    }
  }
  return json::object{{"department", *department},
                      {"count", static_cast<std::int64_t>(sent.size())},
                      {"skipped", skipped},
                      {"tasks", std::move(sent)}};
}

json::object BackofficeService::redispatch(const platform::Actor& a, std::int64_t id, const std::string& reason) {
  const auto file = desk_.redispatch(a, id, reason, now_());
  return json::object{
      {"id", id}, {"number", file.row.number}, {"step", file.focus()->step}, {"state", file.focus()->state}};
}

}  // namespace ow::backoffice
