// Idempotency records in PostgreSQL: the answer kept for an actor's Idempotency-Key (sealed), taken under a
// transaction-scoped lock on the key.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

const std::vector<Statement>& idempotency_statements();

namespace idempotency {
struct Stored {
  std::string request_hash;
  int status = 0;
  std::string response;
};
// Takes a transaction-scoped lock on (actor, key) first, so two identical requests never both run.
std::optional<Stored> find_locked(Tx& tx, const std::string& actor, const std::string& key);
void put(Tx& tx, const std::string& actor, const std::string& key, const std::string& request_hash, int status,
         const std::string& response);
// The context a kept answer is sealed under (services/store/vault.hpp): bound to its actor and key.
std::string sealed_response_context(const std::string& actor, const std::string& key);
// find_locked, for a request whose body hashes to `request_hash`: what was kept when the same request came
// before, nothing for a new key; throws IdempotencyKeyReused (422) when the key came with another body.
std::optional<Stored> find_same(Tx& tx, const std::string& actor, const std::string& key,
                                const std::string& request_hash);
}  // namespace idempotency

}  // namespace ow::store
