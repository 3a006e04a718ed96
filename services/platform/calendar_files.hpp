// Loads the working-day calendar the platform uses from the configured directory (every *.csv in it).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "workflow/calendar/work_calendar.hpp"

namespace ow::platform {

// Reads and merges every *.csv in `dir`; throws std::runtime_error naming the file on a bad one, or when
// the files leave a year in the covered span without rows.
std::unique_ptr<calendar::WorkCalendar> load_calendar(const std::filesystem::path& dir, bool weekday_fallback);

std::string read_text_file(const std::filesystem::path& file);

}  // namespace ow::platform
