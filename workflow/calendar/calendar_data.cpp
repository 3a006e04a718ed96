// Parsing and validation of the holiday data files.
#include "workflow/calendar/calendar_data.hpp"

#include <set>

namespace ow::calendar {
namespace {

struct Row {
  int line;
  std::string_view text;
};

std::vector<Row> data_rows(std::string_view text) {
  std::vector<Row> rows;
  int line = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(pos, end - pos);
    ++line;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (line == 1 && l.starts_with("\xEF\xBB\xBF")) l.remove_prefix(3);
    bool header = line == 1 && l.starts_with("date,");
    if (!header && !l.empty() && l.front() != '#') rows.push_back({line, l});
    if (end == text.size()) break;
    pos = end + 1;
  }
  return rows;
}

CalendarEntry parse_row(const Row& r) {
  auto c1 = r.text.find(',');
  auto c2 = c1 == std::string_view::npos ? c1 : r.text.find(',', c1 + 1);
  if (c2 == std::string_view::npos) throw ParseError("line " + std::to_string(r.line) + ": expected date,kind,name");
  CalendarEntry e;
  try {
    e.date = parse_date(r.text.substr(0, c1));
  } catch (const ParseError& ex) {
    throw ParseError("line " + std::to_string(r.line) + ": " + ex.what());
  }
  auto kind = r.text.substr(c1 + 1, c2 - c1 - 1);
  if (kind == "holiday")
    e.kind = DayKind::holiday;
  else if (kind == "workday")
    e.kind = DayKind::workday;
  else
    throw ParseError("line " + std::to_string(r.line) + ": kind must be holiday or workday, not '" + std::string(kind) +
                     "'");
  e.name = std::string(r.text.substr(c2 + 1));
  return e;
}

}  // namespace

std::vector<CalendarEntry> parse_calendar_csv(std::string_view text) {
  std::vector<CalendarEntry> out;
  for (const auto& r : data_rows(text)) out.push_back(parse_row(r));
  return out;
}

std::vector<CalendarIssue> check_calendar_csv(std::string_view text) {
  std::vector<CalendarIssue> issues;
  std::set<Date> seen;
  std::set<int> years;
  Date previous = 0;
  bool have_previous = false;
  for (const auto& r : data_rows(text)) {
    CalendarEntry e;
    try {
      e = parse_row(r);
    } catch (const ParseError& ex) {
      issues.push_back({r.line, ex.what(), "格式有误：每行应为 日期,类型,名称（如 2027-01-01,holiday,元旦），类型为 holiday（放假）或 workday（调休上班）"});
      continue;
    }
    const std::string d = format_date(e.date);
    if (!seen.insert(e.date).second)
      issues.push_back({r.line, d + " is listed twice", d + " 重复出现"});
    else if (have_previous && e.date < previous)
      issues.push_back({r.line, d + " is out of order (after " + format_date(previous) + ")",
                        d + " 排在 " + format_date(previous) + " 之后，日期须按先后排列"});
    if (e.kind == DayKind::workday && !is_weekend(e.date))
      issues.push_back({r.line, d + " is a make-up workday on a Monday–Friday; only a Saturday or Sunday can be one",
                        d + " 是周一至周五，不能作调休上班日（只有周六、周日可以）"});
    if (e.kind == DayKind::holiday && e.name.empty()) issues.push_back({r.line, d + " has no holiday name", d + " 缺少节日名称"});
    previous = std::max(previous, e.date);
    have_previous = true;
    years.insert(year_of(e.date));
  }
  if (years.empty()) {
    issues.push_back({0, "the file lists no dates", "文件中没有任何日期"});
  } else {
    for (int y = *years.begin(); y <= *years.rbegin(); ++y)
      if (!years.contains(y)) issues.push_back({0, "year " + std::to_string(y) + " has no rows", std::to_string(y) + "年没有任何数据行"});
  }
  return issues;
}

}  // namespace ow::calendar
