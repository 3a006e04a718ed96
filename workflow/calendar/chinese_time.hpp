// Instants and dates as people read them on screens, paper and in reports: 2026年6月3日 17:30, not
// 2026-06-03T17:30:00+08:00. One rule for documents, the public page's messages and the supervision side.
#pragma once

#include <string>
#include <string_view>

namespace ow::calendar {

// "2026-06-03T17:30:00+08:00" (or "2026-06-03 17:30…", already in China Standard Time) → "2026年6月3日 17:30";
// "2026-06-01" → "2026年6月1日"; anything else is returned as it is.
std::string chinese_time(std::string_view iso);

}  // namespace ow::calendar
