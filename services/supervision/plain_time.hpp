// Instants as people read them in what the supervision side writes (alert details, the weekly report):
// 2026年6月3日 17:30, not 2026-06-03T17:30:00+08:00.
#pragma once

#include <string>

namespace ow::supervision {

// 2026-06-03T17:30:00+08:00 → 2026年6月3日 17:30; 2026-06-01 → 2026年6月1日; anything else as it is.
std::string plain_time(const std::string& iso);

}  // namespace ow::supervision
