// A new year's holiday file loaded while the platform runs: checked as `onewindow calendar check` checks it, merged
// with the calendar in use (the files of calendar.dir and earlier uploads; its years replace theirs), stored in
// PostgreSQL, adopted by this instance at once and by every other within `refresh`'s period, and then every open
// case's clocks recomputed as `onewindow calendar recompute` does. Blocks on the database: call from worker threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "services/admin/account_admin.hpp"
#include "services/store/pg_pool.hpp"
#include "workflow/calendar/calendar_data.hpp"
#include "workflow/calendar/work_calendar.hpp"

namespace ow::admin {

struct CalendarCheck {
  std::vector<calendar::CalendarIssue> issues;  // empty: the file may be loaded
  std::vector<int> years;                       // the years the file lists
};

struct Recomputed {
  int cases = 0, moved = 0;
};

struct CalendarLoaded {
  std::int64_t upload = 0;
  std::vector<int> years;
  int first_year = 0, last_year = 0;
  Recomputed recomputed;
  bool replayed = false;  // the same upload sent again with its Idempotency-Key: nothing done a second time
};

class CalendarAdmin {
 public:
  // `live` is the calendar every clock of this process reads; `recompute` recomputes the open cases' clocks with it.
  CalendarAdmin(store::PgPool& pool, std::filesystem::path dir, bool weekday_fallback, calendar::WorkCalendar& live,
                std::function<Recomputed()> recompute)
      : pool_(pool), dir_(std::move(dir)), fallback_(weekday_fallback), live_(live), recompute_(std::move(recompute)) {}

  // The file's own check, then whether it fits the calendar in use (no year missing between, nothing before its
  // first year). Changes nothing.
  CalendarCheck check(const std::string& text);
  // Checks, stores, adopts and recomputes; platform::Problem 422 calendar_rejected (with the issues) when the check
  // finds anything.
  CalendarLoaded load(const std::string& text, const std::string& actor, const std::optional<Once>& once = {});
  // Adopts uploads made through another instance; true when the calendar changed. Called at start and periodically.
  bool refresh();
  int first_year() const { return live_.first_year(); }
  int last_year() const { return live_.last_year(); }

 private:
  std::unique_ptr<calendar::WorkCalendar> merged(const std::vector<std::string>& uploads) const;
  store::PgPool& pool_;
  const std::filesystem::path dir_;
  const bool fallback_;
  calendar::WorkCalendar& live_;
  std::function<Recomputed()> recompute_;
  std::mutex mutex_;
  std::int64_t adopted_ = 0;  // the newest upload this instance has adopted
};

}  // namespace ow::admin
