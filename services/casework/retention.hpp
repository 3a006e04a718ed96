// Keeping personal data no longer than needed, and anchoring the audit trail: run periodically by the
// timekeeper role. Idempotency records expire after idempotency.retention_hours; the personal data of cases
// that ended more than retention.personal_data_days ago and are archived (their package written: never before)
// is dropped (each drop is a row of the case's audit trail), and so is the applicant of a 12345 ticket answered more
// than that long ago; once a day, the previous day's audit anchor is written to audit_anchors and to the log.
#pragma once

#include <string>

#include "services/store/pg_pool.hpp"
#include "workflow/calendar/instant.hpp"

namespace ow::casework {

struct RetentionRules {
  int idempotency_hours = 72;
  int personal_data_days = 1095;
};

struct RetentionPass {
  int idempotency_purged = 0, cases_purged = 0;
  int tickets_purged = 0;  // 12345 tickets whose applicant was erased
  bool anchored = false;
};

RetentionPass run_retention(store::PgPool& pool, const RetentionRules& rules, calendar::Instant now);

}  // namespace ow::casework
