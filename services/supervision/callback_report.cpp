// The week's 回访情况 (callbacks) for filing with the 审管办: calls made, reached, answers, problems raised and
// follow-ups opened, then each call; CSV (UTF-8 with BOM) or printable HTML, in the weekly report's style.
#include <boost/json.hpp>
#include <sstream>

#include "services/platform/problem.hpp"
#include "services/store/survey_store.hpp"
#include "services/supervision/region_names.hpp"
#include "services/supervision/report_text.hpp"
#include "services/supervision/survey_service.hpp"
#include "services/supervision/weekly_report.hpp"
#include "workflow/calendar/chinese_time.hpp"

namespace ow::supervision {
namespace {

std::string problems_text(const std::string& json_array) {
  boost::system::error_code error;
  const auto v = boost::json::parse(json_array, error);
  std::string out;
  if (!error && v.is_array())
    for (const auto& p : v.as_array())
      if (p.is_string()) out += (out.empty() ? "" : "；") + std::string(p.as_string());
  return out;
}

std::string trips_text(const std::optional<int>& trips) {
  if (!trips) return "";
  return *trips >= 3 ? "3次及以上" : std::to_string(*trips) + "次";
}

}  // namespace

std::string SurveyService::weekly_filing(const platform::Actor& a, const std::string& week_text,
                                         const std::optional<std::string>& region, const std::string& format) {
  Week week;
  try {
    week = parse_iso_week(week_text);
  } catch (const std::exception& e) {
    throw platform::problems::bad_request(std::string("week: ") + e.what(), "week");
  }
  const std::string scope = survey_scope(a, region);
  const auto calls = pool_.transact([&](store::Tx& tx) {
    return store::survey::calls(tx, scope, calendar::format_instant(calendar::cst_instant(week.monday, 0)),
                                calendar::format_instant(calendar::cst_instant(week.monday + 7, 0)));
  });
  const ReportNames names = report_names(catalog_);
  std::int64_t reached = 0, refused = 0, not_reached = 0, satisfied = 0, basically = 0, dissatisfied = 0,
               at_most_one = 0, with_problems = 0, followups = 0;
  for (const auto& c : calls) {
    const auto& t = c.attempt;
    reached += t.outcome == "reached";
    refused += t.outcome == "refused";
    not_reached += t.outcome == "not_reached";
    satisfied += t.satisfaction == "satisfied";
    basically += t.satisfaction == "basically_satisfied";
    dissatisfied += t.satisfaction == "dissatisfied";
    at_most_one += t.trips && *t.trips <= 1;
    with_problems += !problems_text(t.problems_json).empty();
    followups += c.followup_opened;
  }
  const std::vector<std::pair<std::string, std::string>> summary = {
      {"拨打次数", std::to_string(calls.size())},
      {"接通", std::to_string(reached)},
      {"拒访", std::to_string(refused)},
      {"未接通", std::to_string(not_reached)},
      {"满意", std::to_string(satisfied)},
      {"基本满意", std::to_string(basically)},
      {"不满意", std::to_string(dissatisfied)},
      {"满意率（满意+基本满意）", percent(satisfied + basically, reached)},
      {"跑动不超过1次", std::to_string(at_most_one)},
      {"实现率（跑动不超过1次）", percent(at_most_one, reached)},
      {"反映问题的回访", std::to_string(with_problems)},
      {"开启整改", std::to_string(followups)}};
  const char* headers[] = {"回访时间", "办件编号", "区县",     "一件事", "回访员", "结果",
                           "跑动次数", "满意度",   "反映问题", "意见",   "整改"};
  auto cells = [&](const store::survey::CallRow& c) {
    const auto& t = c.attempt;
    return std::vector<std::string>{calendar::chinese_time(t.at),
                                    c.number,
                                    region_name(names.regions, c.district),
                                    name_or_code(names.bundles, c.bundle_code),
                                    t.caller_login,
                                    outcome_label(t.outcome),
                                    trips_text(t.trips),
                                    t.satisfaction ? satisfaction_label(*t.satisfaction) : "",
                                    problems_text(t.problems_json),
                                    t.comment,
                                    c.followup_opened ? "已开启整改" : ""};
  };
  const std::string area = region_name(names.regions, scope).empty() ? scope : region_name(names.regions, scope);
  std::ostringstream o;
  if (format == "csv") {
    o << "\xEF\xBB\xBF"
      << "回访情况," << week_title(week) << "," << week_days(week) << "," << csv_field(area) << "\n";
    for (const auto& [k, v] : summary) o << csv_field(k) << "," << v << "\n";
    o << "\n";
    for (std::size_t i = 0; i < std::size(headers); ++i) o << (i ? "," : "") << headers[i];
    o << "\n";
    for (const auto& c : calls) {
      const auto v = cells(c);
      for (std::size_t i = 0; i < v.size(); ++i) o << (i ? "," : "") << csv_field(v[i]);
      o << "\n";
    }
    return o.str();
  }
  o << "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>回访情况 " << week_title(week)
    << "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
       "td,th{border:1px solid #999;padding:4px 8px;text-align:left}</style></head><body>"
    << "<h1>办事服务回访情况（报市审管办备案）</h1><p>" << html_text(area) << " · " << week_title(week) << "（"
    << week_days(week) << "）</p><table>";
  for (const auto& [k, v] : summary) o << "<tr><th>" << k << "</th><td>" << v << "</td></tr>";
  o << "</table><h2>回访明细（" << calls.size() << "）</h2><table><tr>";
  for (const char* h : headers) o << "<th>" << h << "</th>";
  o << "</tr>";
  for (const auto& c : calls) {
    o << "<tr>";
    for (const auto& v : cells(c)) o << "<td>" << html_text(v) << "</td>";
    o << "</tr>";
  }
  o << "</table></body></html>\n";
  return o.str();
}

}  // namespace ow::supervision
