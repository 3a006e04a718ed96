// The window's commands on cases, over the casework runner: intake (受理, 容缺, 补正, 不予受理, or an online
// submission), a decision on a submitted or supplement-awaiting case, supplements brought, delivery (出件),
// deferred materials and withdrawal. Only a clerk of the hall holding the case acts on it (at_window);
// e-licences are looked up before the transaction. Views are the IntakeService's; this only changes cases,
// so it runs as well on the in-memory repository of the unit tests.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "adapters/credit/credit_lookup.hpp"
#include "adapters/elicense/elicense_lookup.hpp"
#include "services/acceptance/intake_request.hpp"
#include "services/acceptance/licence_documents.hpp"
#include "services/casework/case_runner.hpp"
#include "services/platform/actor.hpp"

namespace ow::acceptance {

struct Answer {
  unsigned status = 200;
  std::string body;  // JSON text
  bool replayed = false;
};

// Where a case comes in and who opens it: a clerk at their window, or an applicant on their own (no hall and
// window until a clerk's pre-review; the region whose halls' clerks see it in their queue).
struct IntakePlace {
  std::string actor;  // log id: "user:12", "applicant:7"
  std::string region_code;
  std::optional<std::string> hall_code, window_code;
  std::optional<std::int64_t> clerk_id;
};

class WindowDesk {
 public:
  // credit: where a 告知承诺's applicant is checked (none: no commitment is taken, commitment_checks.hpp).
  // licence_files: where e-licence materials' documents are kept (none: verified materials are only ticked).
  WindowDesk(const casework::CaseRunner& runner, const adapters::ELicenseLookup& elicenses,
             const adapters::CreditLookup* credit = nullptr, LicenceDocumentFiles* licence_files = nullptr)
      : runner_(runner), elicenses_(elicenses), credit_(credit), licence_files_(licence_files) {}

  // POST /api/v1/cases against the given catalog version. Same key and body → the kept answer (replayed);
  // same key, other body → store::IdempotencyKeyReused.
  Answer create(const platform::Actor& clerk, const std::string& idempotency_key, const std::string& raw_body,
                const IntakeRequest& r, const std::shared_ptr<const catalog_service::LoadedCatalog>& current,
                calendar::Instant now) const;
  // An applicant's own submission (services/acceptance/applicant_*): the same checks as the window's, no decision:
  // Submitted, into the pre-review queue of the place's region. Idempotent like create().
  Answer submit(const IntakePlace& place, const std::string& idempotency_key, const std::string& raw_body,
                const IntakeRequest& r, const std::shared_ptr<const catalog_service::LoadedCatalog>& current,
                calendar::Instant now) const;
  // Pre-review of an online case, or a new decision after 补正.
  void decide(const platform::Actor& clerk, const std::string& number, const IntakeRequest& r,
              calendar::Instant now) const;
  // The applicant brought what a department asked for: every task waiting for it (or only `step`) resumes;
  // one visit however many steps it answers.
  void supplement(const platform::Actor& clerk, const std::string& number, bool present, const std::string& step,
                  calendar::Instant now) const;
  // 出件: window (a visit), post (tracking number) or electronic.
  void deliver(const platform::Actor& clerk, const std::string& number, const std::string& method,
               const std::string& tracking, calendar::Instant now) const;
  void deferred_received(const platform::Actor& clerk, const std::string& number, const std::string& material,
                         bool present, calendar::Instant now) const;
  void withdraw(const platform::Actor& clerk, const std::string& number, const std::string& reason,
                calendar::Instant now) const;
  // The applicant answers a 补正 online (`actor` their log id; the caller checked the case is theirs): an
  // intake 补正 sends the case back to pre-review (Submitted), a department's resumes every task waiting for it.
  // No visit. 409 no_supplement_requested when nothing waits.
  void supplement_online(const std::string& actor, const std::string& number, calendar::Instant now) const;

 private:
  Answer open_case(const IntakePlace& place, const std::string& idempotency_key, const std::string& raw_body,
                   const IntakeRequest& r, const std::shared_ptr<const catalog_service::LoadedCatalog>& current,
                   calendar::Instant now) const;
  const casework::CaseRunner& runner_;
  const adapters::ELicenseLookup& elicenses_;
  const adapters::CreditLookup* credit_;
  LicenceDocumentFiles* licence_files_;
};

// 403 unless the actor is a clerk at a window.
void require_clerk(const platform::Actor& a);

}  // namespace ow::acceptance
