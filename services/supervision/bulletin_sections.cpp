// Building the bulletin's ticket and inspection sections.
#include "services/supervision/bulletin_sections.hpp"

#include "services/store/hotline_store.hpp"
#include "services/store/inspection_store.hpp"
#include "services/supervision/hotline_json.hpp"
#include "services/supervision/inspection_cycles.hpp"
#include "services/supervision/inspection_desk.hpp"
#include "services/supervision/region_names.hpp"
#include "workflow/calendar/chinese_time.hpp"

namespace ow::supervision {
namespace {

// 11月19日（周四）
std::string day_label(calendar::Date d) {
  const std::string full = calendar::chinese_time(calendar::format_date(d));
  const auto year = full.find("年");
  return (year == std::string::npos ? full : full.substr(year + std::string("年").size())) + "（" +
         weekday_name(calendar::weekday(d)) + "）";
}

ReportSection ticket_figures(const store::TicketCounts& c) {
  return {"12345热线工单",
          "本周受理的工单。重复投诉：同一申请人就同一主题在 30 日内再次投诉；直接答复率：已答复工单中当场答复、直接答复的比例",
          {"工单数", "投诉", "重复投诉", "重复投诉率", "已答复", "直接答复", "直接答复率", "超期"},
          {{std::to_string(c.received), std::to_string(c.complaints), std::to_string(c.repeat_complaints),
            percent(c.repeat_complaints, c.complaints), std::to_string(c.answered), std::to_string(c.direct_answers),
            percent(c.direct_answers, c.answered), std::to_string(c.overdue)}}};
}

}  // namespace

std::vector<ReportSection> bulletin_sections(store::Tx& tx, const std::string& region_prefix, calendar::Date monday,
                                             calendar::Instant as_of, const catalog::Catalog* catalog) {
  const std::string from = calendar::format_instant(calendar::cst_instant(monday, 0));
  const std::string to = calendar::format_instant(calendar::cst_instant(monday + 7, 0));
  const std::string at = calendar::format_instant(as_of);
  std::vector<ReportSection> out;
  out.push_back(ticket_figures(store::hotline::counts(tx, region_prefix, from, to, at)));

  ReportSection late{"12345超期工单", "本周到期而未按时答复的工单", {"热线工单编号", "类别", "诉求主题", "涉及", "到期时间", "处理情况"}, {}};
  for (const auto& t : store::hotline::list(tx, {region_prefix, std::nullopt, "overdue", 500}, at))
    if (t.due_at >= from && t.due_at < to)  // the same ISO +08:00 form: text order is time order
      late.rows.push_back({t.hotline_id, ticket_kind_label(t.kind), t.subject,
                           place_label(catalog, t.hall_code, t.window_code, t.department_code),
                           calendar::chinese_time(t.due_at), ticket_clock_state(t, as_of).second});
  out.push_back(std::move(late));

  const RegionNames regions = catalog ? region_names_of(*catalog) : RegionNames{};
  for (const auto& kind : kInspectionKinds) {
    const Cycle c = cycle_in_week(kind, monday);
    ReportSection s{kind.name,
                    std::string("每") + weekday_name(kind.weekday) + "开展，统计周期 " + day_label(c.first) + "至" +
                        day_label(c.last),
                    {"检查日期", "区县", "检查对象", "发现问题", "整改要求", "记录人"},
                    {}};
    for (const auto& f : store::inspections::list(tx, region_prefix, kind.code, calendar::format_date(c.first),
                                                  calendar::format_date(c.last))) {
      const std::string region = region_name(regions, f.region_code);
      s.rows.push_back({calendar::chinese_time(f.inspected_on), region.empty() ? "区划" + f.region_code : region,
                        place_label(catalog, f.hall_code, f.window_code, f.department_code), f.finding,
                        f.rectification.empty() ? "—" : f.rectification, f.recorded_by});
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace ow::supervision
