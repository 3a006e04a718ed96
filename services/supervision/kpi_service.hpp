// The reform's measures for supervisors (GET /api/v1/stats) and the applicant's evaluation (好差评) of a
// concluded case through the public lookup. Definitions (also in README):
//   on-time rate   concluded in the period and within the committed (statutory) limit / concluded
//   即办 share     concluded on the day it was accepted / concluded
//   online share   accepted through channel online / accepted
//   一证通办       accepted with nothing on paper but the ID card (every other material electronic or an
//                  e-license) / accepted
//   实现率         concluded with at most one visit to a window / concluded
//   满意率         ratings 基本满意 (3) or better / ratings given in the period
//   精简率         1 − (materials a bundle asks) / (sum of its items' baseline_materials), averaged
//   一证通办事项   personal items (of person bundles) marked one_card / personal items, from the catalog
// Bad ratings open a follow-up whose two clocks the timekeeper checks (followup_overdue alerts).
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>

#include "services/catalog/catalog_service.hpp"
#include "services/platform/actor.hpp"
#include "services/store/pg_pool.hpp"
#include "services/supervision/weekly_report.hpp"
#include "workflow/calendar/clock.hpp"

namespace ow::supervision {

struct StatsQuery {
  std::optional<std::string> region, department, from, to;  // from/to: YYYY-MM-DD (CST), to exclusive
};

class KpiService {
 public:
  // reports: where the read-only figures are read (setting db.reports_url: a replica; else the primary's pool).
  KpiService(store::PgPool& pool, catalog_service::CatalogService& catalog, const calendar::WorkingTime& time,
             std::function<calendar::Instant()> now, store::PgPool* reports = nullptr)
      : pool_(pool), reports_(reports ? *reports : pool), catalog_(catalog), math_(time), now_(std::move(now)) {}

  boost::json::object stats(const platform::Actor& supervisor, const StatsQuery& q);
  // The current catalog's department and bundle names, for the weekly report.
  ReportNames report_names() const;
  // The pool the read-only reports read (the weekly report too).
  store::PgPool& reports() { return reports_; }
  // 201 with the rating; a second call revises it once (200); later ones 409. Only concluded cases. A rating
  // of 1 or 2 opens the case's follow-up: callback within 1 working day, rectification within 15 days.
  // The caller has checked the applicant's query code (casework::PublicGate).
  std::pair<unsigned, boost::json::object> evaluate(const std::string& number, const boost::json::object& body);

  // Follow-ups of bad ratings: the open ones (or all) in the supervisor's scope; recording the callback (回访)
  // or the rectification report (整改) stops that clock and resolves its alerts.
  boost::json::object followups(const platform::Actor& supervisor, bool open_only);
  boost::json::object close_followup(const platform::Actor& supervisor, const std::string& number,
                                     const std::string& part, const std::string& text);

 private:
  store::PgPool& pool_;
  store::PgPool& reports_;
  catalog_service::CatalogService& catalog_;
  calendar::ClockMath math_;
  std::function<calendar::Instant()> now_;
};

}  // namespace ow::supervision
