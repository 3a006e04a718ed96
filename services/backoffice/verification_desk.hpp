// 告知承诺核查: the approver holding a 核查 task gives the verdict — the commitment was true (the task closes) or
// false (the case's result is revoked, 已撤销, and a dishonesty entry is recorded with the credit service).
// POST /api/v1/tasks/{id}/verification {"outcome": "confirmed" | "false", "reason"}. The credit entry is a
// network call made after the case's transaction has committed; when the credit service does not answer, the
// answer says so (credit_entry.recorded false) and the same request again records it (the case is not changed
// twice).
#pragma once

#include <boost/json/object.hpp>
#include <functional>

#include "adapters/credit/credit_lookup.hpp"
#include "services/casework/case_runner.hpp"
#include "services/casework/pg_case_repository.hpp"
#include "services/catalog/catalog_service.hpp"
#include "services/platform/actor.hpp"
#include "services/store/pg_pool.hpp"
#include "workflow/calendar/clock.hpp"

namespace ow::backoffice {

class VerificationDesk {
 public:
  VerificationDesk(store::PgPool& pool, catalog_service::CatalogService& catalog, const calendar::WorkingTime& time,
                   std::function<calendar::Instant()> now, const adapters::CreditLookup& credit)
      : math_(time),
        now_(std::move(now)),
        credit_(credit),
        cases_(pool, math_),
        runner_(
            cases_, [&catalog](int v) { return catalog.version(v); }, catalog.minutes_per_day(), math_) {}
  VerificationDesk(const VerificationDesk&) = delete;
  VerificationDesk& operator=(const VerificationDesk&) = delete;

  // {number, step, state, case_state, outcome, credit_entry: {recorded} (false only)}.
  boost::json::object verify(const platform::Actor& approver, std::int64_t task_id, const boost::json::object& body);

 private:
  calendar::ClockMath math_;
  std::function<calendar::Instant()> now_;
  const adapters::CreditLookup& credit_;
  casework::PgCaseRepository cases_;
  casework::CaseRunner runner_;
};

// Who a dishonesty entry names: the person, the enterprise, or for an establishment (no credit code yet) its
// agent; from the applicant as stored.
std::string credit_holder(const boost::json::object& applicant);

}  // namespace ow::backoffice
