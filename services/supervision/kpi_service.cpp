// KPIs and evaluations.
#include "services/supervision/kpi_service.hpp"

#include <boost/json.hpp>

#include "services/platform/actor.hpp"
#include "services/platform/problem.hpp"
#include "services/store/case_store.hpp"
#include "services/store/kpi_store.hpp"
#include "services/store/supervision_store.hpp"
#include "services/supervision/followup_opening.hpp"
#include "services/supervision/kpi_definitions.hpp"
#include "services/supervision/region_names.hpp"
#include "workflow/catalog/reduction.hpp"

namespace ow::supervision {
namespace {

namespace json = boost::json;
namespace problems = platform::problems;

json::value rate(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return nullptr;  // no cases: no rate, not 0 %
  return static_cast<double>(part) / static_cast<double>(whole);
}

calendar::Date date_param(const std::optional<std::string>& text, calendar::Date fallback, const char* name) {
  if (!text) return fallback;
  try {
    return calendar::parse_date(*text);
  } catch (const std::exception&) {
    throw problems::bad_request(std::string("'") + name + "' must be a date YYYY-MM-DD", name);
  }
}

const char* const kScoreNames[] = {"", "非常不满意", "不满意", "基本满意", "满意", "非常满意"};

}  // namespace

json::object KpiService::stats(const platform::Actor& a, const StatsQuery& q) {
  std::string scope = platform::region_scope(a.region_code);
  if (q.region) {
    if (!q.region->starts_with(scope)) throw problems::forbidden("region " + *q.region + " is outside your scope");
    scope = platform::region_scope(*q.region);
  }
  const calendar::Instant now = now_();
  const calendar::Date today = calendar::cst_date(now);
  const calendar::Date month_start = today - (std::stoi(calendar::format_date(today).substr(8, 2)) - 1);
  const calendar::Date from = date_param(q.from, month_start, "from"), to = date_param(q.to, today + 1, "to");
  if (to <= from) throw problems::bad_request("'to' must be after 'from'", "to");
  std::vector<std::string> district_codes;
  store::kpi::Freshness fresh;
  const auto k = reports_.transact([&](store::Tx& tx) {
    fresh = store::kpi::freshness(tx);
    district_codes = store::kpi::districts(tx, scope);
    return store::kpi::counts(tx, scope, q.department, calendar::format_instant(calendar::cst_instant(from, 0)),
                              calendar::format_instant(calendar::cst_instant(to, 0)), calendar::format_instant(now),
                              calendar::format_date(today));
  });
  json::array districts;  // the districts in scope with cases, for per-district breakdowns (?region=)
  for (const auto& d : district_codes) districts.emplace_back(d);
  json::object materials{{"bundles", 0}, {"bundles_without_baseline", 0}, {"reduction_rate", nullptr}};
  json::object one_card_items{{"personal_items", 0}, {"one_card_items", 0}, {"share", nullptr}};
  if (auto loaded = catalog_.current()) {
    const auto r = catalog::materials_reduction(loaded->catalog, catalog_.minutes_per_day());
    materials = json::object{{"bundles", r.bundles_measured},
                             {"bundles_without_baseline", r.bundles_without_baseline},
                             {"reduction_rate", r.rate ? json::value(*r.rate) : json::value(nullptr)}};
    const auto o = catalog::one_card_items(loaded->catalog);
    one_card_items = json::object{{"personal_items", o.personal_items},
                                  {"one_card_items", o.one_card_items},
                                  {"share", o.share ? json::value(*o.share) : json::value(nullptr)}};
  }
  // Each rate with the count behind it ({"part": 48, "whole": 50}), so a screen can say 96.0%（48/50 件）.
  json::object counts;
  auto measured = [&](const char* key, std::int64_t part, std::int64_t whole) {
    counts[key] = json::object{{"part", part}, {"whole", whole}};
    return rate(part, whole);
  };
  RegionNames regions;
  if (auto loaded = catalog_.current()) regions = region_names_of(loaded->catalog);
  std::vector<std::string> named = district_codes;
  named.push_back(scope);
  json::object out{
      {"region", scope},
      {"department", q.department ? json::value(*q.department) : json::value(nullptr)},
      {"districts", districts},
      {"region_names", region_names_json(regions, named)},
      {"from", calendar::format_date(from)},
      {"to", calendar::format_date(to)},
      {"accepted", k.accepted},
      {"concluded", k.concluded},
      {"open", k.open},
      {"due_today", k.due_today},
      {"in_warning", k.in_warning},
      {"overdue", k.overdue},
      {"on_time_rate_committed", measured("on_time_rate_committed", k.concluded_met_committed, k.concluded)},
      {"on_time_rate_statutory", measured("on_time_rate_statutory", k.concluded_met_statutory, k.concluded)},
      {"immediate_share", measured("immediate_share", k.concluded_same_day, k.concluded)},
      {"online_share", measured("online_share", k.accepted_online, k.accepted)},
      {"one_card_share", measured("one_card_share", k.accepted_one_card, k.accepted)},
      {"ended", json::object{{"total", k.ended},
                             {"concluded", k.concluded},
                             {"refused", k.ended_refused},
                             {"not_permitted", k.ended_not_permitted},
                             {"withdrawn", k.ended_withdrawn}}},
      {"realisation_rate", measured("realisation_rate", k.ended_at_most_one_visit, k.ended)},
      {"ratings", k.ratings},
      {"satisfaction_rate", measured("satisfaction_rate", k.ratings_satisfied, k.ratings)},
      {"materials", materials},
      {"one_card_items", one_card_items},
      {"definitions", definitions_json()},
      // Where the figures were read and how far behind the primary they may be (a replica, setting db.reports_url).
      {"data", json::object{{"source", fresh.replica ? "replica" : "primary"},
                            {"staleness_seconds", fresh.staleness_seconds}}}};
  out["counts"] = std::move(counts);
  return out;
}

ReportNames KpiService::report_names() const { return supervision::report_names(catalog_); }

std::pair<unsigned, json::object> KpiService::evaluate(const std::string& number, const json::object& body) {
  auto it = body.find("score");
  if (it == body.end() || !it->value().is_int64() || it->value().as_int64() < 1 || it->value().as_int64() > 5)
    throw problems::bad_request("'score' is 1 (非常不满意) to 5 (非常满意)", "score");
  const int score = static_cast<int>(it->value().as_int64());
  std::string comment;
  if (auto c = body.find("comment"); c != body.end() && !c->value().is_null()) {
    if (!c->value().is_string() || c->value().as_string().size() > 2000)
      throw problems::bad_request("'comment' is text of at most 2000 bytes", "comment");
    comment = c->value().as_string();
  }
  const std::string at = calendar::format_instant(now_());
  return pool_.transact([&](store::Tx& tx) -> std::pair<unsigned, json::object> {
    auto row = store::cases::for_update(tx, number);
    if (!row) throw problems::not_found("no case " + number);
    // Every application that ended may be rated — refused and withdrawn ones too (they count in 满意率).
    if (!row->ended_at)
      throw platform::Problem(409, "not_concluded", "申请办结或终止后方可评价",
                              "only an ended application can be rated", json::object{{"state", row->state}});
    auto existing = store::kpi::evaluation(tx, row->id);
    if (existing && existing->revised)
      throw platform::Problem(409, "already_revised", "评价已追评过，不能再修改", "a rating may be revised once");
    if (existing)
      store::kpi::revise(tx, row->id, score, comment, at);
    else
      store::kpi::rate(tx, row->id, score, comment, at);
    if (score <= 2) open_followup(tx, math_, row->id, row->region_code, calendar::parse_instant(at), "rating");
    return {existing ? 200u : 201u, json::object{{"case_number", number},
                                                 {"score", score},
                                                 {"label", kScoreNames[score]},
                                                 {"revised", existing.has_value()},
                                                 {"rated_at", at}}};
  });
}

json::object KpiService::followups(const platform::Actor& a, bool open_only) {
  const auto rows = pool_.transact(
      [&](store::Tx& tx) { return store::kpi::followups(tx, platform::region_scope(a.region_code), open_only); });
  auto text = [](const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); };
  json::array items;
  for (const auto& f : rows)
    items.push_back(json::object{{"case_number", f.number},
                                 {"score", f.score},
                                 {"label", f.source == "survey" ? "回访不满意" : kScoreNames[f.score]},
                                 {"source", f.source},
                                 {"opened_at", f.opened_at},
                                 {"callback", json::object{{"due_at", f.callback_due_at},
                                                           {"done_at", text(f.callback_at)},
                                                           {"by", text(f.callback_by)},
                                                           {"note", text(f.callback_note)}}},
                                 {"rectification", json::object{{"due_at", f.rectification_due_at},
                                                                {"done_at", text(f.rectification_at)},
                                                                {"by", text(f.rectification_by)},
                                                                {"report", text(f.rectification_report)}}}});
  return json::object{{"items", items}};
}

json::object KpiService::close_followup(const platform::Actor& a, const std::string& number, const std::string& part,
                                        const std::string& text) {
  if (part != "callback" && part != "rectification") throw problems::not_found("no follow-up part " + part);
  if (text.empty() || text.size() > 4000)
    throw problems::bad_request("say what was done (at most 4000 bytes)", part == "callback" ? "note" : "report");
  const std::string at = calendar::format_instant(now_());
  pool_.transact([&](store::Tx& tx) {
    auto f = store::kpi::followup(tx, number);
    if (!f || !a.covers(f->region_code)) throw problems::not_found("no follow-up for case " + number);
    if (!store::kpi::close_followup_part(tx, f->case_id, part, a.login, text, at))
      throw platform::Problem(409, "already_recorded", "该项已记录",
                              "the " + part + " of this follow-up is already recorded");
    store::supervision::sync_clock(tx, f->case_id, "followup:" + part, f->region_code, std::nullopt, std::nullopt,
                                   std::nullopt, true, at);
  });
  return followups(a, false);
}

}  // namespace ow::supervision
