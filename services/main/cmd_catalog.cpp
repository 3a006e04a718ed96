// `onewindow catalog load [--dry-run]`: lints config/catalog and, when something changed, stores it as a new
// catalog version (running cases keep theirs). A catalog that fails lint is never loaded.
#include <iostream>

#include "services/catalog/catalog_service.hpp"
#include "services/main/args.hpp"
#include "services/main/commands.hpp"
#include "services/platform/config.hpp"
#include "services/store/statements.hpp"
#include "workflow/calendar/office_hours.hpp"

namespace ow::cli {

int catalog(const std::vector<std::string>& words, const std::string& config_path) {
  Args a(words, {}, {"dry-run"});
  if (a.positional().size() != 1 || a.positional()[0] != "load")
    throw UsageError("usage: onewindow catalog load [--dry-run]");
  const auto config = platform::Config::load(config_path);
  const auto hours = calendar::OfficeHours::parse(config.text("calendar.office_hours"));
  store::PgPool pool(config.text("db.url"), 1, std::chrono::milliseconds(5000), store::all_statements());
  catalog_service::CatalogService service(pool, config.path("catalog.dir"), hours.seconds_per_day() / 60);
  const bool dry_run = a.flag("dry-run");
  try {
    auto r = service.load(dry_run, "cli");
    std::cout << "catalog lints clean\n";
    for (const auto& c : r.changes) std::cout << "  " << c << "\n";
    if (!r.changed)
      std::cout << "no changes; version " << r.version << " stays in force\n";
    else if (dry_run)
      std::cout << r.changes.size() << " change(s) would make a new version (dry run: nothing written)\n";
    else
      std::cout << "loaded as version " << r.version << "\n";
    return kOk;
  } catch (const catalog_service::CatalogRejected& e) {
    std::cerr << "onewindow catalog: " << e.what() << "\n";
    return kUsage;
  }
}

}  // namespace ow::cli
