// The shared in-process world of the integration tests.
#include "tests/support/case_world.hpp"

#include <unistd.h>

#include "services/store/statements.hpp"
#include "tests/support/embedded_calendar.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/test_env.hpp"

namespace ow::testing {

using namespace std::chrono_literals;

CaseWorld::CaseWorld(const std::string& database_prefix, calendar::Instant start)
    : url(migrated_database(database_prefix + "_" + std::to_string(::getpid()))),
      pool(url, 6, 5000ms, store::all_statements()),
      catalog(pool, source_dir() + "/config/catalog", 420),
      time(embedded_calendar(), calendar::OfficeHours()),
      now(start),
      intake(pool, catalog, time, elicenses, clock),
      backoffice(pool, catalog, time, clock) {
  catalog.load(false, "test");
  clerk = staff(pool, "clerk", platform::Role::clerk);
}

}  // namespace ow::testing
