// SQL for re-sealing, the key floor and the purges.
#include "services/store/sealed_rows_store.hpp"

#include "services/store/case_personal_data.hpp"
#include "services/store/case_store.hpp"
#include "services/store/idempotency_store.hpp"
#include "services/store/delivery_choice_store.hpp"
#include "services/store/pg_types.hpp"
#include "services/store/sealed_tickets_store.hpp"
#include "services/store/survey_store.hpp"

namespace ow::store {

const std::vector<Statement>& sealed_rows_statements() {
  static const std::vector<Statement> list = {
      {"key_floor_raise", "UPDATE personal_data_key_floor SET floor = greatest(floor, $1)"},
      {"key_floor", "SELECT floor FROM personal_data_key_floor"},
      {"key_fingerprints", "SELECT key_id, fingerprint FROM personal_data_key_fingerprints"},
      {"key_fingerprint_record",
       "INSERT INTO personal_data_key_fingerprints (key_id, fingerprint) VALUES ($1, $2) ON CONFLICT (key_id) DO NOTHING"},
      {"key_floor_mark", "SELECT txid_current()"},
      {"key_floor_settled", "SELECT txid_snapshot_xmin(txid_current_snapshot()) > $1"},
      {"reseal_cases_batch",
       "SELECT id, number, applicant::text, phone, applicant_sealed, phone_sealed, pii_key FROM cases"
       " WHERE pii_key < $1 AND (applicant IS NOT NULL OR applicant_sealed IS NOT NULL)"
       " ORDER BY pii_key, id LIMIT $2 FOR NO KEY UPDATE SKIP LOCKED"},
      {"reseal_case",
       "UPDATE cases SET applicant = NULL, phone = NULL, applicant_sealed = $2, phone_sealed = $3, pii_key = $4,"
       " holder_index = NULLIF($5, ''), phone_index = NULLIF($6, '') WHERE id = $1"},
      {"reseal_idempotency_batch",
       "SELECT actor, key, response, response_sealed, pii_key FROM idempotency_keys WHERE pii_key < $1"
       " LIMIT $2 FOR UPDATE SKIP LOCKED"},
      {"reseal_idempotency",
       "UPDATE idempotency_keys SET response = NULL, response_sealed = $3, pii_key = $4 WHERE actor = $1 AND key = $2"},
      {"sealed_rows_behind",
       "SELECT (SELECT count(*) FROM cases WHERE pii_key < $1"
       "         AND (applicant IS NOT NULL OR applicant_sealed IS NOT NULL))"
       "     + (SELECT count(*) FROM idempotency_keys WHERE pii_key < $1)"},
      {"idempotency_purge",
       "DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys"
       " WHERE created_at < now() - make_interval(hours => $1) LIMIT $2)"},
      // The sampling frame's corrected contacts (sql/040) and the posting address (sql/110) of a purged case go with
      // it. Archived cases only: the archive package (电子归档) keeps what the law requires and is written first; a
      // case that ended but is not archived yet (its package not written) keeps its personal data until it is.
      {"purge_archived_personal_data",
       "WITH purged AS (UPDATE cases SET applicant = NULL, phone = NULL, applicant_sealed = NULL, phone_sealed = NULL,"
       " holder_index = NULL, phone_index = NULL WHERE id IN (SELECT id FROM cases"
       " WHERE state = 'Archived' AND ended_at < now() - make_interval(days => $1)"
       " AND (applicant IS NOT NULL OR applicant_sealed IS NOT NULL) ORDER BY id LIMIT $2 FOR NO KEY UPDATE SKIP LOCKED)"
       " RETURNING id, number, state), corrections AS (UPDATE contact_corrections SET contact_sealed = NULL"
       " WHERE case_id IN (SELECT id FROM purged)), addresses AS (UPDATE delivery_choices SET address_sealed = NULL"
       " WHERE case_id IN (SELECT id FROM purged)) SELECT id, number, state FROM purged"},
  };
  return list;
}

namespace sealed_rows {

void raise_key_floor(Tx& tx, int key) { tx.exec_prepared0("key_floor_raise", key); }

int key_floor(Tx& tx) { return tx.exec_prepared1("key_floor")[0].as<int>(); }

void check_key_fingerprints(Tx& tx, const Vault& vault) {
  std::map<int, std::string> recorded;
  for (const auto& r : tx.exec_prepared("key_fingerprints")) recorded[r[0].as<int>()] = r[1].as<std::string>();
  for (const auto& [id, print] : vault.fingerprints()) {
    const auto it = recorded.find(id);
    if (it == recorded.end()) {
      tx.exec_prepared0("key_fingerprint_record", id, print);
    } else if (it->second != print) {
      throw VaultError(std::string(id == 0 ? "the blind-index key" : "key " + std::to_string(id)) +
                       " of the key file is not the one this database's rows were sealed with: wrong key file "
                       "(keys.personal_data_file)?");
    }
  }
}

std::int64_t transaction_mark(Tx& tx) { return tx.exec_prepared1("key_floor_mark")[0].as<std::int64_t>(); }

bool older_transactions_done(Tx& tx, std::int64_t mark) {
  return tx.exec_prepared1("key_floor_settled", mark)[0].as<bool>();
}

int reseal_cases(Tx& tx, const Vault& vault, int limit) {
  int done = 0;
  for (const auto& r : tx.exec_prepared("reseal_cases_batch", vault.current_key(), limit)) {
    const auto number = r[1].as<std::string>();
    const int key = r[6].as<int>();
    auto [applicant, phone] =  // the plain columns: written before migration 015
        r[4].is_null() ? std::pair{r[2].as<std::string>(), r[3].as<std::string>()}
                       : open_personal_data(vault, number, key, r[4].as<std::string>(), r[5].as<std::string>());
    const auto sealed = seal_personal_data(vault, number, applicant, phone);
    tx.exec_prepared0("reseal_case", r[0].as<std::int64_t>(), sealed.applicant, sealed.phone, sealed.key,
                      sealed.holder_index, sealed.phone_index);
    ++done;
  }
  return done;
}

int reseal_idempotency(Tx& tx, const Vault& vault, int limit) {
  int done = 0;
  for (const auto& r : tx.exec_prepared("reseal_idempotency_batch", vault.current_key(), limit)) {
    const auto actor = r[0].as<std::string>(), key = r[1].as<std::string>();
    const auto context = idempotency::sealed_response_context(actor, key);
    const int sealed_with = r[4].as<int>();
    const std::string plain =
        r[3].is_null() ? r[2].as<std::string>() : vault.open({sealed_with, r[3].as<std::string>()}, context);
    const auto sealed = vault.seal(plain, context);
    tx.exec_prepared0("reseal_idempotency", actor, key, sealed.text, sealed.key_id);
    ++done;
  }
  return done;
}

std::int64_t behind(Tx& tx, int key) {
  return tx.exec_prepared1("sealed_rows_behind", key)[0].as<std::int64_t>() +
         sealed_tickets::behind(tx, key) +      // 12345 tickets (issue 18): services/store/sealed_tickets_store
         survey::corrections_behind(tx, key) +  // the sampling frame's corrected contacts (issue 18)
         delivery_choices::behind(tx, key);     // applicants' posting addresses (issue 20)
}

int purge_idempotency(Tx& tx, int hours, int limit) {
  return static_cast<int>(tx.exec_prepared0("idempotency_purge", hours, limit).affected_rows());
}

std::vector<PurgedCase> purge_archived(Tx& tx, int days, int limit) {
  std::vector<PurgedCase> out;
  for (const auto& r : tx.exec_prepared("purge_archived_personal_data", days, limit))
    out.push_back({r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>()});
  return out;
}

}  // namespace sealed_rows
}  // namespace ow::store
