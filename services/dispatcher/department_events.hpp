// Department callbacks (POST /api/v1/departments/{code}/events) and polling (GET …/tasks): the department's
// API key, then the HMAC signature over timestamp and body with the department's secret, the timestamp within
// ±5 minutes; each event id is applied once — a repeat answers the first answer and changes nothing. Events
// map to task events under the one-transaction rule; an event the task's state refuses is a 409.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <map>
#include <string>

#include "adapters/department/department_endpoints.hpp"
#include "services/casework/case_runner.hpp"
#include "services/casework/file_links.hpp"
#include "services/casework/pg_case_repository.hpp"
#include "services/catalog/catalog_service.hpp"
#include "services/dispatcher/event_desk.hpp"
#include "services/platform/actor.hpp"
#include "services/store/pg_pool.hpp"
#include "workflow/calendar/clock.hpp"

namespace ow::dispatcher {

struct SignedRequest {
  std::string department;  // from the path
  std::string timestamp, signature, body;
};

class DepartmentEvents {
 public:
  DepartmentEvents(store::PgPool& pool, catalog_service::CatalogService& catalog, const calendar::WorkingTime& time,
                   std::function<calendar::Instant()> now,
                   std::map<std::string, adapters::DepartmentEndpoint> endpoints)
      : pool_(pool),
        catalog_(catalog),
        math_(time),
        now_(std::move(now)),
        endpoints_(std::move(endpoints)),
        cases_(pool, math_),
        runner_(
            cases_, [&catalog](int v) { return catalog.version(v); }, catalog.minutes_per_day(), math_) {}
  // Its runner and desks refer to its own members: never copied.
  DepartmentEvents(const DepartmentEvents&) = delete;
  DepartmentEvents& operator=(const DepartmentEvents&) = delete;

  // Throws Problem 401 (nothing changes) for a wrong key, unknown department, bad signature or stale timestamp.
  EventAnswer receive(const platform::Actor& caller, const SignedRequest& r);
  boost::json::object tasks(const platform::Actor& caller, const std::string& department, const std::string& state);
  // The polled tasks carry their material links signed by `links` (set before serving; none: no links).
  void sign_links_with(const casework::FileLinkSigner* links) { links_ = links; }

 private:
  void authenticate(const platform::Actor& caller, const SignedRequest& r) const;
  store::PgPool& pool_;
  catalog_service::CatalogService& catalog_;
  calendar::ClockMath math_;
  std::function<calendar::Instant()> now_;
  std::map<std::string, adapters::DepartmentEndpoint> endpoints_;
  casework::PgCaseRepository cases_;
  casework::CaseRunner runner_;
  const casework::FileLinkSigner* links_ = nullptr;
};

}  // namespace ow::dispatcher
