// `onewindow report weekly --week 2026-W47 [--region 330106] [--format csv|html]`: the weekly report on stdout.
#include <iostream>

#include "services/main/args.hpp"
#include "services/main/commands.hpp"
#include "services/platform/config.hpp"
#include "services/store/statements.hpp"
#include "services/supervision/weekly_report.hpp"
#include "workflow/calendar/office_hours.hpp"

namespace ow::cli {

int report(const std::vector<std::string>& words, const std::string& config_path) {
  Args a(words, {"week", "region", "format"}, {});
  if (a.positional().size() != 1 || a.positional()[0] != "weekly" || !a.get("week"))
    throw UsageError("usage: onewindow report weekly --week YYYY-Www [--region CODE] [--format csv|html]");
  supervision::Week week;
  try {
    week = supervision::parse_iso_week(*a.get("week"));
  } catch (const std::exception& e) {
    throw UsageError(std::string("--week: ") + e.what());
  }
  const std::string format = a.get("format").value_or("csv");
  if (format != "csv" && format != "html") throw UsageError("--format is csv or html");
  std::string region = a.get("region").value_or("");
  while (region.size() >= 2 && region.ends_with("00")) region.resize(region.size() - 2);
  const auto config = platform::Config::load(config_path);
  use_personal_data_keys(config);
  store::PgPool pool(config.text("db.url"), 1, std::chrono::milliseconds(5000), store::all_statements());
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const auto hours = calendar::OfficeHours::parse(config.text("calendar.office_hours"));
  catalog_service::CatalogService catalog(pool, config.path("catalog.dir"), hours.seconds_per_day() / 60);
  std::cout << supervision::weekly_report(pool, region, week, format, now, supervision::report_names(catalog));
  return kOk;
}

}  // namespace ow::cli
