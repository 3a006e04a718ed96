// Carrying out a flow decision inside the caller's transaction: the DESIGN.md rule in one place. The case
// row must already be locked (loaded FOR NO KEY UPDATE); the flow decides, this writes the case row, new and
// changed tasks, the audit entries, the outbox messages, the timekeeper's checks, task work, delivery and
// extension days. Used by the PostgreSQL CaseRepository (pg_case_repository.cpp).
#pragma once

#include <string>

#include "services/catalog/catalog_service.hpp"
#include "services/store/case_store.hpp"
#include "services/store/gathered_writes.hpp"
#include "services/store/transaction.hpp"
#include "workflow/calendar/clock.hpp"
#include "workflow/flow/case_flow.hpp"

namespace ow::casework {

// Each kind of row is written set-based: one statement for all the new tasks; one for the audit rows, outbox
// messages and clock checks together (or, gathering, the audit rows wait and the other two go one statement
// each); a new case's row and its query code are one statement. A new case's row comes back as stored into
// `row`; the tasks the decision created and, when not gathered, its audit rows come back as stored (id order).
struct WriteOptions {
  // The case's row as read from the database (none: the case row is always rewritten). When the decision
  // leaves its columns as they are, only its version is bumped.
  const store::CaseRow* stored = nullptr;
  // An existing case only: its version bump, changed task rows and audit rows wait there, to be sent with
  // other cases' (pg_case_repository's gathered writes).
  store::GatheredWrites* gather = nullptr;
};
struct Written {
  std::vector<store::TaskRow> tasks;   // created by the decision
  std::vector<store::AuditRow> audit;  // written by it (empty when gathered: they wait)
};
Written write_decision(store::Tx& tx, store::CaseRow& row, const flow::CaseRecord& before, const flow::Decision& d,
                       const calendar::ClockMath& math, calendar::Instant now, const WriteOptions& options = {});

}  // namespace ow::casework
