// Recording and listing inspection findings.
#include "services/supervision/inspection_desk.hpp"

#include <boost/json.hpp>

#include "services/casework/case_views.hpp"
#include "services/platform/json_fields.hpp"
#include "services/platform/problem.hpp"
#include "services/supervision/inspection_cycles.hpp"
#include "services/supervision/region_names.hpp"

namespace ow::supervision {
namespace {

namespace json = boost::json;
using platform::text_field;
namespace problems = platform::problems;

calendar::Date date_or(const std::map<std::string, std::string>& q, const char* name, calendar::Date fallback) {
  auto it = q.find(name);
  if (it == q.end() || it->second.empty()) return fallback;
  try {
    return calendar::parse_date(it->second);
  } catch (const std::exception&) {
    throw problems::bad_request(std::string(name) + " is a date like 2026-11-26", name);
  }
}

}  // namespace

std::string place_label(const catalog::Catalog* catalog, const std::optional<std::string>& hall,
                        const std::optional<std::string>& window, const std::optional<std::string>& department) {
  std::string out;
  if (hall) {
    const catalog::Hall* h = casework::hall_of(catalog, hall);
    out = h ? h->name : *hall;
    if (window) {
      const std::string w = casework::window_name(h, window);
      out += " " + (w.empty() ? *window : w);
    }
  }
  if (department) {
    std::string name = *department;
    if (catalog)
      if (auto d = catalog->departments.find(*department); d != catalog->departments.end()) name = d->second.name;
    out += (out.empty() ? "" : " · ") + name;
  }
  return out;
}

json::object finding_json(const store::FindingRow& f, const catalog::Catalog* catalog) {
  const auto kind = inspection_kind(f.kind);
  const std::string region = catalog ? region_name(region_names_of(*catalog), f.region_code) : "";
  return json::object{{"id", f.id},
                      {"kind", f.kind},
                      {"kind_label", kind ? kind->name : f.kind},
                      {"region", f.region_code},
                      {"region_name", region.empty() ? "区划" + f.region_code : region},
                      {"hall", platform::text_or_null(f.hall_code)},
                      {"window", platform::text_or_null(f.window_code)},
                      {"department", platform::text_or_null(f.department_code)},
                      {"place", place_label(catalog, f.hall_code, f.window_code, f.department_code)},
                      {"inspected_on", f.inspected_on},
                      {"finding", f.finding},
                      {"rectification", f.rectification},
                      {"recorded_by", f.recorded_by},
                      {"recorded_at", f.recorded_at}};
}

json::object InspectionDesk::record(const platform::Actor& who, const json::object& body) {
  store::FindingRow f;
  const auto kind = inspection_kind(text_field(body, "kind", true, 64));
  if (!kind) throw problems::bad_request("kind is 大厅巡查, 区县自查 or 办事指南一致性检查", "kind");
  f.kind = kind->code;
  f.hall_code = platform::optional_text_field(body, "hall", 64);
  f.window_code = platform::optional_text_field(body, "window", 64);
  f.department_code = platform::optional_text_field(body, "department", 64);
  const auto on = platform::date_field(body, "inspected_on");
  if (!on) throw problems::bad_request("inspected_on is the inspection's date, like 2026-11-26", "inspected_on");
  f.inspected_on = calendar::format_date(*on);
  f.finding = text_field(body, "finding", true, 2000);
  f.rectification = text_field(body, "rectification", false, 2000);
  if (!f.hall_code && !f.department_code)
    throw problems::bad_request("name the hall (and window) or the department inspected", "hall");
  if (f.window_code && !f.hall_code) throw problems::bad_request("a window is named with its hall", "hall");
  const auto loaded = catalog_.current();
  if (!loaded) throw problems::unavailable("no_catalog", "服务目录尚未加载", "no catalog is loaded", 60);
  const auto& c = loaded->catalog;
  if (f.hall_code) {
    auto h = c.halls.find(*f.hall_code);
    if (h == c.halls.end()) throw problems::bad_request("no hall " + *f.hall_code, "hall");
    f.region_code = h->second.region_code;
    if (f.window_code && casework::window_name(&h->second, f.window_code).empty())
      throw problems::bad_request("no window " + *f.window_code + " in hall " + *f.hall_code, "window");
  }
  if (f.department_code) {
    auto d = c.departments.find(*f.department_code);
    if (d == c.departments.end()) throw problems::bad_request("no department " + *f.department_code, "department");
    if (!f.hall_code) f.region_code = d->second.region_code;
  }
  if (!who.covers(f.region_code)) throw problems::forbidden("the place inspected is outside your region");
  const calendar::Instant now = now_();
  if (*on > calendar::cst_date(now)) throw problems::bad_request("inspected_on is not in the future", "inspected_on");
  f.recorded_by = who.display_name.empty() ? who.login : who.display_name;
  f.recorded_at = calendar::format_instant(now);
  return pool_.transact([&](store::Tx& tx) {
    f.id = store::inspections::insert(tx, f);
    return finding_json(f, &c);
  });
}

json::object InspectionDesk::list(const platform::Actor& who, const std::map<std::string, std::string>& query) {
  std::string kind;
  if (auto it = query.find("kind"); it != query.end() && !it->second.empty()) {
    const auto k = inspection_kind(it->second);
    if (!k) throw problems::bad_request("kind is 大厅巡查, 区县自查 or 办事指南一致性检查", "kind");
    kind = k->code;
  }
  const calendar::Date today = calendar::cst_date(now_());
  const calendar::Date to = date_or(query, "to", today), from = date_or(query, "from", to - 55);
  const auto loaded = catalog_.current();
  const std::string scope = platform::region_scope(who.region_code);
  return pool_.transact([&](store::Tx& tx) {
    json::array items;
    for (const auto& f :
         store::inspections::list(tx, scope, kind, calendar::format_date(from), calendar::format_date(to)))
      items.push_back(finding_json(f, loaded ? &loaded->catalog : nullptr));
    json::array kinds;
    for (const auto& k : kInspectionKinds)
      kinds.push_back(json::object{{"kind", k.code}, {"name", k.name}, {"weekday", weekday_name(k.weekday)}});
    return json::object{{"items", items},
                        {"kinds", kinds},
                        {"from", calendar::format_date(from)},
                        {"to", calendar::format_date(to)}};
  });
}

}  // namespace ow::supervision
