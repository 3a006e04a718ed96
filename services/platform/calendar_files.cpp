// Reading holiday files from disk into a WorkCalendar.
#include "services/platform/calendar_files.hpp"

#include <algorithm>
#include <fstream>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>

#include "services/platform/log.hpp"

namespace ow::platform {

std::string read_text_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::unique_ptr<calendar::WorkCalendar> load_calendar(const std::filesystem::path& dir, bool weekday_fallback) {
  if (!std::filesystem::is_directory(dir)) throw std::runtime_error("calendar directory not found: " + dir.string());
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".csv") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) throw std::runtime_error("no *.csv holiday files in " + dir.string());
  std::vector<calendar::CalendarEntry> entries;
  std::set<int> years;
  for (const auto& f : files) {
    try {
      for (auto& e : calendar::parse_calendar_csv(read_text_file(f))) {
        years.insert(calendar::year_of(e.date));
        entries.push_back(std::move(e));
      }
    } catch (const calendar::ParseError& e) {
      throw std::runtime_error(f.string() + ": " + e.what());
    }
  }
  for (int y = *years.begin(); y <= *years.rbegin(); ++y)
    if (!years.contains(y))
      throw std::runtime_error("the holiday files in " + dir.string() + " have no rows for " + std::to_string(y));
  calendar::CalendarOptions options;
  options.weekday_fallback = weekday_fallback;
  // Logged once per date and process: the fallback is used on every clock read that reaches those dates.
  auto warned = std::make_shared<std::pair<std::mutex, std::set<calendar::Date>>>();
  options.on_fallback = [warned](calendar::Date d) {
    {
      std::lock_guard lock(warned->first);
      if (!warned->second.insert(d).second) return;
    }
    log(LogLevel::warn,
        "calendar: weekday-only fallback used for a date outside the loaded years (logged once per date)",
        {{"date", calendar::format_date(d)}});
  };
  try {
    return std::make_unique<calendar::WorkCalendar>(std::move(entries), std::move(options));
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(dir.string() + ": " + e.what());
  }
}

}  // namespace ow::platform
