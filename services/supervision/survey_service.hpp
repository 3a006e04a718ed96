// Callbacks and surveys (回访与抽样调查, issue 18), for the region's surveyors (role surveyor) and supervisors:
//   - the sampling frame (抽样框) of a month: every application that ended in it, one row each, with its
//     contact unmasked (each export is recorded in the personal-data access log), frame-quality checks and
//     totals; corrections of a row's contact, sealed, with who and why; the frame read again uses them;
//   - the weekly callback draw: a stratified (district × bundle) random sample with a recorded seed, the
//     caller's list and each call's answer (a dissatisfied answer opens the 整改 follow-up);
//   - survey estimates of 实现率 and 满意率 with 95 % intervals, beside the counted figures, and the monthly
//     ranking of districts (workflow/survey has the formulas);
//   - the week's 回访情况 report (weekly filing with the 审管办), CSV and HTML.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "services/catalog/catalog_service.hpp"
#include "services/platform/actor.hpp"
#include "services/store/pg_pool.hpp"
#include "services/supervision/repeated_post.hpp"
#include "workflow/calendar/clock.hpp"
#include "workflow/calendar/working_time.hpp"

namespace ow::store {
struct FrameRow;
}

namespace ow::supervision {

struct Reader {  // who reads personal data, for the access log
  std::string route, request_id;
};

class SurveyService {
 public:
  SurveyService(store::PgPool& pool, catalog_service::CatalogService& catalog, const calendar::WorkingTime& time,
                std::function<calendar::Instant()> now)
      : pool_(pool), catalog_(catalog), math_(time), now_(std::move(now)) {}

  // month "2026-11"; region within the actor's scope (or none: the actor's own).
  boost::json::object frame(const platform::Actor& a, const std::string& month,
                            const std::optional<std::string>& region, const Reader& reader);
  std::string frame_csv(const platform::Actor& a, const std::string& month, const std::optional<std::string>& region,
                        const Reader& reader);
  // {case_number, contact_name?, contact_phone?, reason} → the corrected row (201).
  boost::json::object correct(const platform::Actor& a, const boost::json::object& body, const Reader& reader,
                              std::optional<RepeatedPost>* repeat = nullptr);

  // {week, sample_size, minimum_per_stratum?, seed?, region?, caller?} → the draw with its entries (201).
  boost::json::object draw(const platform::Actor& a, const boost::json::object& body,
                           std::optional<RepeatedPost>* repeat = nullptr);
  boost::json::object draws(const platform::Actor& a, const std::optional<std::string>& week,
                            const std::optional<std::string>& region);
  boost::json::object draw_view(const platform::Actor& a, std::int64_t id);
  // The surveyor's own call list with contacts (recorded as personal-data reads).
  boost::json::object calls_of(const platform::Actor& a, bool open_only, const Reader& reader);
  // {outcome: reached|not_reached|refused, trips, satisfaction, comment, problems} → the entry (201).
  boost::json::object record_call(const platform::Actor& a, std::int64_t entry_id, const boost::json::object& body,
                                  std::optional<RepeatedPost>* repeat = nullptr);

  boost::json::object estimates(const platform::Actor& a, const std::string& month,
                                const std::optional<std::string>& region);
  // format csv or html.
  std::string weekly_filing(const platform::Actor& a, const std::string& week, const std::optional<std::string>& region,
                            const std::string& format);

 private:
  boost::json::array frame_rows(const platform::Actor& a, const std::string& scope, const std::string& month,
                                const Reader& reader, boost::json::object& totals);
  store::PgPool& pool_;
  catalog_service::CatalogService& catalog_;
  calendar::ClockMath math_;
  std::function<calendar::Instant()> now_;
};

// 待拨打, 未接通待重拨, 已回访, 拒访, 三次未接通.
const char* entry_status_label(const std::string& status);
// 满意, 基本满意, 不满意.
const char* satisfaction_label(const std::string& code);
// 接通, 未接通, 拒访.
const char* outcome_label(const std::string& code);

// The contact to call for a frame row: the newest correction, else a person's own name (an enterprise's agent
// when one came, else its name) and the phone given at intake.
std::pair<std::string, std::string> contact_of(const store::FrameRow& row);

// The actor's scope, or the requested region when it lies within it (403 otherwise).
std::string survey_scope(const platform::Actor& a, const std::optional<std::string>& region);
// "2026-11" → [first day, first day of the next month); 400 (field month) otherwise.
std::pair<calendar::Date, calendar::Date> parse_month(const std::string& month);

}  // namespace ow::supervision
