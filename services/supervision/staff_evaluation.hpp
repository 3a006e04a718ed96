// The quarterly window staff evaluation (窗口人员季度考评; the hall appraises the staff the departments station
// there): per window and per clerk — cases accepted, on-time share of those concluded, counted 实现率 (the
// KPI's rule: applications ended within one visit), ratings (count, 满意率, average score), 12345 complaints
// linked to the window or to the clerk's cases, follow-ups of bad ratings opened and done — by name, as JSON, CSV
// (UTF-8 with BOM) or printable HTML. The surveyed 实现率 column stays "—" until callbacks provide it.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "services/store/pg_pool.hpp"
#include "services/store/staff_evaluation_store.hpp"
#include "workflow/calendar/instant.hpp"
#include "workflow/catalog/model.hpp"

namespace ow::supervision {

struct Quarter {
  calendar::Date first = 0, end = 0;  // [first, end)
  std::string label;                  // 2026-Q4
};
// "2026-Q4" → 1 October 2026 to 1 January 2027; throws std::invalid_argument for anything else.
Quarter parse_quarter(const std::string& text);

struct StaffLine {
  std::string hall_name, window_name, clerk_name;  // clerk_name empty on a window's line
  store::StaffFigures f;                           // summed over the line's rows
  std::int64_t complaints = 0;
};

struct StaffEvaluation {
  Quarter quarter;
  std::vector<StaffLine> windows, clerks;
};

StaffEvaluation staff_evaluation(store::PgPool& pool, const std::string& region_prefix, const Quarter& quarter,
                                 const catalog::Catalog* catalog);
boost::json::object staff_evaluation_json(const StaffEvaluation& e);
// format: csv or html.
std::string staff_evaluation_text(const StaffEvaluation& e, const std::string& format);

}  // namespace ow::supervision
