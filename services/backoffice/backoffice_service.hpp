// The approver's back-office (后台审批): the department's inbox, claim / release / transfer, the task view,
// and decisions (approve with what the step produced, reject, request supplement, special procedures,
// extension). Every change follows DESIGN.md's rule: the case row locked FOR UPDATE, the flow decides, the
// decision written in the same transaction. Tasks of other departments or regions are invisible (404).
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>

#include "services/catalog/catalog_service.hpp"
#include "services/platform/actor.hpp"
#include "services/store/pg_pool.hpp"
#include "workflow/calendar/clock.hpp"

namespace ow::backoffice {

struct InboxQuery {
  std::optional<std::string> state, due_before, bundle;
};

class BackofficeService {
 public:
  BackofficeService(store::PgPool& pool, catalog_service::CatalogService& catalog, const calendar::WorkingTime& time,
                    std::function<calendar::Instant()> now, int extension_allowance_days = 10)
      : pool_(pool), catalog_(catalog), math_(time), now_(std::move(now)), allowance_(extension_allowance_days) {}

  boost::json::object inbox(const platform::Actor& approver, const InboxQuery& q);
  boost::json::object task(const platform::Actor& approver, std::int64_t task_id);
  boost::json::object claim(const platform::Actor& approver, std::int64_t task_id);
  boost::json::object release(const platform::Actor& approver, std::int64_t task_id);
  boost::json::object transfer(const platform::Actor& approver, std::int64_t task_id, const std::string& colleague_login);
  boost::json::object decide(const platform::Actor& approver, std::int64_t task_id, const boost::json::object& body);
  // A supervisor sends a DispatchFailed task to its department again (a new outbox row; the dispatcher
  // takes it from there). Returns the task's state and the case number.
  boost::json::object redispatch(const platform::Actor& supervisor, std::int64_t task_id, const std::string& reason);

 private:
  store::PgPool& pool_;
  catalog_service::CatalogService& catalog_;
  calendar::ClockMath math_;
  std::function<calendar::Instant()> now_;
  const int allowance_;
};

}  // namespace ow::backoffice
