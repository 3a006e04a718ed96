// The applicant's delivery choice (table delivery_choices, sql/110): named statements and typed calls. The posting
// address ({recipient, phone, address} as JSON) is sealed here under "delivery_choices.address:<case number>".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"
#include "services/store/vault.hpp"

namespace ow::store {

const std::vector<Statement>& delivery_choice_statements();

struct DeliveryChoiceRow {
  std::string method;                       // window | post | electronic
  std::optional<std::string> address_json;  // post: opened; none otherwise, or erased by retention
  std::string chosen_at;                    // ISO, China Standard Time
};

namespace delivery_choices {
// Records (or replaces) the case's choice; `address_json` empty for none.
void record(Tx& tx, std::int64_t case_id, const std::string& number, const std::string& method,
            const std::string& address_json);
std::optional<DeliveryChoiceRow> of_case(Tx& tx, std::int64_t case_id, const std::string& number);
// Re-seals up to `limit` addresses not on the vault's current key (skipping rows locked by others); returns how many.
int reseal(Tx& tx, const Vault& vault, int limit);
// Addresses still sealed with a key older than `key`.
std::int64_t behind(Tx& tx, int key);
}  // namespace delivery_choices

}  // namespace ow::store
