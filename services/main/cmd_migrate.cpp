// `onewindow migrate`: applies pending sql/ migrations, or with --status lists applied and pending ones.
#include <iostream>

#include "services/main/args.hpp"
#include "services/main/commands.hpp"
#include "services/platform/config.hpp"
#include "services/store/migrator.hpp"

namespace ow::cli {

int migrate(const std::vector<std::string>& words, const std::string& config_path) {
  Args a(words, {}, {"status"});
  if (!a.positional().empty()) throw UsageError("unexpected argument '" + a.positional()[0] + "'");
  const auto config = platform::Config::load(config_path);
  store::Migrator migrator(config.text("db.url"), store::read_migrations(config.path("migrations.dir")));
  try {
    if (a.flag("status")) {
      auto s = migrator.status();
      for (const auto& f : s.applied) std::cout << "applied  " << f.name << "\n";
      for (const auto& f : s.pending) std::cout << "pending  " << f.name << "\n";
      return kOk;
    }
    auto applied = migrator.migrate();
    for (const auto& f : applied) std::cout << "applied " << f.name << "\n";
    if (applied.empty()) std::cout << "schema is up to date\n";
    return kOk;
  } catch (const store::MigrationError& e) {
    std::cerr << "onewindow migrate: refused: " << e.what() << "\n";
    return kFailure;
  }
}

}  // namespace ow::cli
