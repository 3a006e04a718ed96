// The weekly report (每周通报): for an ISO week and a region, per district and per department — accepted,
// concluded, on-time rate, 实现率, 满意率 — the cases that missed their committed limit, and the bad ratings
// with the state of their follow-up, then the 12345 tickets and the inspections on their own cycles
// (bulletin_sections.hpp); as CSV (UTF-8 with BOM, for spreadsheet software) or printable HTML.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "services/catalog/catalog_service.hpp"
#include "services/store/pg_pool.hpp"
#include "workflow/calendar/instant.hpp"

namespace ow::supervision {

struct Week {
  calendar::Date monday;  // the week is [monday, monday + 7)
  std::string label;      // 2026-W47
};
// "2026-W47" → its Monday; throws std::invalid_argument for anything else.
Week parse_iso_week(const std::string& text);
// 2026年第23周; 2026年6月1日至6月7日.
std::string week_title(const Week& week);
std::string week_days(const Week& week);

// The catalog's names for the codes a report lists (a code not found is written as it is).
struct ReportNames {
  std::map<std::string, std::string> departments, bundles, regions;
  std::shared_ptr<const catalog_service::LoadedCatalog> loaded;  // halls and windows by name (none: codes)
};

// The current catalog's names (none before the first catalog load).
ReportNames report_names(catalog_service::CatalogService& catalog);

// format: "csv" or "html". Reads with the given clock for "still open" (the week's end when it has passed).
// People read it: districts, departments, bundles and states by name, instants as 2026年6月3日 17:30. Read from
// a replica, it says so and how many seconds behind the primary it may be.
std::string weekly_report(store::PgPool& pool, const std::string& region_prefix, const Week& week,
                          const std::string& format, calendar::Instant now, const ReportNames& names = {});

}  // namespace ow::supervision
