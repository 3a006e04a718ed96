// 12345 tickets' sealed applicant as rows of personal data (sql/050, sql/055): re-sealing them under the
// current key, counting those behind a key, and the retention purge of answered tickets' applicants. Kept
// apart from sealed_rows_store (cases, idempotency records), which counts these rows in its `behind`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"
#include "services/store/vault.hpp"

namespace ow::store {

const std::vector<Statement>& sealed_tickets_statements();

namespace sealed_tickets {
// The context a ticket's applicant is sealed under (services/supervision/hotline_desk).
std::string applicant_context(const std::string& hotline_id);
// Re-seals up to `limit` tickets whose applicant is not on the vault's current key (skipping rows locked by
// others); the blind index is kept (its key is never rotated). Returns how many.
int reseal(Tx& tx, const Vault& vault, int limit);
// Tickets whose applicant is still sealed with a key older than `key`.
std::int64_t behind(Tx& tx, int key);
// Erases the applicant (sealed value and blind index) of up to `limit` tickets answered more than `days` ago;
// returns how many.
int purge_answered(Tx& tx, int days, int limit);
}  // namespace sealed_tickets

}  // namespace ow::store
