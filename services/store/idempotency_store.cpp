// SQL for idempotency records.
#include "services/store/idempotency_store.hpp"
#include "services/store/pg_types.hpp"

#include "services/store/errors.hpp"
#include "services/store/vault.hpp"

namespace ow::store {

const std::vector<Statement>& idempotency_statements() {
  static const std::vector<Statement> list = {
      // The key's advisory lock, then its kept answer, in one round trip (sql/175): the read sees an answer
      // committed while it waited for the lock.
      {"idempotency_take",
       "SELECT request_hash, status, response, response_sealed, pii_key FROM idempotency_take($1, $2)"},
      {"idempotency_put",
       "INSERT INTO idempotency_keys (actor, key, request_hash, status, response_sealed, pii_key)"
       " VALUES ($1, $2, $3, $4, $5, $6)"},
  };
  return list;
}

namespace idempotency {

std::optional<Stored> find_locked(Tx& tx, const std::string& actor, const std::string& key) {
  auto r = tx.exec_prepared("idempotency_take", actor, key);
  if (r.empty()) return std::nullopt;
  const int sealed_with = r[0][4].as<int>();
  std::string response =  // the plain column: kept before migration 015
      r[0][3].is_null()
          ? r[0][2].as<std::string>()
          : vault_for(sealed_with)->open({sealed_with, r[0][3].as<std::string>()}, sealed_response_context(actor, key));
  return Stored{r[0][0].as<std::string>(), r[0][1].as<int>(), std::move(response)};
}

void put(Tx& tx, const std::string& actor, const std::string& key, const std::string& request_hash, int status,
         const std::string& response) {
  const auto sealed = vault()->seal(response, sealed_response_context(actor, key));
  tx.exec_prepared0("idempotency_put", actor, key, request_hash, status, sealed.text, sealed.key_id);
}

std::string sealed_response_context(const std::string& actor, const std::string& key) {
  return "idempotency_keys.response:" + actor + "\n" + key;
}

std::optional<Stored> find_same(Tx& tx, const std::string& actor, const std::string& key,
                                const std::string& request_hash) {
  auto stored = find_locked(tx, actor, key);
  if (stored && stored->request_hash != request_hash)
    throw IdempotencyKeyReused("this Idempotency-Key was used with a different body");
  return stored;
}

}  // namespace idempotency
}  // namespace ow::store
