// Checking, storing and adopting an uploaded holiday file, and recomputing the open clocks after it.
#include "services/admin/calendar_admin.hpp"

#include <boost/json.hpp>
#include <set>

#include "services/platform/calendar_files.hpp"
#include "services/platform/log.hpp"
#include "services/platform/problem.hpp"
#include "services/store/admin_store.hpp"
#include "services/store/case_store.hpp"
#include "services/store/idempotency_store.hpp"
#include "services/store/errors.hpp"

namespace ow::admin {
namespace {

std::vector<std::string> contents(const std::vector<store::CalendarUploadRow>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.content);
  return out;
}

}  // namespace

std::unique_ptr<calendar::WorkCalendar> CalendarAdmin::merged(const std::vector<std::string>& uploads) const {
  return platform::load_calendar(dir_, fallback_, uploads);
}

CalendarCheck CalendarAdmin::check(const std::string& text) {
  CalendarCheck c;
  c.issues = calendar::check_calendar_csv(text);
  if (!c.issues.empty()) return c;
  std::set<int> years;
  for (const auto& e : calendar::parse_calendar_csv(text)) years.insert(calendar::year_of(e.date));
  c.years.assign(years.begin(), years.end());
  if (c.years.front() < live_.first_year()) {
    c.issues.push_back({0, "the calendar in use starts in " + std::to_string(live_.first_year()),
                        "正在使用的日历从" + std::to_string(live_.first_year()) + "年开始，不能加入更早的年份"});
    return c;
  }
  if (c.years.front() > live_.last_year() + 1) {
    c.issues.push_back({0, "year " + std::to_string(live_.last_year() + 1) + " would be missing",
                        "缺少" + std::to_string(live_.last_year() + 1) + "年：新文件须紧接已加载的年份"});
    return c;
  }
  auto uploads = contents(pool_.transact([](store::Tx& tx) { return store::calendar_uploads::all(tx); }));
  uploads.push_back(text);
  try {
    merged(uploads);
  } catch (const std::exception& e) {
    c.issues.push_back({0, e.what(), "与正在使用的日历合并失败"});
  }
  return c;
}

CalendarLoaded CalendarAdmin::load(const std::string& text, const std::string& actor,
                                   const std::optional<Once>& once) {
  if (once) {
    auto seen = pool_.transact([&](store::Tx& tx) {
      return store::idempotency::find_same(tx, once->actor, once->key, once->body_hash);
    });
    if (seen) {
      const auto first = boost::json::parse(seen->response).as_object();
      CalendarLoaded again;
      again.upload = first.at("upload").as_int64();
      for (const auto& y : first.at("years").as_array()) again.years.push_back(static_cast<int>(y.as_int64()));
      again.first_year = live_.first_year();
      again.last_year = live_.last_year();
      again.replayed = true;
      return again;
    }
  }
  auto c = check(text);
  if (!c.issues.empty()) {
    boost::json::array issues;
    for (const auto& i : c.issues)
      issues.push_back(boost::json::object{{"line", i.line}, {"message", i.chinese}, {"detail", i.message}});
    throw platform::Problem(422, "calendar_rejected", "工作日历文件检查未通过，未加载",
                            std::to_string(c.issues.size()) + " issue(s) found by the calendar check",
                            boost::json::object{{"field", "content"}, {"issues", issues}});
  }
  CalendarLoaded out;
  out.years = c.years;
  boost::json::array years(c.years.begin(), c.years.end());
  out.upload = pool_.transact([&](store::Tx& tx) {
    const auto id = store::calendar_uploads::add(tx, c.years, text, actor);
    const std::string answer = boost::json::serialize(boost::json::object{{"upload", id}, {"years", years}});
    store::admin_audit::record(tx, actor, "calendar_loaded", "calendar", answer);
    if (once) {
      if (store::idempotency::find_same(tx, once->actor, once->key, once->body_hash))
        throw store::ConcurrentWrite("the same upload is being loaded");  // 409, retry: replayed then
      store::idempotency::put(tx, once->actor, once->key, once->body_hash, 201, answer);
    }
    return id;
  });
  refresh();
  out.first_year = live_.first_year();
  out.last_year = live_.last_year();
  out.recomputed = recompute_();
  platform::log(platform::LogLevel::info, "calendar loaded through the API",
                {{"years", std::to_string(out.first_year) + "-" + std::to_string(out.last_year)},
                 {"cases_moved", std::to_string(out.recomputed.moved)}});
  return out;
}

bool CalendarAdmin::refresh() {
  std::lock_guard lock(mutex_);
  const auto latest = pool_.transact([](store::Tx& tx) { return store::calendar_uploads::latest_id(tx); });
  if (latest == adopted_) return false;
  const auto rows = pool_.transact([](store::Tx& tx) { return store::calendar_uploads::all(tx); });
  live_.adopt(*merged(contents(rows)));
  adopted_ = latest;
  return true;
}

}  // namespace ow::admin
