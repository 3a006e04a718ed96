// SQL for outbox claims, department callbacks and polling.
#include "services/store/dispatch_store.hpp"

#include <boost/json.hpp>
#include "services/store/pg_types.hpp"

#include "services/store/sql_text.hpp"

namespace ow::store {

const std::vector<Statement>& dispatch_statements() {
  static const std::vector<Statement> list = {
      {"outbox_claim",
       "UPDATE outbox o SET lease_until = now() + make_interval(secs => $2), leased_by = $1, attempts = o.attempts + 1, "
       "  first_attempt_at = coalesce(o.first_attempt_at, now()) "
       "WHERE o.id IN (SELECT id FROM outbox WHERE done_at IS NULL AND next_attempt_at <= now() "
       // A lease that ran out while PostgreSQL was down is not taken over in the first lease period after it
       // starts or a replica is promoted (sql/091): its holder, if alive, settles a push it already delivered
       // (or renews) first — no second push.
       "  AND (lease_until IS NULL OR (lease_until < now() AND now() > (SELECT primary_writable_since()) + make_interval(secs => $2))) "
       // One department, equal (not `= ANY` of an array): outbox_department_due_idx (sql/022) then gives the
       // rows in the order asked for and the scan stops after LIMIT rows; with an array PostgreSQL read and
       // sorted every due row of the department on every claim (the backlog: ~1.8 ms at 8,000 waiting).
       "  AND department_code = $3 "
       "  ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED) "
       "RETURNING o.id, o.case_id, o.step, o.department_code, o.kind, o.attempts, "
       "extract(epoch FROM now() - o.first_attempt_at)::float8, coalesce(o.traceparent, '')"},
      {"outbox_finish",
       // Fenced: only the dispatcher holding the lease settles the row (a late settle after another took the
       // lease over changes nothing; that one settles it).
       "UPDATE outbox SET done_at = now(), failed = $2, last_error = NULLIF($3, ''), lease_until = NULL "
       "WHERE id = $1 AND leased_by = $4"},
      {"outbox_finish_many",  // the same for several rows: [{id, failed, error}]
       "UPDATE outbox o SET done_at = now(), failed = x.failed, last_error = NULLIF(x.error, ''), lease_until = NULL"
       " FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, failed boolean, error text)"
       // The ids again as an array: the index condition that keeps the plan on outbox_pkey (joined to the
       // jsonb rows alone, PostgreSQL hashed and scanned the whole outbox: 3.5 ms a batch).
       " WHERE o.id = ANY ($3::bigint[]) AND o.id = x.id AND o.leased_by = $2"},
      {"outbox_retry",
       "UPDATE outbox SET next_attempt_at = now() + make_interval(secs => $2), last_error = $3, lease_until = NULL, leased_by = NULL "
       "WHERE id = $1 AND leased_by = $4"},
      {"outbox_due_departments",
       // One probe per department through outbox_department_due_idx (sql/022): the cost is the departments,
       // not the pushes waiting (a SELECT DISTINCT over the outbox read every waiting row on every round).
       "SELECT d FROM unnest($1::text[]) d WHERE EXISTS (SELECT 1 FROM outbox WHERE department_code = d"
       " AND done_at IS NULL AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now()))"},
      {"tasks_dispatch_failed",
       "SELECT t.id FROM tasks t JOIN cases c ON c.id = t.case_id WHERE t.department_code = $1"
       " AND t.state = 'DispatchFailed' AND c.region_code LIKE $2 || '%'"
       " AND ($3::timestamptz IS NULL OR t.updated_at >= $3::timestamptz)"
       " AND ($4::timestamptz IS NULL OR t.updated_at < $4::timestamptz) ORDER BY t.id LIMIT $5"},
      {"outbox_renew",
       // Rows being settled right now are skipped (SKIP LOCKED): a settler's batch holds several rows, and
       // waiting for them while it waits for one of ours would be a deadlock. A settled row needs no renewal;
       // one whose settling rolls back is renewed at the next round.
       "UPDATE outbox SET lease_until = now() + make_interval(secs => $3) WHERE id IN (SELECT id FROM outbox"
       " WHERE leased_by = $1 AND done_at IS NULL AND id = ANY ($2::bigint[]) ORDER BY id FOR UPDATE SKIP LOCKED)"},
      {"outbox_expedite",
       "UPDATE outbox SET next_attempt_at = now() WHERE department_code = $1 AND done_at IS NULL"
       " AND next_attempt_at > now() AND (lease_until IS NULL OR lease_until < now())"},
      {"outbox_release",
       "UPDATE outbox SET attempts = attempts - 1, lease_until = NULL, leased_by = NULL WHERE id = $1"},
      {"outbox_next_due",
       "SELECT EXTRACT(EPOCH FROM min(greatest(next_attempt_at, coalesce(lease_until, next_attempt_at))) - now())::float8 "
       "FROM outbox WHERE done_at IS NULL"},
      {"outbox_pending", "SELECT count(*) FROM outbox WHERE done_at IS NULL"},
      {"department_event_find",
       "SELECT status, response, body_sha256 FROM department_events WHERE department_code = $1 AND event_id = $2"},
      {"department_event_insert",
       "INSERT INTO department_events (department_code, event_id, status, response, body_sha256) VALUES ($1, $2, $3, $4, $5)"},
      {"department_tasks",
       "SELECT t.id, c.number, t.step, t.state FROM tasks t JOIN cases c ON c.id = t.case_id "
       "WHERE t.department_code = $1 AND t.state = $2 ORDER BY t.id LIMIT $3"},
  };
  return list;
}

namespace dispatch {

std::vector<OutboxRow> claim(Tx& tx, const std::string& owner, int lease_seconds, const std::string& department,
                             int limit) {
  std::vector<OutboxRow> out;
  for (const auto& r : tx.exec_prepared("outbox_claim", owner, lease_seconds, department, limit))
    out.push_back({r[0].as<std::int64_t>(), r[1].as<std::int64_t>(), r[2].as<std::string>(), r[3].as<std::string>(),
                   r[4].as<std::string>(), r[5].as<int>(), r[6].as<double>(), r[7].as<std::string>()});
  return out;
}

void finish(Tx& tx, std::int64_t id, const std::string& owner, bool failed, const std::string& error) {
  tx.exec_prepared0("outbox_finish", id, failed, error, owner);
}

void finish_all(Tx& tx, const std::string& owner, const std::vector<Finished>& rows) {
  if (rows.empty()) return;
  boost::json::array list;
  std::vector<std::int64_t> ids;
  for (const auto& f : rows) {
    list.push_back(boost::json::object{{"id", f.id}, {"failed", f.failed}, {"error", f.error}});
    ids.push_back(f.id);
  }
  tx.exec_prepared0("outbox_finish_many", boost::json::serialize(list), owner, id_array_literal(ids));
}

void retry_later(Tx& tx, std::int64_t id, const std::string& owner, double delay_seconds, const std::string& error) {
  tx.exec_prepared0("outbox_retry", id, delay_seconds, error, owner);
}

void release(Tx& tx, std::int64_t id) { tx.exec_prepared0("outbox_release", id); }

std::vector<std::int64_t> failed_tasks(Tx& tx, const std::string& department, const std::string& region_prefix,
                                       const std::optional<std::string>& since, const std::optional<std::string>& until,
                                       int limit) {
  std::vector<std::int64_t> out;
  for (const auto& r : tx.exec_prepared("tasks_dispatch_failed", department, region_prefix, since, until, limit))
    out.push_back(r[0].as<std::int64_t>());
  return out;
}

std::vector<std::string> due_departments(Tx& tx, const std::vector<std::string>& departments) {
  std::vector<std::string> out;
  for (const auto& r : tx.exec_prepared("outbox_due_departments", text_array_literal(departments)))
    out.push_back(r[0].as<std::string>());
  return out;
}

int renew(Tx& tx, const std::string& owner, const std::vector<std::int64_t>& ids, int lease_seconds) {
  if (ids.empty()) return 0;
  return static_cast<int>(
      tx.exec_prepared0("outbox_renew", owner, id_array_literal(ids), lease_seconds).affected_rows());
}

int expedite(Tx& tx, const std::string& department) {
  return static_cast<int>(tx.exec_prepared0("outbox_expedite", department).affected_rows());
}

std::optional<double> seconds_until_next(Tx& tx) {
  auto r = tx.exec_prepared1("outbox_next_due");
  if (r[0].is_null()) return std::nullopt;
  return r[0].as<double>();
}

int pending(Tx& tx) { return tx.exec_prepared1("outbox_pending")[0].as<int>(); }

std::optional<DepartmentEventRow> event(Tx& tx, const std::string& department, const std::string& event_id) {
  auto r = tx.exec_prepared("department_event_find", department, event_id);
  if (r.empty()) return std::nullopt;
  return DepartmentEventRow{r[0][0].as<int>(), r[0][1].as<std::string>(),
                            r[0][2].is_null() ? std::nullopt : std::optional<std::string>(r[0][2].as<std::string>())};
}

void record_event(Tx& tx, const std::string& department, const std::string& event_id, int status,
                  const std::string& response, const std::string& body_sha256) {
  tx.exec_prepared0("department_event_insert", department, event_id, status, response, body_sha256);
}

std::vector<DepartmentTaskRow> department_tasks(Tx& tx, const std::string& department, const std::string& state,
                                                int limit) {
  std::vector<DepartmentTaskRow> out;
  for (const auto& r : tx.exec_prepared("department_tasks", department, state, limit))
    out.push_back({r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>()});
  return out;
}

}  // namespace dispatch

struct OutboxListener::Receiver : pqxx::notification_receiver {
  Receiver(pqxx::connection_base& c, bool& flag) : pqxx::notification_receiver(c, "ow_outbox"), flag_(flag) {}
  void operator()(const std::string&, int) override { flag_ = true; }
  bool& flag_;
};

OutboxListener::OutboxListener(const std::string& url)
    : conn_(std::make_unique<Connection>(url)), receiver_(std::make_unique<Receiver>(*conn_, notified_)) {}
OutboxListener::~OutboxListener() = default;

bool OutboxListener::wait(double seconds) {
  notified_ = false;
  if (conn_->get_notifs() > 0 || notified_) return true;
  const long whole = static_cast<long>(seconds);
  conn_->await_notification(whole, static_cast<long>((seconds - static_cast<double>(whole)) * 1e6));
  return notified_;
}

}  // namespace ow::store
