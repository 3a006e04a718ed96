// SQL of supervision: the clock checks written with every case change, the timekeeper's claim of due checks
// (FOR UPDATE SKIP LOCKED, an index range), alerts and their acknowledgement.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

const std::vector<Statement>& supervision_statements();
// clock_checks_sync's WITH items (x, up, res; $1 the clocks as supervision::clocks_json gives them, $2 now), for
// a statement that writes a decision's clocks with its other rows (case_store's decision_rows_insert).
const std::string& clock_sync_with_items();

struct AlertRow {
  std::int64_t id = 0, case_id = 0;
  std::string number, clock, kind, level, region_code;
  std::optional<std::string> department_code, hall_code, window_code;
  std::string raised_at, detail;
  std::optional<std::string> acknowledged_by, acknowledged_at, resolved_at;
  std::optional<std::string> ticket;  // a hotline ticket's alert: the hotline's ticket id (case_id 0, number "")
};

struct AlertFilter {
  std::string region_prefix;
  std::optional<std::string> level, kind, department, state;  // state: open | acknowledged | resolved
  std::optional<std::string> hall, window;                    // the window that accepted the case
  std::int64_t after_id = 0;
  int limit = 100;
};

namespace supervision {
// Writes the check of one clock: its warning and due instants (both absent while paused or stopped), the next
// check being the earlier instant not yet fired. A stopped clock resolves its open alerts. An instant moved
// past `now` (an extension) resolves the warning or overdue that no longer holds and lets it fire again.
void sync_clock(Tx& tx, std::int64_t case_id, const std::string& clock, const std::string& region,
                const std::optional<std::string>& department, const std::optional<std::string>& warn_at,
                const std::optional<std::string>& due_at, bool stopped, const std::string& now);
// The same for several clocks (each named once) in one statement.
struct ClockSync {
  std::int64_t case_id = 0;
  std::string clock, region;
  std::optional<std::string> department, warn_at, due_at;  // ISO instants
  bool stopped = false;
};
void sync_clocks(Tx& tx, const std::vector<ClockSync>& clocks, const std::string& now);
// The clocks as JSON, as clock_checks_sync takes them ($1).
std::string clocks_json(const std::vector<ClockSync>& clocks);
// Resolves the clock's open alert of this kind (a re-dispatched task's dispatch_failed).
void resolve_alert(Tx& tx, std::int64_t case_id, const std::string& clock, const std::string& kind,
                   const std::string& now);
// One timekeeper batch: how many clock checks it claimed, and the alerts it raised (in id order).
struct FiredBatch {
  int claimed = 0;
  std::vector<AlertRow> alerts;
};
// The largest batch fire_and_raise takes (its statement's plan is made for at most this many rows).
inline constexpr int kMaxFireBatch = 1000;
// Takes the alert raisers' turn, then in one statement claims up to `limit` (1..kMaxFireBatch) checks due at
// `now` (skipping those another timekeeper holds), marks what fired and inserts their warning and overdue
// alerts (sql in supervision_store.cpp says which, with the Chinese details).
FiredBatch fire_and_raise(Tx& tx, const std::string& now, int limit);
// The database server's clock, seconds since the epoch: the one clock every timekeeper instance shares.
std::int64_t database_now(Tx& tx);
// Inserts the alert unless this clock already raised this kind; returns its id when new.
std::optional<std::int64_t> raise(Tx& tx, std::int64_t case_id, const std::string& clock, const std::string& kind,
                                  const std::string& level, const std::optional<std::string>& department,
                                  const std::string& at, const std::string& detail);
std::vector<AlertRow> alerts(Tx& tx, const AlertFilter& f);
std::optional<AlertRow> alert(Tx& tx, std::int64_t id);
std::int64_t max_alert_id(Tx& tx);
bool acknowledge(Tx& tx, std::int64_t id, const std::string& by, const std::string& at);
}  // namespace supervision

}  // namespace ow::store
