// SQL for re-sealing, counting and purging 12345 tickets' sealed applicant.
#include "services/store/sealed_tickets_store.hpp"

#include "services/store/pg_types.hpp"

namespace ow::store {

const std::vector<Statement>& sealed_tickets_statements() {
  static const std::vector<Statement> list = {
      {"reseal_tickets_batch",
       "SELECT id, hotline_id, applicant_sealed, pii_key FROM hotline_tickets"
       " WHERE pii_key < $1 AND applicant_sealed IS NOT NULL ORDER BY pii_key, id LIMIT $2"
       " FOR NO KEY UPDATE SKIP LOCKED"},
      {"reseal_ticket", "UPDATE hotline_tickets SET applicant_sealed = $2, pii_key = $3 WHERE id = $1"},
      {"tickets_behind", "SELECT count(*) FROM hotline_tickets WHERE pii_key < $1 AND applicant_sealed IS NOT NULL"},
      {"purge_answered_tickets",
       "UPDATE hotline_tickets SET applicant_sealed = NULL, applicant_index = NULL WHERE id IN (SELECT id"
       " FROM hotline_tickets WHERE answered_at < now() - make_interval(days => $1)"
       " AND (applicant_sealed IS NOT NULL OR applicant_index IS NOT NULL) ORDER BY id LIMIT $2"
       " FOR NO KEY UPDATE SKIP LOCKED)"},
  };
  return list;
}

namespace sealed_tickets {

std::string applicant_context(const std::string& hotline_id) { return "hotline_tickets.applicant:" + hotline_id; }

int reseal(Tx& tx, const Vault& vault, int limit) {
  int done = 0;
  for (const auto& r : tx.exec_prepared("reseal_tickets_batch", vault.current_key(), limit)) {
    const auto context = applicant_context(r[1].as<std::string>());
    const auto plain = vault.open({r[3].as<int>(), r[2].as<std::string>()}, context);
    const auto sealed = vault.seal(plain, context);
    tx.exec_prepared0("reseal_ticket", r[0].as<std::int64_t>(), sealed.text, sealed.key_id);
    ++done;
  }
  return done;
}

std::int64_t behind(Tx& tx, int key) { return tx.exec_prepared1("tickets_behind", key)[0].as<std::int64_t>(); }

int purge_answered(Tx& tx, int days, int limit) {
  return static_cast<int>(tx.exec_prepared0("purge_answered_tickets", days, limit).affected_rows());
}

}  // namespace sealed_tickets
}  // namespace ow::store
