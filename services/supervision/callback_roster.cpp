// The weekly callback draw (回访抽样), the caller's list and each call's answer.
#include <boost/json.hpp>
#include <random>
#include <set>

#include "services/casework/case_views.hpp"
#include "services/platform/problem.hpp"
#include "services/store/pii_access_store.hpp"
#include "services/store/survey_store.hpp"
#include "services/store/user_store.hpp"
#include "services/supervision/followup_opening.hpp"
#include "services/supervision/region_names.hpp"
#include "services/supervision/report_text.hpp"
#include "services/supervision/survey_service.hpp"
#include "services/supervision/weekly_report.hpp"
#include "workflow/calendar/chinese_time.hpp"
#include "workflow/survey/sampling.hpp"

namespace ow::supervision {
namespace {

namespace json = boost::json;
namespace problems = platform::problems;

std::int64_t int_member(const json::object& body, const char* name, std::int64_t low, std::int64_t high,
                        std::optional<std::int64_t> fallback) {
  const auto* v = body.if_contains(name);
  if (!v || v->is_null()) {
    if (fallback) return *fallback;
    throw problems::bad_request(std::string(name) + " is required", name);
  }
  if (!v->is_int64() || v->as_int64() < low || v->as_int64() > high)
    throw problems::bad_request(
        std::string(name) + " is a whole number from " + std::to_string(low) + " to " + std::to_string(high), name);
  return v->as_int64();
}

std::optional<std::string> text_member(const json::object& body, const char* name, std::size_t max) {
  const auto* v = body.if_contains(name);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string() || v->as_string().size() > max)
    throw problems::bad_request(std::string(name) + " is text of at most " + std::to_string(max) + " bytes", name);
  return std::string(v->as_string());
}

// The seed: given as decimal digits (a string, or a non-negative JSON integer), or drawn now.
std::uint64_t seed_of(const json::object& body) {
  const auto* v = body.if_contains("seed");
  if (!v || v->is_null()) {
    std::random_device device;
    return (static_cast<std::uint64_t>(device()) << 32) ^ device();
  }
  std::string digits;
  if (v->is_uint64()) return v->as_uint64();
  if (v->is_int64() && v->as_int64() >= 0) return static_cast<std::uint64_t>(v->as_int64());
  if (v->is_string()) digits = v->as_string();
  if (digits.empty() || digits.size() > 20 || digits.find_first_not_of("0123456789") != std::string::npos)
    throw problems::bad_request("seed is a number from 0 to 18446744073709551615", "seed");
  try {
    return std::stoull(digits);
  } catch (const std::exception&) {
    throw problems::bad_request("seed is a number from 0 to 18446744073709551615", "seed");
  }
}

std::string week_name(const std::string& label) { return week_title(parse_iso_week(label)); }

}  // namespace

const char* entry_status_label(const std::string& status) {
  if (status == "pending") return "待拨打";
  if (status == "retry") return "未接通待重拨";
  if (status == "reached") return "已回访";
  if (status == "refused") return "拒访";
  if (status == "unreachable") return "三次未接通";
  return "其他";
}

const char* satisfaction_label(const std::string& code) {
  if (code == "satisfied") return "满意";
  if (code == "basically_satisfied") return "基本满意";
  if (code == "dissatisfied") return "不满意";
  return "";
}

const char* outcome_label(const std::string& code) {
  if (code == "reached") return "接通";
  if (code == "not_reached") return "未接通";
  if (code == "refused") return "拒访";
  return "";
}

json::object SurveyService::draw(const platform::Actor& a, const json::object& body,
                                 std::optional<RepeatedPost>* repeat) {
  std::optional<RepeatedPost> none;
  auto& r = repeat ? *repeat : none;
  const auto week_text = text_member(body, "week", 8);
  Week week;
  try {
    week = parse_iso_week(week_text.value_or(""));
  } catch (const std::exception& e) {
    throw problems::bad_request(std::string("week: ") + e.what(), "week");
  }
  const int size = static_cast<int>(int_member(body, "sample_size", 1, 10000, std::nullopt));
  const int minimum = static_cast<int>(int_member(body, "minimum_per_stratum", 0, 100, 1));
  const std::uint64_t seed = seed_of(body);
  const std::string scope = survey_scope(a, text_member(body, "region", 12));
  std::string caller = text_member(body, "caller", 64).value_or(a.role == platform::Role::surveyor ? a.login : "");
  if (caller.empty()) throw problems::bad_request("name the surveyor who calls (caller)", "caller");
  const std::string at = calendar::format_instant(now_());
  std::int64_t id = 0;
  pool_.transact([&](store::Tx& tx) {
    if (auto kept = replay(tx, r)) {  // the draw first made with this key
      id = std::stoll(*kept);
      return;
    }
    const auto user = store::users::find_by_login(tx, caller);
    if (!user || user->disabled || user->role != "surveyor" ||
        !scope.starts_with(platform::region_scope(user->region_code)))
      throw platform::Problem(422, "caller_invalid", "回访员不存在或不负责该区域",
                              "the caller must be an active surveyor whose region covers the draw's",
                              json::object{{"field", "caller"}});
    const auto units =
        store::survey::population(tx, scope, calendar::format_instant(calendar::cst_instant(week.monday, 0)),
                                  calendar::format_instant(calendar::cst_instant(week.monday + 7, 0)));
    std::vector<survey::Stratum> strata;
    std::map<std::string, const store::PopulationUnit*> by_number;
    for (const auto& u : units) {
      const std::string key = u.region_code + "|" + u.bundle_code;
      if (strata.empty() || strata.back().key != key) strata.push_back({key, {}});
      strata.back().units.push_back(u.number);
      by_number[u.number] = &u;
    }
    const auto drawn = survey::draw_stratified(strata, size, minimum, seed);
    id = store::survey::insert_draw(tx, {0, scope, week.label, calendar::format_date(week.monday), std::to_string(seed),
                                         caller, a.login, at, size, minimum, static_cast<int>(units.size())});
    int position = 0;
    for (const auto& d : drawn) {
      const auto* u = by_number.at(d.unit);
      store::survey::insert_entry(tx, id, u->case_id, ++position, u->region_code, u->bundle_code, d.population,
                                  d.sampled);
    }
    keep(tx, r, std::to_string(id));
  });
  return draw_view(a, id);
}

json::object SurveyService::draw_view(const platform::Actor& a, std::int64_t id) {
  std::optional<store::DrawRow> d;
  std::vector<store::EntryRow> entries;
  pool_.transact([&](store::Tx& tx) {
    d = store::survey::draw(tx, id);
    if (d && d->region_prefix.starts_with(platform::region_scope(a.region_code)))
      entries = store::survey::entries_of_draw(tx, id);
  });
  if (!d || !d->region_prefix.starts_with(platform::region_scope(a.region_code)))
    throw problems::not_found("no draw " + std::to_string(id));
  const ReportNames names = report_names(catalog_);
  auto bundle_name = [&](const std::string& code) { return name_or_code(names.bundles, code); };
  json::array items, strata;
  std::set<std::string> seen;
  for (const auto& e : entries) {
    items.push_back(json::object{{"id", e.id},
                                 {"position", e.position},
                                 {"case_number", e.number},
                                 {"district", e.district},
                                 {"district_name", region_name(names.regions, e.district)},
                                 {"bundle", e.bundle_code},
                                 {"bundle_name", bundle_name(e.bundle_code)},
                                 {"weight", static_cast<double>(e.stratum_population) / e.stratum_sample},
                                 {"status", e.status},
                                 {"status_label", entry_status_label(e.status)},
                                 {"attempts", e.attempts}});
    if (seen.insert(e.district + "|" + e.bundle_code).second)
      strata.push_back(json::object{{"district", e.district},
                                    {"district_name", region_name(names.regions, e.district)},
                                    {"bundle", e.bundle_code},
                                    {"bundle_name", bundle_name(e.bundle_code)},
                                    {"population", e.stratum_population},
                                    {"sample", e.stratum_sample}});
  }
  return json::object{{"id", d->id},
                      {"week", d->week},
                      {"week_label", week_name(d->week)},
                      {"region", d->region_prefix},
                      {"seed", d->seed},
                      {"sample_size", d->sample_size},
                      {"minimum_per_stratum", d->minimum},
                      {"population", d->population},
                      {"drawn", static_cast<std::int64_t>(entries.size())},
                      {"caller", d->caller_login},
                      {"drawn_by", d->drawn_by},
                      {"drawn_at", d->drawn_at},
                      {"strata", std::move(strata)},
                      {"entries", std::move(items)}};
}

json::object SurveyService::draws(const platform::Actor& a, const std::optional<std::string>& week,
                                  const std::optional<std::string>& region) {
  const std::string scope = survey_scope(a, region);
  const auto rows = pool_.transact([&](store::Tx& tx) { return store::survey::draws(tx, scope, week); });
  json::array items;
  for (const auto& d : rows)
    items.push_back(json::object{{"id", d.id},
                                 {"week", d.week},
                                 {"week_label", week_name(d.week)},
                                 {"region", d.region_prefix},
                                 {"seed", d.seed},
                                 {"sample_size", d.sample_size},
                                 {"minimum_per_stratum", d.minimum},
                                 {"population", d.population},
                                 {"caller", d.caller_login},
                                 {"drawn_by", d.drawn_by},
                                 {"drawn_at", d.drawn_at}});
  return json::object{{"items", std::move(items)}};
}

json::object SurveyService::calls_of(const platform::Actor& a, bool open_only, const Reader& reader) {
  std::vector<store::EntryRow> entries;
  std::vector<store::FrameRow> contacts;
  std::map<std::int64_t, std::vector<store::AttemptRow>> tried;
  pool_.transact([&](store::Tx& tx) {
    entries = store::survey::entries_of_caller(tx, a.login, open_only);
    std::vector<std::int64_t> ids;
    std::vector<std::string> numbers;
    for (const auto& e : entries) {
      ids.push_back(e.case_id);
      numbers.push_back(e.number);
      if (e.attempts > 0) tried[e.id] = store::survey::attempts(tx, e.id);
    }
    contacts = store::survey::frame_of_cases(tx, ids);
    store::pii_access::record(tx, {a.user_id, a.login, platform::to_string(a.role), reader.route, reader.request_id},
                              numbers);
  });
  std::map<std::int64_t, const store::FrameRow*> row_of;
  for (const auto& c : contacts) row_of[c.case_id] = &c;
  const ReportNames names = report_names(catalog_);
  const calendar::Date today = calendar::cst_date(now_());
  json::array items;
  for (const auto& e : entries) {
    const store::FrameRow* c = row_of.at(e.case_id);
    const auto [name, phone] = contact_of(*c);
    json::array attempts;
    bool called_today = false;
    for (const auto& t : tried[e.id]) {
      called_today = called_today || calendar::cst_date(calendar::parse_instant(t.at)) == today;
      attempts.push_back(json::object{{"at", t.at},
                                      {"at_label", calendar::chinese_time(t.at)},
                                      {"outcome", t.outcome},
                                      {"outcome_label", outcome_label(t.outcome)}});
    }
    items.push_back(
        json::object{{"id", e.id},
                     {"draw_id", e.draw_id},
                     {"week", e.week},
                     {"week_label", week_name(e.week)},
                     {"case_number", e.number},
                     {"bundle_name", name_or_code(names.bundles, e.bundle_code)},
                     {"district_name", region_name(names.regions, e.district)},
                     {"ended_on", c->ended_at.size() >= 10 ? calendar::chinese_time(c->ended_at.substr(0, 10)) : ""},
                     {"outcome_label", casework::state_label(c->state)},
                     {"contact_name", name},
                     {"contact_phone", phone},
                     {"status", e.status},
                     {"status_label", entry_status_label(e.status)},
                     {"attempts", std::move(attempts)},
                     {"can_retry_today", !called_today}});
  }
  return json::object{{"items", std::move(items)}};
}

json::object SurveyService::record_call(const platform::Actor& a, std::int64_t entry_id, const json::object& body,
                                        std::optional<RepeatedPost>* repeat) {
  std::optional<RepeatedPost> none;
  auto& r = repeat ? *repeat : none;
  const auto outcome = text_member(body, "outcome", 16).value_or("");
  if (outcome != "reached" && outcome != "not_reached" && outcome != "refused")
    throw problems::bad_request("outcome is reached, not_reached or refused", "outcome");
  store::AttemptRow attempt;
  attempt.entry_id = entry_id;
  attempt.outcome = outcome;
  attempt.caller_login = a.login;
  attempt.comment = text_member(body, "comment", 2000).value_or("");
  json::array problems_list;
  if (const auto* p = body.if_contains("problems"); p && !p->is_null()) {
    if (!p->is_array() || p->as_array().size() > 20)
      throw problems::bad_request("problems is a list of at most 20 texts", "problems");
    for (const auto& item : p->as_array()) {
      if (!item.is_string() || item.as_string().empty() || item.as_string().size() > 200)
        throw problems::bad_request("each problem is a text of at most 200 bytes", "problems");
      problems_list.push_back(item);
    }
  }
  attempt.problems_json = json::serialize(problems_list);
  if (outcome == "reached") {
    attempt.trips = static_cast<int>(int_member(body, "trips", 0, 3, std::nullopt));
    const auto s = text_member(body, "satisfaction", 32).value_or("");
    if (s != "satisfied" && s != "basically_satisfied" && s != "dissatisfied")
      throw problems::bad_request("satisfaction is satisfied, basically_satisfied or dissatisfied", "satisfaction");
    attempt.satisfaction = s;
  }
  const calendar::Instant now = now_();
  attempt.at = calendar::format_instant(now);
  json::object answer;
  pool_.transact([&](store::Tx& tx) {
    if (auto kept = replay(tx, r)) {  // before the checks: the first request closed or retried the callback
      answer = json::parse(*kept).as_object();
      return;
    }
    const auto e = store::survey::entry_for_update(tx, entry_id);
    if (!e || e->caller_login != a.login)
      throw problems::not_found("no callback " + std::to_string(entry_id) + " of yours");
    if (e->status != "pending" && e->status != "retry")
      throw platform::Problem(409, "callback_closed", "该回访已结束", "this callback is " + e->status,
                              json::object{{"status", e->status}});
    const auto earlier = store::survey::attempts(tx, entry_id);
    for (const auto& t : earlier)
      if (calendar::cst_date(calendar::parse_instant(t.at)) == calendar::cst_date(now))
        throw platform::Problem(409, "retry_same_day", "今天已拨打过，请改日再拨",
                                "a callback not reached is tried again on another day");
    std::string status;
    if (outcome == "reached")
      status = "reached";
    else if (outcome == "refused")
      status = "refused";
    else
      status = earlier.size() + 1 >= 3 ? "unreachable" : "retry";
    store::survey::record_attempt(tx, attempt, status);
    bool followup = false;
    if (attempt.satisfaction == "dissatisfied")
      followup = open_followup(tx, math_, e->case_id, e->district, now, "survey");
    answer = json::object{{"id", entry_id},
                          {"status", status},
                          {"status_label", entry_status_label(status)},
                          {"outcome", outcome},
                          {"outcome_label", outcome_label(outcome)},
                          {"at", attempt.at},
                          {"caller", a.login},
                          {"followup_opened", followup}};
    keep(tx, r, json::serialize(answer));
  });
  return answer;
}

}  // namespace ow::supervision
