// Rows that hold sealed personal data, as a whole: re-sealing them under the current key (rotation, and the
// first sealing of rows written before migration 015), the key floor, expiry of idempotency records, and
// the retention purge of concluded cases' personal data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"
#include "services/store/vault.hpp"

namespace ow::store {

const std::vector<Statement>& sealed_rows_statements();

namespace sealed_rows {
// From now on PostgreSQL refuses rows sealed with a key older than `key` (SQLSTATE OW001).
void raise_key_floor(Tx& tx, int key);
int key_floor(Tx& tx);
// This transaction's id, and whether every transaction older than a given one has ended: after raising the
// floor, a rotation waits for writers that read the old floor before it trusts "no row behind".
std::int64_t transaction_mark(Tx& tx);
bool older_transactions_done(Tx& tx, std::int64_t mark);
// Re-seals up to `limit` rows not on the vault's current key (skipping rows locked by others); returns how many.
int reseal_cases(Tx& tx, const Vault& vault, int limit);
int reseal_idempotency(Tx& tx, const Vault& vault, int limit);
// Rows (cases, idempotency records, 12345 tickets, corrected contacts, posting addresses) still sealed with a key older
// than `key`, or not sealed at all.
std::int64_t behind(Tx& tx, int key);
// Compares the vault's key fingerprints with those the database recorded, and records the new ones. Throws
// VaultError naming the first key that differs (a wrong key file).
void check_key_fingerprints(Tx& tx, const Vault& vault);
// Deletes up to `limit` idempotency records older than `hours`; returns how many.
int purge_idempotency(Tx& tx, int hours, int limit);

struct PurgedCase {
  std::int64_t id = 0;
  std::string number, state;
};
// Drops the personal data (applicant, phone, indexes) of up to `limit` archived cases that ended more than
// `days` ago — never of a case whose archive package is not written yet; the caller audits each.
std::vector<PurgedCase> purge_archived(Tx& tx, int days, int limit);
}  // namespace sealed_rows

}  // namespace ow::store
