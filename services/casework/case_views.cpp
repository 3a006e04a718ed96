// Case views.
#include "services/casework/case_views.hpp"

#include "services/casework/commitment_views.hpp"

#include <boost/json.hpp>
#include <optional>

#include "services/casework/record_codec.hpp"
#include "workflow/machines/case_machine.hpp"

namespace ow::casework {
namespace {

namespace json = boost::json;

json::value text_or_null(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

std::string bundle_name(const catalog::Catalog* c, const std::string& code) {
  if (!c) return code;
  auto it = c->bundles.find(code);
  return it == c->bundles.end() ? code : it->second.name;
}

// The names of where a case was accepted: region, hall and window (null where the catalog does not name them).
void put_place_names(json::object& o, const store::CaseRow& c, const catalog::Catalog* catalog) {
  json::value region = nullptr, hall = nullptr, window = nullptr;
  if (catalog)
    if (auto g = catalog->regions.find(c.region_code); g != catalog->regions.end()) region = g->second.name;
  if (const auto* h = hall_of(catalog, c.hall_code)) {
    hall = h->name;
    if (const auto w = window_name(h, c.window_code); !w.empty()) window = w;
  }
  o["region_name"] = region;
  o["hall_name"] = hall;
  o["window_name"] = window;
}

// Where the applicant brings materials and whom to ask: the accepting hall's name, address, hours and phone.
json::value hall_contact(const catalog::Hall* h) {
  if (!h) return nullptr;
  return json::object{{"name", h->name}, {"address", h->address}, {"hours", h->hours}, {"phone", h->phone}};
}

json::object clock_reading(const std::optional<std::string>& text, const calendar::ClockMath& math,
                           calendar::Instant now) {
  if (!text) return {};
  auto clock = clock_from_json(json::parse(*text));
  auto r = math.read(clock, now);
  json::object o{{"limit", clock.limit.to_string()},
                 {"status", calendar::to_string(r.status)},
                 {"budget_seconds", r.budget},
                 {"consumed_seconds", r.consumed},
                 {"remaining_seconds", r.remaining}};
  o["due_at"] = r.due_at ? json::value(calendar::format_instant(*r.due_at)) : json::value(nullptr);
  o["warn_at"] = r.warn_at ? json::value(calendar::format_instant(*r.warn_at)) : json::value(nullptr);
  return o;
}

}  // namespace

const catalog::Hall* hall_of(const catalog::Catalog* catalog, const std::optional<std::string>& hall_code) {
  if (!catalog || !hall_code) return nullptr;
  auto it = catalog->halls.find(*hall_code);
  return it == catalog->halls.end() ? nullptr : &it->second;
}

std::string window_name(const catalog::Hall* hall, const std::optional<std::string>& window_code) {
  if (hall && window_code)
    for (const auto& w : hall->windows)
      if (w.code == *window_code) return w.name;
  return "";
}

const char* state_label(const std::string& state) {
  static const std::pair<const char*, const char*> labels[] = {{"New", "新建"},
                                                               {"Submitted", "已提交待预审"},
                                                               {"AwaitingSupplement", "待补正"},
                                                               {"Refused", "不予受理"},
                                                               {"Accepted", "已受理"},
                                                               {"InProgress", "办理中"},
                                                               {"Suspended", "暂停计时"},
                                                               {"ResultReady", "待出件"},
                                                               {"Concluded", "已办结"},
                                                               {"NotPermitted", "不予许可"},
                                                               {"Withdrawn", "已撤回"},
                                                               {"Archived", "已归档"},
                                                               {"Revoked", "已撤销"}};
  for (const auto& [k, v] : labels)
    if (state == k) return v;
  return "未知";
}

std::string case_state_label(const store::CaseRow& c) {
  if (c.state == "Archived" && c.ended_state && *c.ended_state != "Archived")
    return std::string(state_label(*c.ended_state)) + "，已归档";
  return state_label(c.state);
}

json::value supplement_view(const store::TaskRow& t, const catalog::Catalog* catalog) {
  if (!t.supplement || t.state != "SupplementRequested") return nullptr;
  const auto s = supplement_from_json(*t.supplement);
  json::array materials;
  for (const auto& m : s.materials) {
    std::string name = m;
    if (catalog)
      if (auto it = catalog->materials.find(m); it != catalog->materials.end()) name = it->second.name;
    materials.push_back(json::object{{"id", m}, {"name", name}});
  }
  return json::object{{"materials", materials},
                      {"reason", s.reason},
                      {"since", calendar::format_instant(s.since)},
                      {"due_date", s.due ? json::value(calendar::format_date(*s.due)) : json::value(nullptr)}};
}

std::vector<std::string> document_kinds(const std::vector<store::AuditRow>& audit, const store::CaseRow& c,
                                        const std::vector<store::TaskRow>& tasks) {
  std::vector<std::string> kinds;
  auto add = [&](const char* k) {
    if (std::find(kinds.begin(), kinds.end(), k) == kinds.end()) kinds.emplace_back(k);
  };
  for (const auto& a : audit) {
    if (a.entity != "case") continue;
    if (a.event == "accept") {
      add("receipt");
      if (c.deferred != "[]") add("deferral_notice");
    }
    if (a.event == "request_supplement") add("supplement_notice");
    if (a.event == "refuse") add("refusal_notice");
  }
  for (const auto& t : tasks)
    if (t.supplement && t.state == "SupplementRequested") add("department_supplement_notice");
  if (c.accepted_at && c.commitments != "[]") add("commitment_letter");  // 告知承诺
  if (c.state == "Revoked") add("revocation_notice");
  return kinds;
}

json::object full_view(const store::CaseRow& c, const std::vector<store::TaskRow>& tasks,
                       const std::vector<store::AuditRow>& audit, const catalog::Catalog* catalog,
                       const calendar::ClockMath& math, calendar::Instant now) {
  return case_view(c, tasks, audit, catalog, math, now, CaseSight::full);
}

json::object case_view(const store::CaseRow& c, const std::vector<store::TaskRow>& tasks,
                       const std::vector<store::AuditRow>& audit, const catalog::Catalog* catalog,
                       const calendar::ClockMath& math, calendar::Instant now, CaseSight sight) {
  json::array task_items;
  for (const auto& t : tasks) {
    json::object o{{"id", t.id},
                   {"step", t.step},
                   {"department", t.department_code},
                   {"state", t.state},
                   {"budget_minutes", t.budget_minutes},
                   {"due_at", text_or_null(t.due_at)}};
    if (catalog)
      if (auto d = catalog->departments.find(t.department_code); d != catalog->departments.end())
        o["department_name"] = d->second.name;
    if (t.special_procedure) o["special_procedure"] = *t.special_procedure;
    if (auto s = supplement_view(t, catalog); !s.is_null()) o["supplement"] = s;
    task_items.push_back(o);
  }
  json::array documents, allowed;
  for (const auto& k : document_kinds(audit, c, tasks))
    documents.push_back(json::object{{"kind", k}, {"url", "/api/v1/cases/" + c.number + "/documents/" + k}});
  for (auto e : machines::CaseMachine(*machines::case_state_named(c.state)).accepted_events())
    allowed.emplace_back(machines::name(e));
  json::object o{{"number", c.number},
                 {"bundle", c.bundle_code},
                 {"bundle_name", bundle_name(catalog, c.bundle_code)},
                 {"catalog_version", c.catalog_version},
                 {"state", c.state},
                 {"state_label", case_state_label(c)},
                 {"channel", c.channel},
                 {"region_code", c.region_code},
                 {"hall_code", text_or_null(c.hall_code)},
                 {"window_code", text_or_null(c.window_code)},
                 {"applicant", applicant_for(json::parse(c.applicant).as_object(), sight)},
                 {"contact_phone", phone_for(c.phone, sight)},
                 {"personal_data", sight == CaseSight::full ? "full" : "masked"},
                 {"attributes", json::parse(c.attributes)},
                 {"materials", json::parse(c.materials)},
                 {"decision", json::parse(c.decision)},
                 {"deferred", json::parse(c.deferred)},
                 {"skipped_steps", json::parse(c.skipped_steps)},
                 {"visits", c.visits},
                 {"version", c.version},
                 {"created_at", c.created_at},
                 {"accepted_at", text_or_null(c.accepted_at)},
                 {"due", json::object{{"committed", text_or_null(c.committed_due_at)},
                                      {"statutory", text_or_null(c.statutory_due_at)}}},
                 {"clocks", json::object{{"committed", clock_reading(c.committed_clock, math, now)},
                                         {"statutory", clock_reading(c.statutory_clock, math, now)}}},
                 {"tasks", task_items},
                 {"documents", documents},
                 {"allowed_events", allowed}};
  put_place_names(o, c, catalog);
  if (c.commitments != "[]") o["commitments"] = commitments_view(c, catalog);  // 告知承诺
  if (auto r = revocation_view(c, audit); !r.is_null()) o["revocation"] = r;
  if (c.delivery) {
    o["delivery"] = json::parse(*c.delivery);
    o["concluded_at"] = text_or_null(c.concluded_at);
    o["met_committed_limit"] = c.met_committed ? json::value(*c.met_committed) : json::value(nullptr);
    o["met_statutory_limit"] = c.met_statutory ? json::value(*c.met_statutory) : json::value(nullptr);
  }
  if (std::find_if(documents.begin(), documents.end(),
                   [](const json::value& d) { return d.at("kind") == "receipt"; }) != documents.end())
    o["receipt_url"] = "/api/v1/cases/" + c.number + "/documents/receipt";
  return o;
}

json::object list_item(const store::CaseRow& c, const catalog::Catalog* catalog, CaseSight sight) {
  json::object o{{"number", c.number},
                 {"bundle", c.bundle_code},
                 {"bundle_name", bundle_name(catalog, c.bundle_code)},
                 {"state", c.state},
                 {"state_label", case_state_label(c)},
                 {"channel", c.channel},
                 {"window_code", text_or_null(c.window_code)},
                 {"applicant", applicant_for(json::parse(c.applicant).as_object(), sight)},
                 {"contact_phone", phone_for(c.phone, sight)},
                 {"created_at", c.created_at},
                 {"committed_due_at", text_or_null(c.committed_due_at)}};
  put_place_names(o, c, catalog);
  return o;
}

const char* applicant_step_label(const std::string& s) {
  if (s == "Waiting") return "等待前序环节";
  if (s == "Ready" || s == "Dispatching" || s == "Dispatched" || s == "DispatchFailed") return "已转交部门";
  if (s == "Received") return "部门办理中";
  if (s == "SupplementRequested") return "需补正材料";
  if (s == "Approved") return "已办结";
  if (s == "Rejected") return "不予许可";
  if (s == "Cancelled") return "已取消";
  return "办理中";
}

json::object progress_view(const store::CaseRow& c, const std::vector<store::TaskRow>& tasks,
                           const std::vector<store::AuditRow>& audit, const catalog::Catalog* catalog) {
  // The applicant sees which steps are done, never who works on them or any personal data.
  const catalog::Bundle* bundle = nullptr;
  if (catalog)
    if (auto b = catalog->bundles.find(c.bundle_code); b != catalog->bundles.end()) bundle = &b->second;
  json::array steps;
  for (const auto& t : tasks) {
    json::object o{{"step", t.step},
                   {"state", t.state},
                   {"state_label", applicant_step_label(t.state)},
                   {"department_name", t.department_code},
                   {"item_name", t.step}};
    std::optional<std::string> since;  // when the step last changed state (notes are not changes)
    for (const auto& a : audit)
      if (a.entity == t.step && a.from_state != a.to_state) since = a.at;
    o["since"] = since ? json::value(*since) : json::value(nullptr);
    if (auto s = supplement_view(t, catalog); !s.is_null()) o["supplement"] = s;
    if (catalog)
      if (auto d = catalog->departments.find(t.department_code); d != catalog->departments.end())
        o["department_name"] = d->second.name;
    if (bundle)
      for (const auto& s : bundle->steps)
        if (s.id == t.step)
          if (auto i = catalog->items.find(s.item); i != catalog->items.end()) o["item_name"] = i->second.name;
    if (auto v = verification_task_name(catalog, c.bundle_code, t.step); !v.empty()) o["item_name"] = v;
    steps.push_back(o);
  }
  return json::object{{"number", c.number},
                      {"bundle_name", bundle_name(catalog, c.bundle_code)},
                      {"state", c.state},
                      {"state_label", case_state_label(c)},
                      {"accepted_at", text_or_null(c.accepted_at)},
                      {"committed_due_at", text_or_null(c.committed_due_at)},
                      {"statutory_due_at", text_or_null(c.statutory_due_at)},
                      {"steps", steps},
                      {"revocation", revocation_view(c, audit)},
                      {"hall", hall_contact(hall_of(catalog, c.hall_code))}};
}

}  // namespace ow::casework
