// SQL for the applicant's delivery choice.
#include "services/store/delivery_choice_store.hpp"

#include "services/store/pg_types.hpp"
#include "services/store/sql_text.hpp"

namespace ow::store {
namespace {

std::string context(const std::string& number) { return "delivery_choices.address:" + number; }

}  // namespace

const std::vector<Statement>& delivery_choice_statements() {
  static const std::vector<Statement> list = {
      {"delivery_choice_record",
       "INSERT INTO delivery_choices (case_id, method, address_sealed, pii_key) VALUES ($1, $2, NULLIF($3, ''), $4)"
       " ON CONFLICT (case_id) DO UPDATE SET method = EXCLUDED.method, address_sealed = EXCLUDED.address_sealed,"
       " pii_key = EXCLUDED.pii_key, chosen_at = now()"},
      {"delivery_choice_of_case",
       "SELECT method, address_sealed, pii_key, " OW_SQL_CST("chosen_at") " FROM delivery_choices WHERE case_id = $1"},
      {"delivery_choice_reseal_batch",
       "SELECT x.case_id, c.number, x.address_sealed, x.pii_key FROM delivery_choices x JOIN cases c ON c.id = x.case_id"
       " WHERE x.pii_key < $1 AND x.address_sealed IS NOT NULL ORDER BY x.pii_key, x.case_id LIMIT $2"
       " FOR NO KEY UPDATE OF x SKIP LOCKED"},
      {"delivery_choice_reseal", "UPDATE delivery_choices SET address_sealed = $2, pii_key = $3 WHERE case_id = $1"},
      {"delivery_choices_behind",
       "SELECT count(*) FROM delivery_choices WHERE pii_key < $1 AND address_sealed IS NOT NULL"},
  };
  return list;
}

namespace delivery_choices {

void record(Tx& tx, std::int64_t case_id, const std::string& number, const std::string& method,
            const std::string& address_json) {
  if (address_json.empty()) {
    tx.exec_prepared0("delivery_choice_record", case_id, method, std::string(), vault()->current_key());
    return;
  }
  const auto sealed = vault()->seal(address_json, context(number));
  tx.exec_prepared0("delivery_choice_record", case_id, method, sealed.text, sealed.key_id);
}

std::optional<DeliveryChoiceRow> of_case(Tx& tx, std::int64_t case_id, const std::string& number) {
  auto r = tx.exec_prepared("delivery_choice_of_case", case_id);
  if (r.empty()) return std::nullopt;
  DeliveryChoiceRow row{r[0][0].as<std::string>(), std::nullopt, r[0][3].as<std::string>()};
  if (!r[0][1].is_null()) {
    const int key = r[0][2].as<int>();
    row.address_json = vault_for(key)->open({key, r[0][1].as<std::string>()}, context(number));
  }
  return row;
}

int reseal(Tx& tx, const Vault& vault, int limit) {
  int done = 0;
  for (const auto& r : tx.exec_prepared("delivery_choice_reseal_batch", vault.current_key(), limit)) {
    const auto bound = context(r[1].as<std::string>());
    const auto sealed = vault.seal(vault.open({r[3].as<int>(), r[2].as<std::string>()}, bound), bound);
    tx.exec_prepared0("delivery_choice_reseal", r[0].as<std::int64_t>(), sealed.text, sealed.key_id);
    ++done;
  }
  return done;
}

std::int64_t behind(Tx& tx, int key) { return tx.exec_prepared1("delivery_choices_behind", key)[0].as<std::int64_t>(); }

}  // namespace delivery_choices
}  // namespace ow::store
