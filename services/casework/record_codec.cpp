// JSON and row mapping of case records.
#include "services/casework/record_codec.hpp"

#include "services/casework/commitment_codec.hpp"

#include <algorithm>

#include <boost/json.hpp>

namespace ow::casework {
namespace {

namespace json = boost::json;
using calendar::format_instant;
using calendar::parse_instant;

std::optional<std::string> due_text(const std::optional<calendar::Clock>& c, const calendar::ClockMath& math) {
  if (!c) return std::nullopt;
  auto due = math.due_at(*c);
  if (!due) return std::nullopt;
  return format_instant(*due);
}

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

std::vector<std::string> strings_from(const std::string& text) {
  std::vector<std::string> out;
  const json::value parsed_1 = json::parse(text);
  for (const auto& v : parsed_1.as_array()) out.emplace_back(v.as_string());
  return out;
}

}  // namespace

std::string supplement_to_json(const flow::SupplementRequest& s) {
  json::object o{{"materials", strings(s.materials)}, {"reason", s.reason}, {"since", format_instant(s.since)}};
  if (s.due) o["due_date"] = calendar::format_date(*s.due);
  return json::serialize(o);
}

flow::SupplementRequest supplement_from_json(const std::string& text) {
  const json::value v = json::parse(text);
  const auto& o = v.as_object();
  flow::SupplementRequest s;
  for (const auto& m : o.at("materials").as_array()) s.materials.emplace_back(m.as_string());
  s.reason = std::string(o.at("reason").as_string());
  s.since = parse_instant(o.at("since").as_string());
  if (auto* d = o.if_contains("due_date")) s.due = calendar::parse_date(d->as_string());
  return s;
}

std::string iso_or_empty(const std::optional<calendar::Instant>& t) { return t ? format_instant(*t) : std::string(); }

json::value clock_to_json(const calendar::Clock& c) {
  json::array pauses;
  for (const auto& p : c.pauses) {
    json::object o{{"start", format_instant(p.start)}, {"reason", p.reason}, {"by", p.started_by}};
    o["end"] = p.end ? json::value(format_instant(*p.end)) : json::value(nullptr);
    pauses.push_back(o);
  }
  json::object o{{"limit", c.limit.to_string()},
                 {"started_at", format_instant(c.started_at)},
                 {"extension_seconds", c.extension_seconds},
                 {"pauses", pauses}};
  o["stopped_at"] = c.stopped_at ? json::value(format_instant(*c.stopped_at)) : json::value(nullptr);
  return o;
}

calendar::Clock clock_from_json(const json::value& v) {
  const auto& o = v.as_object();
  calendar::Clock c;
  c.limit = calendar::parse_limit(o.at("limit").as_string());
  c.started_at = parse_instant(o.at("started_at").as_string());
  c.extension_seconds = o.at("extension_seconds").to_number<std::int64_t>();
  for (const auto& p : o.at("pauses").as_array()) {
    const auto& po = p.as_object();
    calendar::Pause pause;
    pause.start = parse_instant(po.at("start").as_string());
    if (!po.at("end").is_null()) pause.end = parse_instant(po.at("end").as_string());
    pause.reason = po.at("reason").as_string();
    pause.started_by = po.at("by").as_string();
    c.pauses.push_back(pause);
  }
  if (!o.at("stopped_at").is_null()) c.stopped_at = parse_instant(o.at("stopped_at").as_string());
  return c;
}

flow::CaseRecord record_from_rows(const store::CaseRow& c, const std::vector<store::TaskRow>& tasks) {
  flow::CaseRecord r;
  r.number = c.number;
  r.bundle = c.bundle_code;
  r.catalog_version = c.catalog_version;
  r.state = machines::case_state_named(c.state).value();
  const json::value parsed_2 = json::parse(c.attributes);
  for (const auto& kv : parsed_2.as_object())
    r.attributes[std::string(kv.key())] =
        kv.value().is_string() ? std::string(kv.value().as_string()) : json::serialize(kv.value());
  if (c.committed_clock) r.committed = clock_from_json(json::parse(*c.committed_clock));
  if (c.statutory_clock) r.statutory = clock_from_json(json::parse(*c.statutory_clock));
  r.skipped_steps = strings_from(c.skipped_steps);
  const json::value parsed_3 = json::parse(c.deferred);
  for (const auto& d : parsed_3.as_array())
    r.deferred.push_back({std::string(d.at("material").as_string()), calendar::parse_date(d.at("due_date").as_string()),
                          d.at("received").as_bool()});
  r.commitments = commitments_from_json(c.commitments);
  r.visits = c.visits;
  for (const auto& t : tasks) {
    flow::TaskRecord tr;
    tr.step = t.step;
    tr.department = t.department_code;
    tr.push = t.push;
    tr.after = strings_from(t.after_steps);
    tr.budget_minutes = t.budget_minutes;
    tr.state = machines::task_state_named(t.state).value();
    if (t.clock) tr.clock = clock_from_json(json::parse(*t.clock));
    tr.special_procedure = t.special_procedure;
    if (t.supplement) tr.supplement = supplement_from_json(*t.supplement);
    r.tasks.push_back(tr);
  }
  return r;
}

void record_to_row(const flow::CaseRecord& r, const calendar::ClockMath& math, store::CaseRow& row) {
  row.state = machines::name(r.state);
  json::object attrs;
  for (const auto& [k, v] : r.attributes)
    attrs[k] = v == "true" ? json::value(true) : v == "false" ? json::value(false) : json::value(v);
  row.attributes = json::serialize(attrs);
  row.committed_clock = r.committed ? std::optional(json::serialize(clock_to_json(*r.committed))) : std::nullopt;
  row.statutory_clock = r.statutory ? std::optional(json::serialize(clock_to_json(*r.statutory))) : std::nullopt;
  row.committed_due_at = due_text(r.committed, math);
  row.statutory_due_at = due_text(r.statutory, math);
  row.skipped_steps = json::serialize(strings(r.skipped_steps));
  json::array deferred;
  for (const auto& d : r.deferred)
    deferred.push_back(
        json::object{{"material", d.material}, {"due_date", calendar::format_date(d.due)}, {"received", d.received}});
  row.deferred = json::serialize(deferred);
  row.commitments = commitments_to_json(r.commitments);
  row.visits = r.visits;
}

store::TaskRow task_to_row(const flow::TaskRecord& t, std::int64_t case_id, const calendar::ClockMath& math) {
  store::TaskRow row;
  row.case_id = case_id;
  row.step = t.step;
  row.department_code = t.department;
  row.push = t.push;
  row.after_steps = json::serialize(strings(t.after));
  row.budget_minutes = static_cast<int>(t.budget_minutes);
  row.state = machines::name(t.state);
  if (t.clock) row.clock = json::serialize(clock_to_json(*t.clock));
  row.special_procedure = t.special_procedure;
  if (t.supplement) row.supplement = supplement_to_json(*t.supplement);
  row.due_at = due_text(t.clock, math);
  return row;
}

bool task_row_changed(const store::TaskRow& before, const store::TaskRow& after) {
  return before.state != after.state || before.clock != after.clock ||
         before.special_procedure != after.special_procedure || before.due_at != after.due_at ||
         before.supplement != after.supplement;
}

bool update_task_rows(std::vector<store::TaskRow>& rows, const flow::CaseRecord& before, const flow::Decision& d,
                      std::int64_t case_id, const calendar::ClockMath& math,
                      const std::function<std::int64_t()>& new_id) {
  for (const auto& t : d.after.tasks) {
    auto row = std::find_if(rows.begin(), rows.end(), [&](const store::TaskRow& x) { return x.step == t.step; });
    store::TaskRow fresh = task_to_row(t, case_id, math);
    if (row == rows.end()) {
      if (!new_id) return false;
      fresh.id = new_id();
      rows.push_back(fresh);
      continue;
    }
    const auto* was = before.task(t.step);  // unchanged: not written (decision_writer), so as it was
    if (was && !task_row_changed(task_to_row(*was, case_id, math), fresh)) continue;
    fresh.id = row->id;
    fresh.version = row->version + 1;
    fresh.assignee_id = row->assignee_id;
    fresh.result = row->result;
    fresh.opinion = row->opinion;
    *row = fresh;
  }
  for (const auto& [step, w] : d.work)
    for (auto& x : rows)
      if (x.step == step) {
        x.assignee_id = w.assignee;
        if (w.result) x.result = w.result;
        if (w.opinion) x.opinion = w.opinion;
      }
  return true;
}

}  // namespace ow::casework
