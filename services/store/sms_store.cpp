// SQL of the SMS notices.
#include "services/store/sms_store.hpp"

#include "services/store/pg_types.hpp"
#include "services/store/sql_text.hpp"

namespace ow::store {

const std::vector<Statement>& sms_statements() {
  static const std::vector<Statement> list = {
      {"sms_insert", "INSERT INTO sms_messages (case_id, kind, phone_masked, text) VALUES ($1, $2, $3, $4)"},
      {"sms_claim",
       "UPDATE sms_messages m SET lease_until = now() + make_interval(secs => $2), leased_by = $1 "
       "WHERE m.id IN (SELECT id FROM sms_messages WHERE status = 'pending' AND next_attempt_at <= now() "
       "AND (lease_until IS NULL OR lease_until < now()) ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) "
       "RETURNING m.id, m.case_id, m.text, m.attempts, extract(epoch FROM now() - m.created_at)::float8"},
      {"sms_sent",
       "UPDATE sms_messages SET status = 'sent', sent_at = now(), attempts = attempts + 1, lease_until = NULL, "
       "last_error = NULL WHERE id = $1 AND leased_by = $2 AND status = 'pending'"},
      {"sms_retry",
       "UPDATE sms_messages SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $3), "
       "lease_until = NULL, last_error = $4, status = CASE WHEN $5 THEN 'failed' ELSE 'pending' END "
       "WHERE id = $1 AND leased_by = $2 AND status = 'pending'"},
      {"sms_of_case",
       "SELECT id, kind, phone_masked, text, status, attempts, " OW_SQL_CST("created_at") ", " OW_SQL_CST(
           "sent_at") " FROM sms_messages WHERE case_id = $1 ORDER BY id"},
  };
  return list;
}

namespace sms {

void insert(Tx& tx, std::int64_t case_id, const std::string& kind, const std::string& phone_masked,
            const std::string& text) {
  tx.exec_prepared0("sms_insert", case_id, kind, phone_masked, text);
}

std::vector<SmsClaim> claim(Tx& tx, const std::string& owner, int lease_seconds, int limit) {
  std::vector<SmsClaim> out;
  for (const auto& r : tx.exec_prepared("sms_claim", owner, lease_seconds, limit))
    out.push_back({r[0].as<std::int64_t>(), r[1].as<std::int64_t>(), r[2].as<std::string>(), r[3].as<int>(),
                   r[4].as<double>()});
  return out;
}

bool sent(Tx& tx, std::int64_t id, const std::string& owner) {
  return tx.exec_prepared0("sms_sent", id, owner).affected_rows() == 1;
}

bool retry(Tx& tx, std::int64_t id, const std::string& owner, double delay_seconds, const std::string& error,
           bool failed) {
  return tx.exec_prepared0("sms_retry", id, owner, delay_seconds, error, failed).affected_rows() == 1;
}

std::vector<SmsRow> of_case(Tx& tx, std::int64_t case_id) {
  std::vector<SmsRow> out;
  for (const auto& r : tx.exec_prepared("sms_of_case", case_id))
    out.push_back({r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
                   r[4].as<std::string>(), r[5].as<int>(), r[6].as<std::string>(),
                   r[7].is_null() ? std::nullopt : std::optional<std::string>(r[7].as<std::string>())});
  return out;
}

}  // namespace sms
}  // namespace ow::store
