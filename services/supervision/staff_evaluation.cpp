// Building and rendering the quarterly staff evaluation.
#include "services/supervision/staff_evaluation.hpp"

#include <boost/json.hpp>
#include <map>
#include <sstream>
#include <stdexcept>

#include "services/casework/case_views.hpp"
#include "services/store/hotline_store.hpp"
#include "services/supervision/report_format.hpp"

namespace ow::supervision {
namespace {

namespace json = boost::json;

const char* kSurveyNote =
    "调查实现率：本季度回访中接通的申请人自报跑动0或1次的比例（未加权，该窗口无回访时以“—”表示）；"
    "统计实现率按办件记录的跑动次数计算。";

void add(store::StaffFigures& to, const store::StaffFigures& f) {
  to.accepted += f.accepted;
  to.concluded += f.concluded;
  to.concluded_on_time += f.concluded_on_time;
  to.ended += f.ended;
  to.ended_one_visit += f.ended_one_visit;
  to.ratings += f.ratings;
  to.ratings_satisfied += f.ratings_satisfied;
  to.score_sum += f.score_sum;
  to.followups += f.followups;
  to.followups_done += f.followups_done;
  to.surveyed += f.surveyed;
  to.surveyed_one_visit += f.surveyed_one_visit;
}

json::value share(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return nullptr;
  return static_cast<double>(part) / static_cast<double>(whole);
}

std::string average(std::int64_t sum, std::int64_t n) {
  if (n == 0) return "—";
  std::ostringstream o;
  o.precision(2);
  o << std::fixed << static_cast<double>(sum) / static_cast<double>(n);
  return o.str();
}

std::vector<std::string> cells(const StaffLine& l, bool clerk) {
  std::vector<std::string> v{l.hall_name, l.window_name};
  if (clerk) v.push_back(l.clerk_name);
  for (std::string s :
       {std::to_string(l.f.accepted), std::to_string(l.f.concluded), percent(l.f.concluded_on_time, l.f.concluded),
        percent(l.f.ended_one_visit, l.f.ended), percent(l.f.surveyed_one_visit, l.f.surveyed),
        std::to_string(l.f.ratings), percent(l.f.ratings_satisfied, l.f.ratings), average(l.f.score_sum, l.f.ratings),
        std::to_string(l.complaints), std::to_string(l.f.followups), std::to_string(l.f.followups_done)})
    v.push_back(s);
  return v;
}

ReportSection section(const std::string& title, const std::vector<StaffLine>& lines, bool clerk) {
  ReportSection s{title, kSurveyNote, {"服务大厅", "窗口"}, {}};
  if (clerk) s.headers.push_back("受理人员");
  for (const char* h : {"受理件数", "办结件数", "按承诺时限办结率", "统计实现率", "调查实现率", "评价数", "满意率",
                        "平均评分", "12345投诉", "差评整改", "已整改"})
    s.headers.push_back(h);
  for (const auto& l : lines) s.rows.push_back(cells(l, clerk));
  return s;
}

json::object line_json(const StaffLine& l, bool clerk) {
  json::object o{
      {"hall_name", l.hall_name},
      {"window", l.f.window_code},
      {"window_name", l.window_name},
      {"accepted", l.f.accepted},
      {"concluded", l.f.concluded},
      {"on_time_rate", share(l.f.concluded_on_time, l.f.concluded)},
      {"realisation_rate", share(l.f.ended_one_visit, l.f.ended)},
      {"surveyed_realisation_rate", share(l.f.surveyed_one_visit, l.f.surveyed)},
      {"surveyed_answers", l.f.surveyed},
      {"ratings", l.f.ratings},
      {"satisfaction_rate", share(l.f.ratings_satisfied, l.f.ratings)},
      {"average_score", l.f.ratings ? json::value(static_cast<double>(l.f.score_sum) / static_cast<double>(l.f.ratings))
                                    : json::value(nullptr)},
      {"complaints", l.complaints},
      {"followups", l.f.followups},
      {"followups_done", l.f.followups_done}};
  if (clerk) o["clerk_name"] = l.clerk_name;
  return o;
}

}  // namespace

Quarter parse_quarter(const std::string& text) {
  if (text.size() != 7 || text[4] != '-' || text[5] != 'Q' || text[6] < '1' || text[6] > '4')
    throw std::invalid_argument("a quarter is written like 2026-Q4");
  for (std::size_t i = 0; i < 4; ++i)
    if (text[i] < '0' || text[i] > '9') throw std::invalid_argument("a quarter is written like 2026-Q4");
  const int year = std::stoi(text.substr(0, 4)), q = text[6] - '0';
  if (year < 2000 || year > 2100) throw std::invalid_argument("the year is out of range");
  const calendar::Date first = calendar::make_date(year, static_cast<unsigned>(3 * q - 2), 1);
  const calendar::Date end =
      q == 4 ? calendar::make_date(year + 1, 1, 1) : calendar::make_date(year, static_cast<unsigned>(3 * q + 1), 1);
  return {first, end, text};
}

StaffEvaluation staff_evaluation(store::PgPool& pool, const std::string& region_prefix, const Quarter& quarter,
                                 const catalog::Catalog* catalog) {
  const std::string from = calendar::format_instant(calendar::cst_instant(quarter.first, 0));
  const std::string to = calendar::format_instant(calendar::cst_instant(quarter.end, 0));
  std::vector<store::StaffFigures> rows;
  std::vector<store::ComplaintCount> complaints;
  pool.transact([&](store::Tx& tx) {
    rows = store::staff_evaluation::figures(tx, region_prefix, from, to);
    complaints = store::hotline::complaints_by_window(tx, region_prefix, from, to);
  });
  using Key = std::pair<std::string, std::string>;  // hall, window
  std::map<Key, StaffLine> windows;
  std::map<std::pair<Key, std::int64_t>, StaffLine> clerks;
  auto named = [&](StaffLine& l, const std::string& hall, const std::string& window) {
    const catalog::Hall* h = casework::hall_of(catalog, hall);
    l.hall_name = h ? h->name : hall;
    l.window_name = window.empty() ? "—" : casework::window_name(h, window);
    if (l.window_name.empty()) l.window_name = window;
    l.f.hall_code = hall;
    l.f.window_code = window;
  };
  for (const auto& r : rows) {
    const Key k{r.hall_code, r.window_code};
    auto& w = windows[k];
    named(w, r.hall_code, r.window_code);
    add(w.f, r);
    if (!r.clerk_id) continue;
    auto& c = clerks[{k, *r.clerk_id}];
    named(c, r.hall_code, r.window_code);
    c.clerk_name = r.clerk_name;
    add(c.f, r);
  }
  for (const auto& c : complaints) {
    const Key k{c.hall_code, c.window_code};
    auto& w = windows[k];
    if (w.hall_name.empty()) named(w, c.hall_code, c.window_code);
    w.complaints += c.complaints;
    if (c.clerk_id)
      if (auto it = clerks.find({k, *c.clerk_id}); it != clerks.end()) it->second.complaints += c.complaints;
  }
  StaffEvaluation e{quarter, {}, {}};
  for (auto& [k, l] : windows) e.windows.push_back(std::move(l));
  for (auto& [k, l] : clerks) e.clerks.push_back(std::move(l));
  return e;
}

json::object staff_evaluation_json(const StaffEvaluation& e) {
  json::array windows, clerks;
  for (const auto& l : e.windows) windows.push_back(line_json(l, false));
  for (const auto& l : e.clerks) clerks.push_back(line_json(l, true));
  return json::object{{"quarter", e.quarter.label},
                      {"from", calendar::format_date(e.quarter.first)},
                      {"to", calendar::format_date(e.quarter.end - 1)},
                      {"windows", windows},
                      {"clerks", clerks},
                      {"notes", json::array{json::string(kSurveyNote)}}};
}

std::string staff_evaluation_text(const StaffEvaluation& e, const std::string& format) {
  const std::string title = e.quarter.label.substr(0, 4) + "年第" + e.quarter.label.substr(6) + "季度窗口人员考评";
  const ReportSection windows = section("按窗口", e.windows, false), clerks = section("按受理人员", e.clerks, true);
  std::ostringstream o;
  if (format == "csv") {
    o << "\xEF\xBB\xBF" << csv_field(title) << "," << calendar::format_date(e.quarter.first) << "至"
      << calendar::format_date(e.quarter.end - 1) << "\n"
      << section_csv(windows) << section_csv(clerks);
    return o.str();
  }
  if (format != "html") throw std::invalid_argument("format must be json, csv or html");
  o << "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" << html_text(title)
    << "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
       "td,th{border:1px solid #999;padding:4px 8px;text-align:right}th,td:nth-child(-n+3){text-align:left}"
       ".note{color:#555}</style></head><body><h1>"
    << html_text(title) << "</h1><p>" << calendar::format_date(e.quarter.first) << " 至 "
    << calendar::format_date(e.quarter.end - 1) << "</p>" << section_html(windows) << section_html(clerks)
    << "</body></html>\n";
  return o.str();
}

}  // namespace ow::supervision
