// `onewindow catalog load [--dry-run]`: lints config/catalog and, when something changed, stores it as a new
// catalog version (running cases keep theirs). A catalog that fails lint is never loaded.
// `onewindow catalog lint [--dir DIR]`: only the lint, without the database: errors fail (status 2), bundles
// without provenance or without a published limit are listed as the hall's own choices (status 0).
#include <iostream>

#include "adapters/catalog/catalog_yaml.hpp"
#include "services/catalog/catalog_service.hpp"
#include "services/main/args.hpp"
#include "services/main/commands.hpp"
#include "services/platform/config.hpp"
#include "services/store/statements.hpp"
#include "workflow/calendar/office_hours.hpp"
#include "workflow/catalog/lint.hpp"

namespace ow::cli {
namespace {

int lint_only(const Args& a, const std::string& config_path) {
  std::filesystem::path dir;
  std::int64_t minutes_per_day = 420;
  if (auto d = a.get("dir")) {
    dir = *d;
  } else {
    const auto config = platform::Config::load(config_path);
    dir = config.path("catalog.dir");
    minutes_per_day = calendar::OfficeHours::parse(config.text("calendar.office_hours")).seconds_per_day() / 60;
  }
  catalog::Catalog c;
  try {
    c = catalog::parse_catalog(catalog_service::read_catalog_documents(dir));
  } catch (const std::exception& e) {
    std::cerr << "onewindow catalog: " << e.what() << "\n";
    return kUsage;
  }
  const auto errors = catalog::lint(c, minutes_per_day);
  for (const auto& n : catalog::lint_notices(c)) std::cout << "note: " << n.to_string() << "\n";
  if (!errors.empty()) {
    for (const auto& e : errors) std::cerr << "error: " << e.to_string() << "\n";
    std::cerr << "onewindow catalog: " << errors.size() << " error(s); the catalog would not be loaded\n";
    return kUsage;
  }
  std::cout << "catalog lints clean (" << c.bundles.size() << " bundles)\n";
  return kOk;
}

}  // namespace

int catalog(const std::vector<std::string>& words, const std::string& config_path) {
  Args a(words, {"dir"}, {"dry-run"});
  if (a.positional().size() == 1 && a.positional()[0] == "lint") return lint_only(a, config_path);
  if (a.positional().size() != 1 || a.positional()[0] != "load")
    throw UsageError("usage: onewindow catalog load [--dry-run] | onewindow catalog lint [--dir DIR]");
  const auto config = platform::Config::load(config_path);
  const auto hours = calendar::OfficeHours::parse(config.text("calendar.office_hours"));
  store::PgPool pool(config.text("db.url"), 1, std::chrono::milliseconds(5000), store::all_statements());
  catalog_service::CatalogService service(pool, config.path("catalog.dir"), hours.seconds_per_day() / 60);
  const bool dry_run = a.flag("dry-run");
  try {
    auto r = service.load(dry_run, "cli");
    std::cout << "catalog lints clean\n";
    for (const auto& n : r.notes) std::cout << "note: " << n << "\n";
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
