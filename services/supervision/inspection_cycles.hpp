// The inspections the city's plan lists, each on its own weekly cycle (pure: dates in, dates out). A kind is
// held on one weekday and covers the seven days before it: 大厅巡查 on Thursdays covers Thursday–Wednesday,
// 区县自查 on Fridays Friday–Thursday, 办事指南一致性检查 on Wednesdays Wednesday–Tuesday. The weekly
// bulletin of an ISO week reports, for each kind, the cycle that ends the day before that week's inspection day.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "workflow/calendar/instant.hpp"

namespace ow::supervision {

struct InspectionKind {
  const char* code;
  const char* name;
  int weekday;  // 0 = Monday … 6 = Sunday: the day it is held
};

inline constexpr std::array<InspectionKind, 3> kInspectionKinds = {{
    {"hall_patrol", "大厅巡查", 3},
    {"district_self_check", "区县自查", 4},
    {"guide_consistency", "办事指南一致性检查", 2},
}};

// The kind of a code or a Chinese name; nullopt for anything else.
std::optional<InspectionKind> inspection_kind(const std::string& code_or_name);

struct Cycle {
  calendar::Date held;         // the inspection day in the week
  calendar::Date first, last;  // the days it covers, inclusive
};

// The cycle of `kind` reported in the ISO week starting `monday`.
Cycle cycle_in_week(const InspectionKind& kind, calendar::Date monday);

// 周一 … 周日
const char* weekday_name(int weekday);

}  // namespace ow::supervision
