// The window's intake (services/acceptance): turning a checked request into a flow command, and carrying the
// flow's decision out in one PostgreSQL transaction — case number, case and task rows, audit, outbox,
// idempotency record. Reads the current catalog version; blocks on the database (worker threads only).
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>

#include "adapters/elicense/elicense_lookup.hpp"
#include "services/acceptance/intake_request.hpp"
#include "services/acceptance/window_desk.hpp"
#include "services/casework/case_runner.hpp"
#include "services/casework/pg_case_repository.hpp"
#include "services/catalog/catalog_service.hpp"
#include "services/platform/actor.hpp"
#include "services/store/pg_pool.hpp"
#include "workflow/calendar/clock.hpp"

namespace ow::acceptance {

struct ListQuery {
  std::optional<std::string> hall, window, day, state, cursor;
  int limit = 50;
};

class IntakeService {
 public:
  // public_base_url: where applicants reach the platform (the receipt's QR link); empty: a relative link.
  IntakeService(store::PgPool& pool, catalog_service::CatalogService& catalog, const calendar::WorkingTime& time,
                const adapters::ELicenseLookup& elicenses, std::function<calendar::Instant()> now,
                std::string public_base_url = {}, const adapters::CreditLookup* credit = nullptr,
                LicenceDocumentFiles* licence_files = nullptr)
      : pool_(pool),
        catalog_(catalog),
        time_(time),
        math_(time),
        elicenses_(elicenses),
        now_(std::move(now)),
        public_base_url_(std::move(public_base_url)),
        cases_(pool, math_),
        runner_(
            cases_, [&catalog](int v) { return catalog.version(v); }, catalog.minutes_per_day(), math_),
        desk_(runner_, elicenses, credit, licence_files) {}
  // Its runner and desks refer to its own members: never copied.
  IntakeService(const IntakeService&) = delete;
  IntakeService& operator=(const IntakeService&) = delete;

  // POST /api/v1/cases. Same key and body → the stored answer; same key, other body → 422.
  Answer create(const platform::Actor& clerk, const std::string& idempotency_key, const std::string& raw_body,
                const IntakeRequest& request);
  // POST /api/v1/cases/{number}/decision: pre-review of an online case, or a new decision after 补正.
  boost::json::object decide(const platform::Actor& clerk, const std::string& number, const IntakeRequest& request);
  // Staff in scope: the case's view, personal data full or masked by personal_data.hpp's rule (404 outside the
  // actor's scope); unmasked reads are recorded. The list likewise, item by item.
  boost::json::object view(const platform::Actor& actor, const std::string& number);
  boost::json::object list(const platform::Actor& actor, const ListQuery& q);
  // POST /api/v1/case-search {"id_number" | "credit_code" | "contact_phone"}: an applicant's cases in the actor's
  // scope, newest first (at most 50), found through the blind indexes — the value is in the body, never in a
  // URL or a log line. Items as in list().
  boost::json::object applicant_cases(const platform::Actor& actor, const boost::json::object& body);
  // The public progress lookup: state and dates only. The caller has checked the query code (casework::PublicGate).
  boost::json::object progress(const std::string& number);
  // The window's later actions on a case (window_actions.cpp): the applicant brings supplemented materials
  // (every task waiting for them resumes; a visit when present), the result is handed over (出件: window
  // pickup is a visit; post needs a tracking number; electronic), or the applicant withdraws.
  boost::json::object supplement(const platform::Actor& clerk, const std::string& number,
                                 const boost::json::object& body);
  boost::json::object deliver(const platform::Actor& clerk, const std::string& number, const boost::json::object& body);
  boost::json::object withdraw(const platform::Actor& clerk, const std::string& number,
                               const boost::json::object& body);
  // A material deferred at 容缺受理 brought in ({"material", "applicant_present"}): its clock stops.
  boost::json::object deferred_received(const platform::Actor& clerk, const std::string& number,
                                        const boost::json::object& body);

  // Printable HTML of one of the case's documents (receipt, supplement_notice, deferral_notice, refusal_notice);
  // only for viewers entitled to the unmasked case (403 personal_data_restricted otherwise), recorded.
  // The receipt shows the query code (查询码) only to a clerk of the case's hall, who reprints it.
  std::string document(const platform::Actor& actor, const std::string& number, const std::string& kind);
  // The window's commands, for the applicant's own (applicant_desk.hpp): the same core, the same rules.
  const WindowDesk& desk() const { return desk_; }
  // The runner its desks use (the background retry of e-licence documents shares it).
  const casework::CaseRunner& runner() const { return runner_; }

 private:
  const calendar::ClockMath& math() const { return math_; }
  store::PgPool& pool_;
  catalog_service::CatalogService& catalog_;
  const calendar::WorkingTime& time_;
  calendar::ClockMath math_;
  const adapters::ELicenseLookup& elicenses_;
  std::function<calendar::Instant()> now_;
  std::string public_base_url_;
  casework::PgCaseRepository cases_;
  casework::CaseRunner runner_;
  WindowDesk desk_;
};

// "330100" → "3301": a user's region code without trailing zero pairs; cases whose region starts with it are
// in the user's scope.
}  // namespace ow::acceptance
