// SQL for clock checks and alerts.
#include "services/store/supervision_store.hpp"
#include "services/store/pg_types.hpp"
#include "services/store/sql_text.hpp"

namespace ow::store {

namespace {
const char* const kAlertColumns =
    "a.id, coalesce(a.case_id, 0), coalesce(c.number, ''), a.clock, a.kind, a.level, a.region_code, a.department_code, a.hall_code, a.window_code, " OW_SQL_CST(
        "a.raised_at") ", a.detail, a.acknowledged_by, " OW_SQL_CST("a.acknowledged_at") ", " OW_SQL_CST("a.resolved_at") ", t.hotline_id ";
// An alert is a case's or a hotline ticket's (sql/050).
const char* const kAlertSources =
    "FROM alerts a LEFT JOIN cases c ON c.id = a.case_id LEFT JOIN hotline_tickets t ON t.id = a.ticket_id ";

template <class T>
std::optional<T> opt(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<T>();
}

AlertRow to_alert(const pqxx::row& r) {
  return {r[0].as<std::int64_t>(), r[1].as<std::int64_t>(), r[2].as<std::string>(),  r[3].as<std::string>(),
          r[4].as<std::string>(),  r[5].as<std::string>(),  r[6].as<std::string>(),  opt<std::string>(r[7]),
          opt<std::string>(r[8]),  opt<std::string>(r[9]),  r[10].as<std::string>(), r[11].as<std::string>(),
          opt<std::string>(r[12]), opt<std::string>(r[13]), opt<std::string>(r[14]), opt<std::string>(r[15])};
}
}  // namespace

const std::vector<Statement>& supervision_statements() {
  static const std::string list_sql =
      std::string("SELECT ") + kAlertColumns + kAlertSources +
      "WHERE a.region_code LIKE $1 || '%' AND ($2::text IS NULL OR a.level = $2) "
      "AND ($3::text IS NULL OR a.kind = $3) AND ($4::text IS NULL OR a.department_code = $4) "
      "AND ($5::text IS NULL OR ($5 = 'open' AND a.resolved_at IS NULL AND a.acknowledged_at IS NULL) "
      "  OR ($5 = 'acknowledged' AND a.acknowledged_at IS NOT NULL AND a.resolved_at IS NULL) "
      "  OR ($5 = 'resolved' AND a.resolved_at IS NOT NULL)) AND a.id > $6 "
      "AND ($8::text IS NULL OR a.hall_code = $8) AND ($9::text IS NULL OR a.window_code = $9) ORDER BY a.id LIMIT $7";
  static const std::string by_id_sql =
      std::string("SELECT ") + kAlertColumns + kAlertSources + "WHERE a.id = $1";
  static const std::vector<Statement> list = {
      // A warning (overdue) that fired is re-armed when its instant is now in the future again (an extension);
      // a pause does not re-arm it: an instant already reached before the pause stays where it was.
      {"clock_check_sync",
       "INSERT INTO clock_checks (case_id, clock, region_code, department_code, warn_at, due_at, next_check_at) "
       "VALUES ($1, $2, $3, $4, $5::timestamptz, $6::timestamptz, coalesce($5::timestamptz, $6::timestamptz)) "
       "ON CONFLICT (case_id, clock) DO UPDATE SET warn_at = EXCLUDED.warn_at, due_at = EXCLUDED.due_at, "
       "warned = clock_checks.warned AND NOT coalesce(EXCLUDED.warn_at > $7::timestamptz, false), "
       "overdue = clock_checks.overdue AND NOT coalesce(EXCLUDED.due_at > $7::timestamptz, false), "
       "next_check_at = CASE WHEN EXCLUDED.due_at IS NULL THEN NULL "
       "  WHEN NOT (clock_checks.warned AND NOT coalesce(EXCLUDED.warn_at > $7::timestamptz, false)) "
       "       AND EXCLUDED.warn_at IS NOT NULL THEN EXCLUDED.warn_at "
       "  WHEN NOT (clock_checks.overdue AND NOT coalesce(EXCLUDED.due_at > $7::timestamptz, false)) THEN EXCLUDED.due_at "
       "  ELSE NULL END"},
      {"clock_alerts_resolve",
       "UPDATE alerts SET resolved_at = $3::timestamptz WHERE case_id = $1 AND clock = $2 AND resolved_at IS NULL "
       "AND kind <> 'dispatch_failed'"},
      {"clock_alerts_resolve_stale",
       "UPDATE alerts SET resolved_at = $5::timestamptz WHERE case_id = $1 AND clock = $2 AND resolved_at IS NULL AND ("
       "  (kind = 'warning' AND $3::timestamptz > $5::timestamptz) OR "
       "  (kind IN ('overdue', 'step_overdue', 'deferral_overdue', 'followup_overdue') AND $4::timestamptz > $5::timestamptz))"},
      {"alert_resolve_kind",
       "UPDATE alerts SET resolved_at = $4::timestamptz WHERE case_id = $1 AND clock = $2 AND kind = $3 AND resolved_at IS NULL"},
      {"clock_checks_claim",
       "SELECT case_id, clock, region_code, department_code, "
       "  " OW_SQL_CST(
           "warn_at") ", "
                      "  " OW_SQL_CST(
                          "due_at") ", warned, overdue "
                                    "FROM clock_checks WHERE next_check_at <= $1::timestamptz ORDER BY next_check_at LIMIT $2 FOR UPDATE SKIP LOCKED"},
      {"database_now", "SELECT floor(extract(epoch FROM clock_timestamp()))::bigint"},
      {"clock_check_fired",
       "UPDATE clock_checks SET warned = $3, overdue = $4, "
       "next_check_at = CASE WHEN due_at IS NULL THEN NULL WHEN NOT $3 AND warn_at IS NOT NULL THEN warn_at "
       "  WHEN NOT $4 THEN due_at ELSE NULL END WHERE case_id = $1 AND clock = $2"},
      {"alert_raise",
       "INSERT INTO alerts (case_id, clock, kind, level, region_code, department_code, hall_code, window_code, raised_at, detail) "
       "SELECT c.id, $2, $3, $4, c.region_code, $5, c.hall_code, c.window_code, $6::timestamptz, $7 FROM cases c WHERE c.id = $1 "
       "ON CONFLICT (case_id, clock, kind) WHERE resolved_at IS NULL DO NOTHING RETURNING id"},
      {"alerts_list", list_sql.c_str()},
      {"alert_by_id", by_id_sql.c_str()},
      {"alerts_max_id", "SELECT coalesce(max(id), 0) FROM alerts"},
      // Alert raisers take turns (held to the end of the raising transaction): an alert's id is drawn only
      // after every alert with a smaller id has committed or rolled back, so readers that see id N have seen
      // every alert below it — the live feed and Last-Event-ID replays can follow one cursor.
      {"alerts_take_turn", "SELECT pg_advisory_xact_lock(1097, 0)"},
      {"alert_acknowledge",
       "UPDATE alerts SET acknowledged_by = $2, acknowledged_at = $3::timestamptz WHERE id = $1 AND acknowledged_at IS NULL"},
  };
  return list;
}

namespace supervision {

void sync_clock(Tx& tx, std::int64_t case_id, const std::string& clock, const std::string& region,
                const std::optional<std::string>& department, const std::optional<std::string>& warn_at,
                const std::optional<std::string>& due_at, bool stopped, const std::string& now) {
  tx.exec_prepared0("clock_check_sync", case_id, clock, region, department, stopped ? std::nullopt : warn_at,
                    stopped ? std::nullopt : due_at, now);
  if (stopped)
    tx.exec_prepared0("clock_alerts_resolve", case_id, clock, now);
  else
    tx.exec_prepared0("clock_alerts_resolve_stale", case_id, clock, warn_at, due_at, now);
}

void resolve_alert(Tx& tx, std::int64_t case_id, const std::string& clock, const std::string& kind,
                   const std::string& now) {
  tx.exec_prepared0("alert_resolve_kind", case_id, clock, kind, now);
}

std::vector<ClockCheck> claim_due(Tx& tx, const std::string& now, int limit) {
  std::vector<ClockCheck> out;
  for (const auto& r : tx.exec_prepared("clock_checks_claim", now, limit))
    out.push_back({r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(), opt<std::string>(r[3]),
                   opt<std::string>(r[4]), opt<std::string>(r[5]), r[6].as<bool>(), r[7].as<bool>()});
  return out;
}

void mark_fired(Tx& tx, std::int64_t case_id, const std::string& clock, bool warned, bool overdue) {
  tx.exec_prepared0("clock_check_fired", case_id, clock, warned, overdue);
}

std::int64_t database_now(Tx& tx) { return tx.exec_prepared1("database_now")[0].as<std::int64_t>(); }

std::optional<std::int64_t> raise(Tx& tx, std::int64_t case_id, const std::string& clock, const std::string& kind,
                                  const std::string& level, const std::optional<std::string>& department,
                                  const std::string& at, const std::string& detail) {
  tx.exec_prepared("alerts_take_turn");
  auto r = tx.exec_prepared("alert_raise", case_id, clock, kind, level, department, at, detail);
  if (r.empty()) return std::nullopt;
  return r[0][0].as<std::int64_t>();
}

std::vector<AlertRow> alerts(Tx& tx, const AlertFilter& f) {
  std::vector<AlertRow> out;
  for (const auto& r : tx.exec_prepared("alerts_list", f.region_prefix, f.level, f.kind, f.department, f.state,
                                        f.after_id, f.limit, f.hall, f.window))
    out.push_back(to_alert(r));
  return out;
}

std::optional<AlertRow> alert(Tx& tx, std::int64_t id) {
  auto r = tx.exec_prepared("alert_by_id", id);
  if (r.empty()) return std::nullopt;
  return to_alert(r[0]);
}

std::int64_t max_alert_id(Tx& tx) { return tx.exec_prepared1("alerts_max_id")[0].as<std::int64_t>(); }

bool acknowledge(Tx& tx, std::int64_t id, const std::string& by, const std::string& at) {
  return tx.exec_prepared0("alert_acknowledge", id, by, at).affected_rows() == 1;
}

}  // namespace supervision
}  // namespace ow::store
