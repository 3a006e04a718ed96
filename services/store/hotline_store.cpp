// SQL for 12345 hotline tickets.
#include "services/store/hotline_store.hpp"
#include "services/store/pg_types.hpp"
#include "services/store/sql_text.hpp"

namespace ow::store {

namespace {

// A complaint is a repeat when the same applicant complained of the same subject in the 30 days before it.
#define OW_REPEAT_COMPLAINT(t)                                                                                   \
  "(" t ".kind = 'complaint' AND EXISTS (SELECT 1 FROM hotline_tickets p WHERE p.kind = 'complaint' "            \
  "AND p.applicant_index = " t ".applicant_index AND p.subject = " t ".subject "                                 \
  "AND (p.received_at, p.id) < (" t ".received_at, " t ".id) AND p.received_at >= " t ".received_at - interval " \
  "'30 days'))"

// Answered late, or still open past its due instant ($N: now).
#define OW_TICKET_OVERDUE(t, now) \
  "(" t ".answered_at > " t ".due_at OR (" t ".answered_at IS NULL AND " t ".due_at <= " now "::timestamptz))"

const char* const kTicketColumns =
    "t.id, t.hotline_id, t.request_sha256, t.kind, t.subject, t.region_code, t.case_number, t.hall_code, "
    "t.window_code, t.department_code, u.display_name, " OW_SQL_CST("t.received_at") ", " OW_SQL_CST(
        "t.due_at") ", " OW_SQL_CST("t.warn_at") ", t.warned, t.overdue, " OW_SQL_CST("t.answered_at") ", "
                                                 "t.answered_by, t.answer, t.direct_answer, " OW_REPEAT_COMPLAINT("t") " ";

template <class T>
std::optional<T> opt(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<T>();
}

TicketRow to_ticket(const pqxx::row& r) {
  TicketRow t;
  t.id = r[0].as<std::int64_t>();
  t.hotline_id = r[1].as<std::string>();
  t.request_sha256 = r[2].as<std::string>();
  t.kind = r[3].as<std::string>();
  t.subject = r[4].as<std::string>();
  t.region_code = r[5].as<std::string>();
  t.case_number = opt<std::string>(r[6]);
  t.hall_code = opt<std::string>(r[7]);
  t.window_code = opt<std::string>(r[8]);
  t.department_code = opt<std::string>(r[9]);
  t.clerk_name = opt<std::string>(r[10]);
  t.received_at = r[11].as<std::string>();
  t.due_at = r[12].as<std::string>();
  t.warn_at = opt<std::string>(r[13]);
  t.warned = r[14].as<bool>();
  t.overdue = r[15].as<bool>();
  t.answered_at = opt<std::string>(r[16]);
  t.answered_by = opt<std::string>(r[17]);
  t.answer = opt<std::string>(r[18]);
  t.direct_answer = opt<bool>(r[19]);
  t.repeat_complaint = r[20].as<bool>();
  return t;
}

}  // namespace

const std::vector<Statement>& hotline_statements() {
  static const std::string by_id = std::string("SELECT ") + kTicketColumns +
                                   "FROM hotline_tickets t LEFT JOIN users u ON u.id = t.clerk_id WHERE t.id = $1";
  static const std::string by_id_locked = by_id + " FOR UPDATE OF t";
  static const std::string list =
      std::string("SELECT ") + kTicketColumns +
      "FROM hotline_tickets t LEFT JOIN users u ON u.id = t.clerk_id WHERE t.region_code LIKE $1 || '%' "
      "AND ($2::text IS NULL OR t.department_code = $2) "
      "AND ($3::text IS NULL OR ($3 = 'open' AND t.answered_at IS NULL) OR ($3 = 'answered' AND t.answered_at IS NOT NULL) "
      "  OR ($3 = 'overdue' AND " OW_TICKET_OVERDUE("t", "$5") ")) "
      "ORDER BY t.received_at DESC, t.id DESC LIMIT $4";
  static const std::vector<Statement> statements = {
      {"hotline_case_link", "SELECT region_code, hall_code, window_code, clerk_id FROM cases WHERE number = $1"},
      {"hotline_find", "SELECT id, request_sha256 FROM hotline_tickets WHERE hotline_id = $1"},
      {"hotline_insert",
       "INSERT INTO hotline_tickets (hotline_id, request_sha256, kind, subject, region_code, case_number, hall_code, "
       "window_code, department_code, clerk_id, pii_key, applicant_sealed, applicant_index, received_at, warn_at, "
       "due_at, next_check_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::timestamptz, "
       "$15::timestamptz, $16::timestamptz, coalesce($15::timestamptz, $16::timestamptz)) "
       "ON CONFLICT (hotline_id) DO NOTHING RETURNING id"},
      {"hotline_by_id", by_id.c_str()},
      {"hotline_by_id_locked", by_id_locked.c_str()},
      {"hotline_list", list.c_str()},
      {"hotline_answer",
       "UPDATE hotline_tickets SET answered_at = $5::timestamptz, answered_by = $2, answer = $3, direct_answer = $4, "
       "next_check_at = NULL WHERE id = $1 AND answered_at IS NULL"},
      {"hotline_alerts_resolve",
       "UPDATE alerts SET resolved_at = $2::timestamptz WHERE ticket_id = $1 AND resolved_at IS NULL"},
      {"hotline_claim",
       "SELECT id, " OW_SQL_CST("warn_at") ", " OW_SQL_CST(
           "due_at") ", warned, overdue FROM hotline_tickets WHERE next_check_at <= $1::timestamptz "
                     "ORDER BY next_check_at LIMIT $2 FOR UPDATE SKIP LOCKED"},
      {"hotline_fired",
       "UPDATE hotline_tickets SET warned = $2, overdue = $3, next_check_at = CASE WHEN answered_at IS NOT NULL THEN NULL "
       "WHEN NOT $2 AND warn_at IS NOT NULL THEN warn_at WHEN NOT $3 THEN due_at ELSE NULL END WHERE id = $1"},
      {"hotline_alert_raise",
       "INSERT INTO alerts (ticket_id, clock, kind, level, region_code, department_code, hall_code, window_code, "
       "raised_at, detail) SELECT t.id, 'ticket', $2, $3, t.region_code, t.department_code, t.hall_code, "
       "t.window_code, $4::timestamptz, $5 FROM hotline_tickets t WHERE t.id = $1 "
       "ON CONFLICT (ticket_id, kind) WHERE resolved_at IS NULL AND ticket_id IS NOT NULL DO NOTHING RETURNING id"},
      {"hotline_counts",
       "SELECT count(*), count(*) FILTER (WHERE t.kind = 'complaint'), "
       " count(*) FILTER (WHERE " OW_REPEAT_COMPLAINT("t") "), "
       " count(*) FILTER (WHERE t.answered_at IS NOT NULL), "
       " count(*) FILTER (WHERE t.answered_at IS NOT NULL AND t.direct_answer), "
       " count(*) FILTER (WHERE " OW_TICKET_OVERDUE("t", "$4") "), "
       " count(*) FILTER (WHERE t.answered_at IS NULL) "
       "FROM hotline_tickets t WHERE t.region_code LIKE $1 || '%' "
       "AND t.received_at >= $2::timestamptz AND t.received_at < $3::timestamptz"},
      {"hotline_complaints_by_window",
       "SELECT t.hall_code, coalesce(t.window_code, ''), t.clerk_id, count(*) FROM hotline_tickets t "
       "WHERE t.kind = 'complaint' AND t.hall_code IS NOT NULL AND t.region_code LIKE $1 || '%' "
       "AND t.received_at >= $2::timestamptz AND t.received_at < $3::timestamptz GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"},
  };
  return statements;
}

namespace hotline {

std::optional<CaseLink> case_link(Tx& tx, const std::string& number) {
  auto r = tx.exec_prepared("hotline_case_link", number);
  if (r.empty()) return std::nullopt;
  return CaseLink{r[0][0].as<std::string>(), opt<std::string>(r[0][1]), opt<std::string>(r[0][2]),
                  opt<std::int64_t>(r[0][3])};
}

std::optional<std::pair<std::int64_t, std::string>> find(Tx& tx, const std::string& hotline_id) {
  auto r = tx.exec_prepared("hotline_find", hotline_id);
  if (r.empty()) return std::nullopt;
  return std::make_pair(r[0][0].as<std::int64_t>(), r[0][1].as<std::string>());
}

std::optional<std::int64_t> insert(Tx& tx, const NewTicket& t) {
  auto r = tx.exec_prepared("hotline_insert", t.hotline_id, t.request_sha256, t.kind, t.subject, t.region_code,
                            t.case_number, t.hall_code, t.window_code, t.department_code, t.clerk_id, t.pii_key,
                            t.applicant_sealed, t.applicant_index, t.received_at, t.warn_at, t.due_at);
  if (r.empty()) return std::nullopt;
  return r[0][0].as<std::int64_t>();
}

std::optional<TicketRow> by_id(Tx& tx, std::int64_t id, bool for_update) {
  auto r = tx.exec_prepared(for_update ? "hotline_by_id_locked" : "hotline_by_id", id);
  if (r.empty()) return std::nullopt;
  return to_ticket(r[0]);
}

std::vector<TicketRow> list(Tx& tx, const TicketFilter& f, const std::string& now) {
  std::vector<TicketRow> out;
  for (const auto& r : tx.exec_prepared("hotline_list", f.region_prefix, f.department, f.state, f.limit, now))
    out.push_back(to_ticket(r));
  return out;
}

bool answer(Tx& tx, std::int64_t id, const std::string& by, const std::string& text, bool direct,
            const std::string& at) {
  if (tx.exec_prepared0("hotline_answer", id, by, text, direct, at).affected_rows() != 1) return false;
  tx.exec_prepared0("hotline_alerts_resolve", id, at);
  return true;
}

std::vector<DueTicket> claim_due(Tx& tx, const std::string& now, int limit) {
  std::vector<DueTicket> out;
  for (const auto& r : tx.exec_prepared("hotline_claim", now, limit))
    out.push_back({r[0].as<std::int64_t>(), opt<std::string>(r[1]), r[2].as<std::string>(), r[3].as<bool>(),
                   r[4].as<bool>()});
  return out;
}

void mark_fired(Tx& tx, std::int64_t id, bool warned, bool overdue) {
  tx.exec_prepared0("hotline_fired", id, warned, overdue);
}

std::optional<AlertRow> raise_alert(Tx& tx, std::int64_t id, const std::string& kind, const std::string& level,
                                    const std::string& at, const std::string& detail) {
  tx.exec_prepared("alerts_take_turn");  // alert ids in commit order, as every raiser (supervision_store)
  auto r = tx.exec_prepared("hotline_alert_raise", id, kind, level, at, detail);
  if (r.empty()) return std::nullopt;
  return supervision::alert(tx, r[0][0].as<std::int64_t>());
}

TicketCounts counts(Tx& tx, const std::string& region_prefix, const std::string& from, const std::string& to,
                    const std::string& now) {
  auto r = tx.exec_prepared1("hotline_counts", region_prefix, from, to, now);
  return {r[0].as<std::int64_t>(), r[1].as<std::int64_t>(), r[2].as<std::int64_t>(), r[3].as<std::int64_t>(),
          r[4].as<std::int64_t>(), r[5].as<std::int64_t>(), r[6].as<std::int64_t>()};
}

std::vector<ComplaintCount> complaints_by_window(Tx& tx, const std::string& region_prefix, const std::string& from,
                                                 const std::string& to) {
  std::vector<ComplaintCount> out;
  for (const auto& r : tx.exec_prepared("hotline_complaints_by_window", region_prefix, from, to))
    out.push_back({r[0].as<std::string>(), r[1].as<std::string>(), opt<std::int64_t>(r[2]), r[3].as<std::int64_t>()});
  return out;
}

}  // namespace hotline
}  // namespace ow::store
