// Inspection cycles.
#include "services/supervision/inspection_cycles.hpp"

namespace ow::supervision {

std::optional<InspectionKind> inspection_kind(const std::string& code_or_name) {
  for (const auto& k : kInspectionKinds)
    if (code_or_name == k.code || code_or_name == k.name) return k;
  return std::nullopt;
}

Cycle cycle_in_week(const InspectionKind& kind, calendar::Date monday) {
  const calendar::Date held = monday + kind.weekday;
  return {held, held - 7, held - 1};
}

const char* weekday_name(int weekday) {
  static const char* const names[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
  return weekday >= 0 && weekday < 7 ? names[weekday] : "";
}

}  // namespace ow::supervision
