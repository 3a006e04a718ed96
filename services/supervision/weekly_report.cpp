// Building and rendering the weekly report.
#include "services/supervision/weekly_report.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

#include "services/casework/case_views.hpp"
#include "services/store/kpi_store.hpp"
#include "services/supervision/bulletin_sections.hpp"
#include "services/supervision/region_names.hpp"
#include "services/supervision/report_format.hpp"
#include "workflow/calendar/chinese_time.hpp"

namespace ow::supervision {
namespace {

struct Line {
  std::string group, key;
  store::KpiCounts k;
};

std::string district(const RegionNames& regions, const std::string& code) {
  const std::string name = region_name(regions, code);
  return name.empty() ? "区划" + code : name;
}

}  // namespace

ReportNames report_names(catalog_service::CatalogService& catalog) {
  ReportNames names;
  if (auto loaded = catalog.current()) {
    names.loaded = loaded;
    for (const auto& [code, d] : loaded->catalog.departments) names.departments[code] = d.name;
    for (const auto& [code, b] : loaded->catalog.bundles) names.bundles[code] = b.name;
    names.regions = region_names_of(loaded->catalog);
  }
  return names;
}

std::string week_title(const Week& week) {
  return week.label.substr(0, 4) + "年第" + std::to_string(std::stoi(week.label.substr(6))) + "周";
}

std::string week_days(const Week& week) {
  const std::string last_day = calendar::chinese_time(calendar::format_date(week.monday + 6));
  const std::string first_day = calendar::chinese_time(calendar::format_date(week.monday));
  const bool one_year = calendar::year_of(week.monday) == calendar::year_of(week.monday + 6);
  return first_day + "至" + (one_year ? last_day.substr(std::string("2026年").size()) : last_day);
}

Week parse_iso_week(const std::string& text) {
  if (text.size() != 8 || text[4] != '-' || text[5] != 'W')
    throw std::invalid_argument("a week is written like 2026-W47");
  for (const std::size_t i : {0u, 1u, 2u, 3u, 6u, 7u})
    if (text[i] < '0' || text[i] > '9') throw std::invalid_argument("a week is written like 2026-W47");
  if (text.compare(0, 4, "0000") == 0) throw std::invalid_argument("there is no year 0000");
  const int year = std::stoi(text.substr(0, 4)), week = std::stoi(text.substr(6, 2));
  if (week < 1 || week > 53) throw std::invalid_argument("week number must be 01–53");
  // ISO 8601: week 1 contains 4 January; weeks start on Monday.
  const calendar::Date jan4 = calendar::make_date(year, 1, 4);
  const int iso_weekday = calendar::weekday(jan4);  // 0 = Monday
  const calendar::Date monday = jan4 - iso_weekday + 7 * (week - 1);
  if (week == 53 && calendar::year_of(monday + 3) != year) throw std::invalid_argument(text + " does not exist");
  return {monday, text};
}

std::string weekly_report(store::PgPool& pool, const std::string& region_prefix, const Week& week,
                          const std::string& format, calendar::Instant now, const ReportNames& names) {
  const std::string from = calendar::format_instant(calendar::cst_instant(week.monday, 0));
  const calendar::Instant end = calendar::cst_instant(week.monday + 7, 0);
  const std::string to = calendar::format_instant(end);
  const calendar::Instant as_of = std::min(now, end);
  std::vector<Line> lines;
  std::vector<store::kpi::OverdueCase> overdue;
  std::vector<store::FollowupRow> bad;
  std::vector<ReportSection> sections;
  store::kpi::Freshness fresh;
  pool.transact([&](store::Tx& tx) {
    fresh = store::kpi::freshness(tx);
    const std::string at = calendar::format_instant(as_of), today = calendar::format_date(calendar::cst_date(as_of));
    lines.push_back({"合计", region_prefix.empty() ? "全部" : district(names.regions, region_prefix),
                     store::kpi::counts(tx, region_prefix, std::nullopt, from, to, at, today)});
    for (const auto& d : store::kpi::districts(tx, region_prefix))
      lines.push_back(
          {"区县", district(names.regions, d), store::kpi::counts(tx, d, std::nullopt, from, to, at, today)});
    for (const auto& d : store::kpi::departments(tx, region_prefix))
      lines.push_back(
          {"部门", name_or_code(names.departments, d), store::kpi::counts(tx, region_prefix, d, from, to, at, today)});
    overdue = store::kpi::overdue_cases(tx, region_prefix, from, to);
    for (const auto& f : store::kpi::followups(tx, region_prefix, false))
      if (f.opened_at >= from && f.opened_at < to) bad.push_back(f);  // same ISO +08:00 form: text order is time order
    sections =
        bulletin_sections(tx, region_prefix, week.monday, as_of, names.loaded ? &names.loaded->catalog : nullptr);
  });
  const char* headers[] = {"分组",   "区县/部门", "受理", "办结", "按承诺时限办结率", "实现率(最多跑一次)",
                           "满意率", "评价数"};
  auto row_values = [&](const Line& l) {
    return std::vector<std::string>{l.group,
                                    l.key,
                                    std::to_string(l.k.accepted),
                                    std::to_string(l.k.concluded),
                                    percent(l.k.concluded_met_committed, l.k.concluded),
                                    percent(l.k.concluded_at_most_one_visit, l.k.concluded),
                                    percent(l.k.ratings_satisfied, l.k.ratings),
                                    std::to_string(l.k.ratings)};
  };
  auto followup_state = [](const store::FollowupRow& f) {
    if (f.callback_at && f.rectification_at) return std::string("已回访、已整改");
    if (f.callback_at) return std::string("已回访、整改中");
    return std::string("待回访");
  };
  const std::string week_name = week_title(week), days = week_days(week);
  // Read from a replica (setting db.reports_url): the report says so, and how far behind it may be.
  const std::string source_note =
      fresh.replica ? "数据取自只读副本，生成时约滞后 " + std::to_string(std::lround(fresh.staleness_seconds)) + " 秒"
                    : "";
  auto stars = [](const store::FollowupRow& f) {
    return f.source == "survey" ? std::string("回访不满意") : std::to_string(f.score) + " 星";
  };
  std::ostringstream o;
  if (format == "csv") {
    o << "\xEF\xBB\xBF"
      << "每周通报," << week_name << "," << days << "\n";
    if (!source_note.empty()) o << "数据来源," << source_note << "\n";
    for (std::size_t i = 0; i < std::size(headers); ++i) o << (i ? "," : "") << headers[i];
    o << "\n";
    for (const auto& l : lines) {
      const auto v = row_values(l);
      for (std::size_t i = 0; i < v.size(); ++i) o << (i ? "," : "") << csv_field(v[i]);
      o << "\n";
    }
    o << "\n超期办件,事项,区县,状态,承诺办结时间\n";
    for (const auto& c : overdue)
      o << c.number << "," << csv_field(name_or_code(names.bundles, c.bundle_code)) << ","
        << district(names.regions, c.region_code) << "," << casework::state_label(c.state) << ","
        << calendar::chinese_time(c.committed_due_at) << "\n";
    o << "\n差评办件,评分,回访期限,整改期限,处理情况\n";
    for (const auto& f : bad)
      o << f.number << "," << stars(f) << "," << calendar::chinese_time(f.callback_due_at) << ","
        << calendar::chinese_time(f.rectification_due_at) << "," << followup_state(f) << "\n";
    for (const auto& s : sections) o << section_csv(s);
    return o.str();
  }
  if (format != "html") throw std::invalid_argument("format must be csv or html");
  o << "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>每周通报 " << week_name
    << "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
       "td,th{border:1px solid #999;padding:4px 8px;text-align:right}td:first-child,td:nth-child(2),th{text-align:left}.note{color:#555}</style></head><body>"
    << "<h1>政务服务“一件事”每周通报</h1><p>" << week_name << "（" << days << "）</p>";
  if (!source_note.empty()) o << "<p class=\"note\">" << source_note << "</p>";
  o << "<table><tr>";
  for (const char* h : headers) o << "<th>" << h << "</th>";
  o << "</tr>";
  for (const auto& l : lines) {
    o << "<tr>";
    for (const auto& v : row_values(l)) o << "<td>" << html_text(v) << "</td>";
    o << "</tr>";
  }
  o << "</table><h2>超期办件（" << overdue.size()
    << "）</h2><table><tr><th>办件编号</th><th>事项</th><th>区县</th><th>状态</th><th>承诺办结时间</th></tr>";
  for (const auto& c : overdue)
    o << "<tr><td>" << c.number << "</td><td>" << html_text(name_or_code(names.bundles, c.bundle_code)) << "</td><td>"
      << district(names.regions, c.region_code) << "</td><td>" << casework::state_label(c.state) << "</td><td>"
      << calendar::chinese_time(c.committed_due_at) << "</td></tr>";
  o << "</table><h2>差评及整改（" << bad.size()
    << "）</h2><table><tr><th>办件编号</th><th>评分</th><th>回访期限</th><th>整改期限</th><th>处理情况</th></tr>";
  for (const auto& f : bad)
    o << "<tr><td>" << f.number << "</td><td>" << stars(f) << "</td><td>" << calendar::chinese_time(f.callback_due_at)
      << "</td><td>" << calendar::chinese_time(f.rectification_due_at) << "</td><td>" << followup_state(f)
      << "</td></tr>";
  o << "</table>";
  for (const auto& s : sections) o << section_html(s);
  o << "</body></html>\n";
  return o.str();
}

}  // namespace ow::supervision
