// Loads the working-day calendar the platform uses from the configured directory (every *.csv in it), with the
// holiday files an administrator uploaded since (stored in PostgreSQL) over it, year by year.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "workflow/calendar/work_calendar.hpp"

namespace ow::platform {

// Reads and merges every *.csv in `dir`, then each of `uploads` (holiday files' texts, oldest first): the years an
// upload lists replace those years' rows. Throws std::runtime_error naming the file on a bad one, or when the
// files leave a year in the covered span without rows.
std::unique_ptr<calendar::WorkCalendar> load_calendar(const std::filesystem::path& dir, bool weekday_fallback,
                                                      const std::vector<std::string>& uploads = {});

std::string read_text_file(const std::filesystem::path& file);

}  // namespace ow::platform
