// What the chaos test reads back from the platform's database (as superuser) after the run: the stored
// cases with the Idempotency-Key each was made under, whether dispatch has settled, every task's outcome,
// the alerts, and when pushes were carried out (for recovery times).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ow::chaos {

struct StoredCase {
  std::string number;
  std::string key;        // the Idempotency-Key whose kept 201 names it (empty: none)
  double created_ms = 0;  // wall clock, ms since the epoch
};
std::vector<StoredCase> stored_cases(const std::string& db_url);

struct Settling {
  long outbox_open = 0;        // outbox rows not done
  long tasks_in_motion = 0;    // tasks Ready, Dispatching, Dispatched or Received
  long callbacks_pending = 0;  // the simulator's callbacks not yet taken by the platform
  bool settled() const { return outbox_open == 0 && tasks_in_motion == 0 && callbacks_pending == 0; }
  std::string text() const;
};
Settling settling(const std::string& db_url, long callbacks_pending);

struct FailedTask {
  std::string number, step, department, last_error;
  double done_ms = 0;
  bool has_alert = false;
};
struct TaskOutcomes {
  std::map<std::string, long> delivered;  // per department: tasks the department took
  std::map<std::string, long> states;     // "STATE" → count
  std::vector<FailedTask> failed;         // DispatchFailed tasks
  long waiting_without_blocker = 0;       // Waiting although no task of its case failed
  long cases_without_five_tasks = 0;
};
TaskOutcomes task_outcomes(const std::string& db_url);

std::vector<std::int64_t> alert_ids(const std::string& db_url);

// The outbox rows named (id, department, step, attempts, failed, last error, the task's state now), one a line.
std::string outbox_rows_text(const std::string& db_url, const std::vector<std::int64_t>& ids);

// Earliest done_at (wall ms) of the given outbox rows; and of delivered rows (of one department, or any
// when empty) done at or after `after_ms`.
std::optional<double> first_done(const std::string& db_url, const std::vector<std::int64_t>& ids);
std::optional<double> first_delivery_after(const std::string& db_url, const std::string& department, double after_ms);

}  // namespace ow::chaos
