// SQL for KPIs and evaluations.
#include "services/store/kpi_store.hpp"
#include "services/store/pg_types.hpp"
#include "services/store/sql_text.hpp"

namespace ow::store {

const std::vector<Statement>& kpi_statements() {
  static const std::vector<Statement> list = {
      {"kpi_counts",
       "WITH scoped AS (SELECT c.* FROM cases c WHERE c.region_code LIKE $1 || '%' "
       "  AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.department_code = $2))) "
       "SELECT "
       " count(*) FILTER (WHERE accepted_at >= $3::timestamptz AND accepted_at < $4::timestamptz), "
       " count(*) FILTER (WHERE accepted_at >= $3::timestamptz AND accepted_at < $4::timestamptz AND channel = 'online'), "
       " count(*) FILTER (WHERE concluded_at >= $3::timestamptz AND concluded_at < $4::timestamptz), "
       " count(*) FILTER (WHERE concluded_at >= $3::timestamptz AND concluded_at < $4::timestamptz AND met_committed), "
       " count(*) FILTER (WHERE concluded_at >= $3::timestamptz AND concluded_at < $4::timestamptz AND met_statutory), "
       " count(*) FILTER (WHERE concluded_at >= $3::timestamptz AND concluded_at < $4::timestamptz "
       "   AND (concluded_at AT TIME ZONE 'Asia/Shanghai')::date = (accepted_at AT TIME ZONE 'Asia/Shanghai')::date), "
       " count(*) FILTER (WHERE concluded_at >= $3::timestamptz AND concluded_at < $4::timestamptz AND visits <= 1), "
       " count(*) FILTER (WHERE state IN ('Accepted', 'InProgress', 'Suspended', 'ResultReady')), "
       " count(*) FILTER (WHERE state IN ('Accepted', 'InProgress', 'Suspended', 'ResultReady') "
       "   AND (committed_due_at::timestamptz AT TIME ZONE 'Asia/Shanghai')::date = $6::date), "
       " count(*) FILTER (WHERE state IN ('Accepted', 'InProgress', 'ResultReady') AND EXISTS (SELECT 1 FROM clock_checks k "
       "   WHERE k.case_id = scoped.id AND k.clock = 'case.committed' AND k.warn_at <= $5::timestamptz AND k.due_at > $5::timestamptz)), "
       " count(*) FILTER (WHERE state IN ('Accepted', 'InProgress', 'ResultReady') AND committed_due_at::timestamptz <= $5::timestamptz), "
       " (SELECT count(*) FROM evaluations e JOIN scoped s ON s.id = e.case_id WHERE e.rated_at >= $3::timestamptz AND e.rated_at < $4::timestamptz), "
       " (SELECT count(*) FROM evaluations e JOIN scoped s ON s.id = e.case_id WHERE e.rated_at >= $3::timestamptz AND e.rated_at < $4::timestamptz "
       "   AND e.score >= 3), "
       " count(*) FILTER (WHERE accepted_at >= $3::timestamptz AND accepted_at < $4::timestamptz AND NOT EXISTS ("
       "   SELECT 1 FROM jsonb_array_elements(materials) m WHERE m->>'id' <> 'id_card' AND m->>'form' NOT IN ('elicense', 'electronic'))), "
       " count(*) FILTER (WHERE ended_at >= $3::timestamptz AND ended_at < $4::timestamptz), "
       " count(*) FILTER (WHERE ended_at >= $3::timestamptz AND ended_at < $4::timestamptz AND visits <= 1), "
       " count(*) FILTER (WHERE ended_at >= $3::timestamptz AND ended_at < $4::timestamptz AND ended_state = 'Refused'), "
       " count(*) FILTER (WHERE ended_at >= $3::timestamptz AND ended_at < $4::timestamptz AND ended_state = 'NotPermitted'), "
       " count(*) FILTER (WHERE ended_at >= $3::timestamptz AND ended_at < $4::timestamptz AND ended_state = 'Withdrawn') "
       "FROM scoped"},
      {"evaluation_find", "SELECT score, comment, revised FROM evaluations WHERE case_id = $1"},
      {"evaluation_insert",
       "INSERT INTO evaluations (case_id, score, comment, rated_at, first_score) VALUES ($1, $2, $3, $4::timestamptz, $2)"},
      {"evaluation_revise",
       "UPDATE evaluations SET score = $2, comment = $3, revised = true, revised_at = $4::timestamptz WHERE case_id = $1 AND NOT revised"},
      {"kpi_freshness",
       "SELECT pg_is_in_recovery(), CASE WHEN NOT pg_is_in_recovery() THEN 0"
       " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver) THEN 0"
       " ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END::float8"},
      {"kpi_districts", "SELECT DISTINCT region_code FROM cases WHERE region_code LIKE $1 || '%' ORDER BY 1"},
      {"kpi_departments",
       "SELECT DISTINCT t.department_code FROM tasks t JOIN cases c ON c.id = t.case_id WHERE c.region_code LIKE $1 || '%' ORDER BY 1"},
      {"kpi_overdue_cases",
       "SELECT number, bundle_code, region_code, state, " OW_SQL_CST(
           "committed_due_at") " FROM cases WHERE region_code LIKE $1 || '%' "
                               "AND committed_due_at IS NOT NULL AND accepted_at < $3::timestamptz AND ("
                               "  (concluded_at >= $2::timestamptz AND concluded_at < $3::timestamptz AND NOT met_committed) "
                               "  OR (state IN ('Accepted', 'InProgress', 'Suspended', 'ResultReady') AND committed_due_at < $3::timestamptz)) "
                               "ORDER BY committed_due_at"},
      {"followup_open",
       "INSERT INTO followups (case_id, opened_at, callback_due_at, rectification_due_at, source) VALUES ($1, $2::timestamptz, "
       "$3::timestamptz, $4::timestamptz, $5) ON CONFLICT (case_id) DO NOTHING"},
      {"followups_list",
       "SELECT f.case_id, c.number, c.region_code, " OW_SQL_CST("f.opened_at") ", " OW_SQL_CST("f.callback_due_at") ", " OW_SQL_CST("f.rectification_due_at") ", " OW_SQL_CST(
           "f.callback_at") ", f.callback_by, f.callback_note, " OW_SQL_CST("f.rectification_at") ", f.rectification_by, f.rectification_report, COALESCE(e.score, 0), f.source FROM followups f JOIN cases c ON c.id = f.case_id "
                                                                                                  "LEFT JOIN evaluations e ON e.case_id = f.case_id WHERE c.region_code LIKE $1 || '%' "
                                                                                                  "AND (NOT $2 OR f.callback_at IS NULL OR f.rectification_at IS NULL) AND ($3::text IS NULL OR c.number = $3) ORDER BY f.opened_at"},
      {"followup_callback",
       "UPDATE followups SET callback_at = $4::timestamptz, callback_by = $2, callback_note = $3 WHERE case_id = $1 AND callback_at IS NULL"},
      {"followup_rectification",
       "UPDATE followups SET rectification_at = $4::timestamptz, rectification_by = $2, rectification_report = $3 "
       "WHERE case_id = $1 AND rectification_at IS NULL"},
  };
  return list;
}

namespace kpi {

KpiCounts counts(Tx& tx, const std::string& region_prefix, const std::optional<std::string>& department,
                 const std::string& from, const std::string& to, const std::string& now, const std::string& today) {
  auto r = tx.exec_prepared1("kpi_counts", region_prefix, department, from, to, now, today);
  KpiCounts k;
  std::int64_t* fields[] = {&k.accepted,
                            &k.accepted_online,
                            &k.concluded,
                            &k.concluded_met_committed,
                            &k.concluded_met_statutory,
                            &k.concluded_same_day,
                            &k.concluded_at_most_one_visit,
                            &k.open,
                            &k.due_today,
                            &k.in_warning,
                            &k.overdue,
                            &k.ratings,
                            &k.ratings_satisfied,
                            &k.accepted_one_card,
                            &k.ended,
                            &k.ended_at_most_one_visit,
                            &k.ended_refused,
                            &k.ended_not_permitted,
                            &k.ended_withdrawn};
  for (std::size_t i = 0; i < std::size(fields); ++i) *fields[i] = r[static_cast<int>(i)].as<std::int64_t>();
  return k;
}

std::optional<Evaluation> evaluation(Tx& tx, std::int64_t case_id) {
  auto r = tx.exec_prepared("evaluation_find", case_id);
  if (r.empty()) return std::nullopt;
  return Evaluation{r[0][0].as<int>(), r[0][1].as<std::string>(), r[0][2].as<bool>()};
}

void rate(Tx& tx, std::int64_t case_id, int score, const std::string& comment, const std::string& at) {
  tx.exec_prepared0("evaluation_insert", case_id, score, comment, at);
}

void revise(Tx& tx, std::int64_t case_id, int score, const std::string& comment, const std::string& at) {
  tx.exec_prepared0("evaluation_revise", case_id, score, comment, at);
}

Freshness freshness(Tx& tx) {
  const auto r = tx.exec_prepared1("kpi_freshness");
  return {r[0].as<bool>(), r[1].as<double>()};
}

std::vector<std::string> districts(Tx& tx, const std::string& region_prefix) {
  std::vector<std::string> out;
  for (const auto& r : tx.exec_prepared("kpi_districts", region_prefix)) out.push_back(r[0].as<std::string>());
  return out;
}

std::vector<std::string> departments(Tx& tx, const std::string& region_prefix) {
  std::vector<std::string> out;
  for (const auto& r : tx.exec_prepared("kpi_departments", region_prefix)) out.push_back(r[0].as<std::string>());
  return out;
}

std::vector<OverdueCase> overdue_cases(Tx& tx, const std::string& region_prefix, const std::string& from,
                                       const std::string& to) {
  std::vector<OverdueCase> out;
  for (const auto& r : tx.exec_prepared("kpi_overdue_cases", region_prefix, from, to))
    out.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
                   r[4].as<std::string>()});
  return out;
}

bool open_followup(Tx& tx, std::int64_t case_id, const std::string& at, const std::string& callback_due,
                   const std::string& rectification_due, const std::string& source) {
  return tx.exec_prepared0("followup_open", case_id, at, callback_due, rectification_due, source).affected_rows() == 1;
}

namespace {
std::vector<FollowupRow> followup_rows(const pqxx::result& rows) {
  auto opt = [](const pqxx::field& f) {
    return f.is_null() ? std::nullopt : std::optional<std::string>(f.as<std::string>());
  };
  std::vector<FollowupRow> out;
  for (const auto& r : rows)
    out.push_back({r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
                   r[4].as<std::string>(), r[5].as<std::string>(), opt(r[6]), opt(r[7]), opt(r[8]), opt(r[9]),
                   opt(r[10]), opt(r[11]), r[12].as<int>(), r[13].as<std::string>()});
  return out;
}
}  // namespace

std::vector<FollowupRow> followups(Tx& tx, const std::string& region_prefix, bool open_only) {
  return followup_rows(tx.exec_prepared("followups_list", region_prefix, open_only, std::optional<std::string>()));
}

std::optional<FollowupRow> followup(Tx& tx, const std::string& number) {
  auto rows = followup_rows(tx.exec_prepared("followups_list", "", false, number));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

bool close_followup_part(Tx& tx, std::int64_t case_id, const std::string& part, const std::string& by,
                         const std::string& text, const std::string& at) {
  return tx.exec_prepared0(part == "callback" ? "followup_callback" : "followup_rectification", case_id, by, text, at)
             .affected_rows() == 1;
}

}  // namespace kpi
}  // namespace ow::store
