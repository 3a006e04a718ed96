// SQL for clock checks and alerts.
#include "services/store/supervision_store.hpp"

#include <stdexcept>

#include <boost/json.hpp>
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

// The alert whose columns (kAlertColumns) start at column `at` of the row.
AlertRow to_alert(const pqxx::row& r, int at = 0) {
  auto f = [&](int i) { return r[at + i]; };
  return {f(0).as<std::int64_t>(), f(1).as<std::int64_t>(), f(2).as<std::string>(),  f(3).as<std::string>(),
          f(4).as<std::string>(),  f(5).as<std::string>(),  f(6).as<std::string>(),  opt<std::string>(f(7)),
          opt<std::string>(f(8)),  opt<std::string>(f(9)),  f(10).as<std::string>(), f(11).as<std::string>(),
          opt<std::string>(f(12)), opt<std::string>(f(13)), opt<std::string>(f(14)), opt<std::string>(f(15))};
}
}  // namespace

// clock_checks_sync's WITH items; see the comment there.
const std::string& clock_sync_with_items() {
  static const std::string items =
      "x AS (SELECT (e.v->>'case_id')::bigint AS case_id, e.v->>'clock' AS clock, e.v->>'region' AS region, "
      "  e.v->>'department' AS department, (e.v->>'warn_at')::timestamptz AS warn_at, "
      "  (e.v->>'due_at')::timestamptz AS due_at, (e.v->>'stopped')::boolean AS stopped "
      "  FROM jsonb_array_elements($1::jsonb) AS e(v)), "
      "up AS (INSERT INTO clock_checks (case_id, clock, region_code, department_code, warn_at, due_at, next_check_at) "
      "  SELECT case_id, clock, region, department, CASE WHEN stopped THEN NULL ELSE warn_at END, "
      "    CASE WHEN stopped THEN NULL ELSE due_at END, CASE WHEN stopped THEN NULL ELSE coalesce(warn_at, due_at) END "
      "  FROM x "
      "  ON CONFLICT (case_id, clock) DO UPDATE SET warn_at = EXCLUDED.warn_at, due_at = EXCLUDED.due_at, "
      "  warned = clock_checks.warned AND NOT coalesce(EXCLUDED.warn_at > $2::timestamptz, false), "
      "  overdue = clock_checks.overdue AND NOT coalesce(EXCLUDED.due_at > $2::timestamptz, false), "
      "  next_check_at = CASE WHEN EXCLUDED.due_at IS NULL THEN NULL "
      "    WHEN NOT (clock_checks.warned AND NOT coalesce(EXCLUDED.warn_at > $2::timestamptz, false)) "
      "         AND EXCLUDED.warn_at IS NOT NULL THEN EXCLUDED.warn_at "
      "    WHEN NOT (clock_checks.overdue AND NOT coalesce(EXCLUDED.due_at > $2::timestamptz, false)) THEN EXCLUDED.due_at "
      "    ELSE NULL END RETURNING 1), "
      "res AS (UPDATE alerts a SET resolved_at = $2::timestamptz FROM x "
      "  WHERE a.case_id = x.case_id AND a.clock = x.clock AND a.resolved_at IS NULL AND ("
      "    (x.stopped AND a.kind <> 'dispatch_failed') OR (NOT x.stopped AND ("
      "      (a.kind = 'warning' AND x.warn_at > $2::timestamptz) OR "
      "      (a.kind IN ('overdue', 'step_overdue', 'deferral_overdue', 'followup_overdue') AND x.due_at > $2::timestamptz)))) "
      "  RETURNING 1) ";
  return items;
}

const std::vector<Statement>& supervision_statements() {
  static const std::string list_sql =
      std::string("SELECT ") + kAlertColumns + kAlertSources +
      "WHERE a.region_code LIKE $1 || '%' AND ($2::text IS NULL OR a.level = $2) "
      "AND ($3::text IS NULL OR a.kind = $3) AND ($4::text IS NULL OR a.department_code = $4) "
      "AND ($5::text IS NULL OR ($5 = 'open' AND a.resolved_at IS NULL AND a.acknowledged_at IS NULL) "
      "  OR ($5 = 'acknowledged' AND a.acknowledged_at IS NOT NULL AND a.resolved_at IS NULL) "
      "  OR ($5 = 'resolved' AND a.resolved_at IS NOT NULL)) AND a.id > $6 "
      "AND ($8::text IS NULL OR a.hall_code = $8) AND ($9::text IS NULL OR a.window_code = $9) ORDER BY a.id LIMIT $7";
  // A warning (overdue) that fired is re-armed when its instant is now in the future again (an extension);
  // a pause does not re-arm it: an instant already reached before the pause stays where it was. A stopped
  // clock keeps no instants and resolves its open alerts (a failed push's alert stays for the supervisor);
  // a running one resolves the warning (overdue) whose instant moved past now.
  static const std::string clock_sync_sql =
      "WITH " + clock_sync_with_items() + " SELECT (SELECT count(*) FROM up), (SELECT count(*) FROM res)";
  // A timekeeper batch in one statement: claim up to $2 checks due at $1 (skipping those another timekeeper
  // holds), mark what fired and move each to its next instant, and insert the alerts — a yellow `warning`
  // when the warning instant was reached, a red one when the due instant was (the kind by the clock: a task's
  // step_overdue, a follow-up's, a deferred material's, else overdue); a warning due with the overdue in the
  // same pass is left out (the red alert says it all). A clock's open alert of the same kind is kept, not
  // doubled. The claimed rows are updated by their ctid (the claim holds them locked, so none moves): a TID
  // scan instead of a primary-key lookup per row. The details are written here, in Chinese (将于/已于
  // 2026年6月3日 17:30 到期, China time). Returns how many checks were claimed and the new alerts (none: one
  // row with NULL alert columns).
  // It runs on its generic plan (fire_and_raise sets plan_cache_mode for its transaction): planned once per
  // connection, not at every batch. The outer constant LIMIT (kMaxFireBatch) is what makes that plan safe:
  // without it the planner sizes `f` by a default share of `next_check_at <= $1` (a third of the table) and
  // updates through a hash join over a sequential scan of all of clock_checks; with it `f` is at most 1,000
  // rows. The second, redundant ctid condition (= ANY of f's tids) makes the claimed rows one TID scan: with
  // only the join the planner hashes a sequential scan of clock_checks when the table is small against the
  // batch (100 k rows, 1,000 claimed: 47 ms instead of 21), and every later join is by primary key.
  static const std::string fire_and_raise_sql =
      "WITH f AS (SELECT * FROM (SELECT ctid AS tid, case_id, clock, "
      "    NOT warned AND coalesce(warn_at <= $1::timestamptz, false) AS warn_now, "
      "    NOT overdue AND coalesce(due_at <= $1::timestamptz, false) AS over_now "
      "  FROM clock_checks WHERE next_check_at <= $1::timestamptz ORDER BY next_check_at LIMIT $2 "
      "  FOR UPDATE SKIP LOCKED) d LIMIT " +
      std::to_string(supervision::kMaxFireBatch) +
      "), "
      "fired AS (UPDATE clock_checks k SET warned = k.warned OR f.warn_now OR f.over_now, "
      "  overdue = k.overdue OR f.over_now, "
      "  next_check_at = CASE WHEN k.due_at IS NULL THEN NULL "
      "    WHEN NOT (k.warned OR f.warn_now OR f.over_now) AND k.warn_at IS NOT NULL THEN k.warn_at "
      "    WHEN NOT (k.overdue OR f.over_now) THEN k.due_at ELSE NULL END "
      "  FROM f WHERE k.ctid = f.tid AND k.ctid = ANY (ARRAY(SELECT tid FROM f)) "
      "  RETURNING k.case_id, k.clock, k.department_code, k.due_at, f.warn_now, f.over_now), "
      "x AS (SELECT case_id, clock, department_code, "
      "  CASE WHEN NOT over_now THEN 'warning' WHEN clock LIKE 'task:%' THEN 'step_overdue' "
      "    WHEN clock LIKE 'followup:%' THEN 'followup_overdue' WHEN clock LIKE 'deferral:%' THEN 'deferral_overdue' "
      "    ELSE 'overdue' END AS kind, CASE WHEN over_now THEN 'red' ELSE 'yellow' END AS level, "
      "  CASE WHEN over_now THEN '已于 ' ELSE '将于 ' END || to_char(due_at AT TIME ZONE 'Asia/Shanghai', "
      "    'YYYY\"年\"FMMM\"月\"FMDD\"日\" HH24:MI') || ' 到期' AS detail "
      "  FROM fired WHERE over_now OR warn_now), "
      "ins AS (INSERT INTO alerts (case_id, clock, kind, level, region_code, department_code, hall_code, window_code, "
      "  raised_at, detail) SELECT c.id, x.clock, x.kind, x.level, c.region_code, x.department_code, c.hall_code, "
      "  c.window_code, $1::timestamptz, x.detail FROM x JOIN cases c ON c.id = x.case_id ORDER BY x.case_id, x.clock "
      "  ON CONFLICT (case_id, clock, kind) WHERE resolved_at IS NULL DO NOTHING RETURNING *) "
      "SELECT n.claimed, " +
      std::string(kAlertColumns) +
      "FROM (SELECT count(*) AS claimed FROM fired) n LEFT JOIN (ins a LEFT JOIN cases c ON c.id = a.case_id "
      "LEFT JOIN hotline_tickets t ON t.id = a.ticket_id) ON true ORDER BY a.id";
  static const std::string by_id_sql = std::string("SELECT ") + kAlertColumns + kAlertSources + "WHERE a.id = $1";
  static const std::vector<Statement> list = {
      {"clock_checks_sync", clock_sync_sql.c_str()},
      {"alert_resolve_kind",
       "UPDATE alerts SET resolved_at = $4::timestamptz WHERE case_id = $1 AND clock = $2 AND kind = $3 AND resolved_at IS NULL"},
      {"clock_checks_fire_and_raise", fire_and_raise_sql.c_str()},
      {"database_now", "SELECT floor(extract(epoch FROM clock_timestamp()))::bigint"},
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
      // The same turn for a timekeeper batch, and the batch statement's generic plan for the rest of this
      // transaction only (set_config(…, true); see clock_checks_fire_and_raise): one round trip.
      {"clock_checks_take_turn",
       "SELECT pg_advisory_xact_lock(1097, 0), set_config('plan_cache_mode', 'force_generic_plan', true)"},
      {"alert_acknowledge",
       "UPDATE alerts SET acknowledged_by = $2, acknowledged_at = $3::timestamptz WHERE id = $1 AND acknowledged_at IS NULL"},
  };
  return list;
}

namespace supervision {

void sync_clock(Tx& tx, std::int64_t case_id, const std::string& clock, const std::string& region,
                const std::optional<std::string>& department, const std::optional<std::string>& warn_at,
                const std::optional<std::string>& due_at, bool stopped, const std::string& now) {
  sync_clocks(tx, {{case_id, clock, region, department, warn_at, due_at, stopped}}, now);
}

std::string clocks_json(const std::vector<ClockSync>& clocks) {
  auto or_null = [](const std::optional<std::string>& v) {
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
  };
  boost::json::array rows;
  for (const auto& c : clocks)
    rows.push_back(boost::json::object{{"case_id", c.case_id},
                                       {"clock", c.clock},
                                       {"region", c.region},
                                       {"department", or_null(c.department)},
                                       {"warn_at", or_null(c.warn_at)},
                                       {"due_at", or_null(c.due_at)},
                                       {"stopped", c.stopped}});
  return boost::json::serialize(rows);
}

void sync_clocks(Tx& tx, const std::vector<ClockSync>& clocks, const std::string& now) {
  if (clocks.empty()) return;
  tx.exec_prepared("clock_checks_sync", clocks_json(clocks), now);
}

void resolve_alert(Tx& tx, std::int64_t case_id, const std::string& clock, const std::string& kind,
                   const std::string& now) {
  tx.exec_prepared0("alert_resolve_kind", case_id, clock, kind, now);
}

FiredBatch fire_and_raise(Tx& tx, const std::string& now, int limit) {
  if (limit < 1 || limit > kMaxFireBatch) throw std::invalid_argument("fire_and_raise: limit out of range");
  tx.exec_prepared("clock_checks_take_turn");
  FiredBatch out;
  for (const auto& r : tx.exec_prepared("clock_checks_fire_and_raise", now, limit)) {
    out.claimed = r[0].as<int>();
    if (r[1].is_null()) continue;  // nothing raised
    out.alerts.push_back(to_alert(r, 1));
  }
  return out;
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
