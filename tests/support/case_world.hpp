// An in-process platform for integration tests: a fresh migrated database (real PostgreSQL from the test
// environment), the demo catalog, the embedded calendar, the intake and back-office services on a clock the
// test sets (`now`), and a clerk at XH01/W01.
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "adapters/elicense/elicense_lookup.hpp"
#include "services/acceptance/intake_service.hpp"
#include "services/backoffice/backoffice_service.hpp"
#include "services/catalog/catalog_service.hpp"
#include "services/platform/actor.hpp"
#include "services/store/pg_pool.hpp"
#include "workflow/calendar/working_time.hpp"

namespace ow::testing {

struct CaseWorld {
  // `database_prefix` names the test's database (the process id is appended); the clock starts at `start`.
  CaseWorld(const std::string& database_prefix, calendar::Instant start);

  std::string url;
  store::PgPool pool;
  catalog_service::CatalogService catalog;
  calendar::WorkingTime time;
  adapters::DemoELicenseRegistry elicenses;
  std::atomic<calendar::Instant> now;
  std::function<calendar::Instant()> clock = [this] { return now.load(); };
  acceptance::IntakeService intake;
  backoffice::BackofficeService backoffice;
  platform::Actor clerk;
};

}  // namespace ow::testing
