// Survey estimates of 实现率 and 满意率 per district and for the whole scope, beside the counted figures, and
// the month's ranking of districts. A month's draws are those of the ISO weeks whose Thursday lies in it.
#include <boost/json.hpp>
#include <map>

#include "services/platform/problem.hpp"
#include "services/store/kpi_store.hpp"
#include "services/store/survey_store.hpp"
#include "services/supervision/region_names.hpp"
#include "services/supervision/survey_service.hpp"
#include "services/supervision/weekly_report.hpp"
#include "workflow/survey/estimates.hpp"

namespace ow::supervision {
namespace {

namespace json = boost::json;

struct Tally {
  long sampled = 0, reached = 0, refused = 0, unreachable = 0, open = 0;
  // stratum key → answers of each question
  std::map<std::string, survey::StratumAnswers> realised, satisfied;
};

void add(Tally& t, const std::string& key, const store::AnswerRow& r) {
  ++t.sampled;
  auto& real = t.realised[key];
  auto& sat = t.satisfied[key];
  real.population = sat.population = r.stratum_population;
  if (r.status == "reached" && r.trips && r.satisfaction) {
    ++t.reached;
    ++real.answers;
    real.yes += *r.trips <= 1 ? 1 : 0;
    ++sat.answers;
    sat.yes += *r.satisfaction != "dissatisfied" ? 1 : 0;
  } else if (r.status == "refused") {
    ++t.refused;
  } else if (r.status == "unreachable") {
    ++t.unreachable;
  } else {
    ++t.open;
  }
}

std::optional<survey::Estimate> estimate_of(const std::map<std::string, survey::StratumAnswers>& strata) {
  std::vector<survey::StratumAnswers> list;
  for (const auto& [key, s] : strata) list.push_back(s);
  return survey::estimate(list);
}

json::value estimate_json(const std::optional<survey::Estimate>& e) {
  if (!e) return nullptr;
  return json::object{{"estimate", e->interval.estimate},
                      {"low", e->interval.low},
                      {"high", e->interval.high},
                      {"answers", e->answers},
                      {"yes", e->yes},
                      {"method", e->stratified ? "stratified" : "wilson"},
                      {"method_label", e->stratified ? "分层加权，正态近似" : "Wilson 区间"}};
}

json::value rate(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return nullptr;
  return static_cast<double>(part) / static_cast<double>(whole);
}

// The survey figure against the counted one: the gap (survey − counted) and whether the counted figure lies
// outside the survey's interval (then the difference is not chance: the counts deserve a look).
json::value gap_json(const std::optional<survey::Estimate>& e, const json::value& counted) {
  if (!e || counted.is_null()) return nullptr;
  const double c = counted.as_double();
  return json::object{{"gap", e->interval.estimate - c},
                      {"counted_outside_interval", c < e->interval.low || c > e->interval.high}};
}

json::array ranking_json(const std::vector<survey::Ranked>& ranked, const std::map<std::string, json::object>& rows,
                         const char* question, const RegionNames& names) {
  json::array out;
  for (const auto& r : ranked) {
    json::array ties;
    for (const auto& t : r.ties) ties.push_back(json::value(region_name(names, t)));
    const auto& row = rows.at(r.key);
    out.push_back(json::object{{"district", r.key},
                               {"district_name", region_name(names, r.key)},
                               {"rank", r.rank ? json::value(*r.rank) : json::value(nullptr)},
                               {"survey", row.at(question)},
                               {"no_clear_difference_with", std::move(ties)},
                               {"note", r.ties.empty() ? "" : "无显著差异"}});
  }
  return out;
}

}  // namespace

json::object SurveyService::estimates(const platform::Actor& a, const std::string& month,
                                      const std::optional<std::string>& region) {
  const std::string scope = survey_scope(a, region);
  const auto [first, next] = parse_month(month);
  const calendar::Instant now = now_();
  std::vector<store::AnswerRow> answers;
  std::map<std::string, store::KpiCounts> counted;
  pool_.transact([&](store::Tx& tx) {
    // The weeks whose Thursday (Monday + 3) lies in the month.
    answers = store::survey::answers(tx, scope, calendar::format_date(first - 3), calendar::format_date(next - 3));
    const std::string from = calendar::format_instant(calendar::cst_instant(first, 0)),
                      to = calendar::format_instant(calendar::cst_instant(next, 0));
    std::vector<std::string> districts{scope};
    for (const auto& r : answers) districts.push_back(r.district);
    for (const auto& d : districts)
      if (!counted.contains(d))
        counted[d] = store::kpi::counts(tx, d, std::nullopt, from, to, calendar::format_instant(now),
                                        calendar::format_date(calendar::cst_date(now)));
  });
  Tally all;
  std::map<std::string, Tally> by_district;
  for (const auto& r : answers) {
    const std::string draw = std::to_string(r.draw_id);
    add(all, draw + "|" + r.district + "|" + r.bundle_code, r);
    add(by_district[r.district], draw + "|" + r.bundle_code, r);
  }
  const ReportNames names = report_names(catalog_);
  auto row = [&](const std::string& code, const Tally& t) {
    const auto realised = estimate_of(t.realised), satisfied = estimate_of(t.satisfied);
    const auto& k = counted.at(code);
    const json::value counted_real = rate(k.ended_at_most_one_visit, k.ended),
                      counted_sat = rate(k.ratings_satisfied, k.ratings);
    return json::object{{"district", code},
                        {"district_name", region_name(names.regions, code)},
                        {"sampled", t.sampled},
                        {"reached", t.reached},
                        {"refused", t.refused},
                        {"unreachable", t.unreachable},
                        {"open", t.open},
                        {"response_rate", rate(t.reached, t.sampled)},
                        {"realisation", estimate_json(realised)},
                        {"satisfaction", estimate_json(satisfied)},
                        {"counted", json::object{{"realisation_rate", counted_real},
                                                 {"ended", k.ended},
                                                 {"satisfaction_rate", counted_sat},
                                                 {"ratings", k.ratings}}},
                        {"gap", json::object{{"realisation", gap_json(realised, counted_real)},
                                             {"satisfaction", gap_json(satisfied, counted_sat)}}}};
  };
  std::map<std::string, json::object> rows;
  std::vector<survey::RankInput> by_real, by_sat;
  json::array districts;
  for (const auto& [code, t] : by_district) {
    rows[code] = row(code, t);
    districts.push_back(rows[code]);
    const auto realised = estimate_of(t.realised), satisfied = estimate_of(t.satisfied);
    by_real.push_back({code, realised ? std::optional(realised->interval) : std::nullopt});
    by_sat.push_back({code, satisfied ? std::optional(satisfied->interval) : std::nullopt});
  }
  return json::object{
      {"month", month},
      {"region", scope},
      {"region_name", region_name(names.regions, scope)},
      {"confidence", 0.95},
      {"total", row(scope, all)},
      {"districts", std::move(districts)},
      {"ranking",
       json::object{
           {"realisation", ranking_json(survey::rank_by_interval(by_real), rows, "realisation", names.regions)},
           {"satisfaction", ranking_json(survey::rank_by_interval(by_sat), rows, "satisfaction", names.regions)}}},
      {"definitions",
       json::object{{"realisation",
                     "回访接通的申请人中，自述跑动次数不超过 1 次的加权比例（按区县×一件事分层，权重为层内办件数）"},
                    {"satisfaction", "回访接通的申请人中，回答满意或基本满意的加权比例"},
                    {"response_rate", "接通并完成回访的件数 ÷ 抽中的件数"},
                    {"interval", "95% 置信区间：只有一层时用 Wilson 区间，多层时用分层方差的正态近似"},
                    {"ranking", "名次 = 1 + 区间整体高于本区县的区县数；区间重叠的区县标注“无显著差异”"}}}};
}

}  // namespace ow::supervision
