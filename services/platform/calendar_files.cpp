// Reading holiday files from disk into a WorkCalendar.
#include "services/platform/calendar_files.hpp"

#include <algorithm>
#include <fstream>
#include <map>
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

std::unique_ptr<calendar::WorkCalendar> load_calendar(const std::filesystem::path& dir, bool weekday_fallback,
                                                      const std::vector<std::string>& uploads) {
  if (!std::filesystem::is_directory(dir)) throw std::runtime_error("calendar directory not found: " + dir.string());
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".csv") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) throw std::runtime_error("no *.csv holiday files in " + dir.string());
  std::map<int, std::vector<calendar::CalendarEntry>> by_year;
  for (const auto& f : files) {
    try {
      for (auto& e : calendar::parse_calendar_csv(read_text_file(f))) by_year[calendar::year_of(e.date)].push_back(e);
    } catch (const calendar::ParseError& e) {
      throw std::runtime_error(f.string() + ": " + e.what());
    }
  }
  for (std::size_t i = 0; i < uploads.size(); ++i) {
    std::map<int, std::vector<calendar::CalendarEntry>> uploaded;
    try {
      for (auto& e : calendar::parse_calendar_csv(uploads[i])) uploaded[calendar::year_of(e.date)].push_back(e);
    } catch (const calendar::ParseError& e) {
      throw std::runtime_error("uploaded holiday file " + std::to_string(i + 1) + ": " + e.what());
    }
    for (auto& [year, rows] : uploaded) by_year[year] = std::move(rows);
  }
  std::vector<calendar::CalendarEntry> entries;
  for (auto& [year, rows] : by_year) entries.insert(entries.end(), rows.begin(), rows.end());
  for (int y = by_year.begin()->first; y <= by_year.rbegin()->first; ++y)
    if (!by_year.contains(y))
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
