// SQL of the dispatcher and department callbacks: claiming due outbox rows under a lease (FOR UPDATE SKIP
// LOCKED, so any number of dispatchers may run), finishing or rescheduling them, the callbacks already
// applied, and the tasks a polling department fetches.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

const std::vector<Statement>& dispatch_statements();

struct OutboxRow {
  std::int64_t id = 0, case_id = 0;
  std::string step, department_code, kind;
  int attempts = 0;          // including this one
  double tried_seconds = 0;  // since its first attempt (the database's clock)
  std::string traceparent;   // the W3C trace of the request that queued it; empty for rows from before sql/065
};

struct DepartmentEventRow {
  int status = 0;
  std::string response;
  std::optional<std::string> body_sha256;  // hex; none for events recorded before migration 014
};

struct DepartmentTaskRow {
  std::int64_t task_id = 0;
  std::string number, step, state;
};

namespace dispatch {
// Up to `limit` due rows of `department` not leased (or whose lease expired), oldest due first; each is
// leased to `owner` for `lease_seconds` and its attempt counted.
std::vector<OutboxRow> claim(Tx& tx, const std::string& owner, int lease_seconds, const std::string& department,
                             int limit);
// Both only while `owner` holds the row's lease (fenced: a settle arriving after another dispatcher took the
// lease over changes nothing).
void finish(Tx& tx, std::int64_t id, const std::string& owner, bool failed, const std::string& error);
struct Finished {
  std::int64_t id = 0;
  bool failed = false;
  std::string error;
};
void finish_all(Tx& tx, const std::string& owner, const std::vector<Finished>& rows);  // one statement
void retry_later(Tx& tx, std::int64_t id, const std::string& owner, double delay_seconds, const std::string& error);
// Gives a claimed row back untried (the department had no free slot).
void release(Tx& tx, std::int64_t id);
// Tasks of `department` in scope whose push was given up (DispatchFailed), failed within [since, until) when
// given (ISO instants), oldest first.
std::vector<std::int64_t> failed_tasks(Tx& tx, const std::string& department, const std::string& region_prefix,
                                       const std::optional<std::string>& since, const std::optional<std::string>& until,
                                       int limit);
// Which of `departments` have a push due now and not leased.
std::vector<std::string> due_departments(Tx& tx, const std::vector<std::string>& departments);
// Extends the leases `owner` holds on rows `ids` (pushes still in flight); returns how many.
int renew(Tx& tx, const std::string& owner, const std::vector<std::int64_t>& ids, int lease_seconds);
// A department answers again: its pushes waiting out a back-off become due now; returns how many.
int expedite(Tx& tx, const std::string& department);
// Seconds until the earliest pending row is due (≤ 0: due now), or nothing pending.
std::optional<double> seconds_until_next(Tx& tx);
int pending(Tx& tx);

std::optional<DepartmentEventRow> event(Tx& tx, const std::string& department, const std::string& event_id);
void record_event(Tx& tx, const std::string& department, const std::string& event_id, int status,
                  const std::string& response, const std::string& body_sha256);
std::vector<DepartmentTaskRow> department_tasks(Tx& tx, const std::string& department, const std::string& state,
                                                int limit);
}  // namespace dispatch

// Blocks on LISTEN ow_outbox: true when a notification arrived within the timeout. Its own connection.
class OutboxListener {
 public:
  explicit OutboxListener(const std::string& url);
  ~OutboxListener();
  bool wait(double seconds);

 private:
  struct Receiver;
  std::unique_ptr<Connection> conn_;
  std::unique_ptr<Receiver> receiver_;
  bool notified_ = false;
};

}  // namespace ow::store
