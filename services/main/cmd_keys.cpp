// `onewindow keys`: the personal-data key file (init), rotation to a new key, re-sealing (which also seals
// rows written before sealing existed, and resumes a rotation that stopped half-way), and status.
#include <chrono>
#include <iostream>
#include <thread>

#include "services/main/args.hpp"
#include "services/main/commands.hpp"
#include "services/platform/config.hpp"
#include "services/store/delivery_choice_store.hpp"
#include "services/store/pg_pool.hpp"
#include "services/store/sealed_rows_store.hpp"
#include "services/store/sealed_tickets_store.hpp"
#include "services/store/statements.hpp"
#include "services/store/survey_store.hpp"
#include "services/store/vault.hpp"

namespace ow::cli {
namespace {

// Raises the key floor to the current key, then re-seals batch after batch until no row is behind it.
// Rows another transaction holds are skipped and taken on a later round.
std::int64_t reseal(store::PgPool& pool) {
  const auto vault = store::vault();
  const int key = vault->current_key();
  pool.transact([&](store::Tx& tx) {
    store::sealed_rows::check_key_fingerprints(tx, *vault);  // the right key file, and the new key recorded
    store::sealed_rows::raise_key_floor(tx, key);
  });
  // A writer that read the old floor before it rose may still commit a row on a retired key: wait until every
  // transaction older than now has ended, so that "none behind" below really means none.
  const auto mark = pool.transact([](store::Tx& tx) { return store::sealed_rows::transaction_mark(tx); });
  for (int waited_ms = 0;
       !pool.transact([&](store::Tx& tx) { return store::sealed_rows::older_transactions_done(tx, mark); });
       waited_ms += 50) {
    if (waited_ms > 120000)
      throw std::runtime_error(
          "a database transaction older than the rotation is still open after 2 minutes; "
          "run `onewindow keys reseal` again once it has ended");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::int64_t total = 0;
  for (;;) {
    const auto [done, behind] = pool.transact([&](store::Tx& tx) {
      const int n = store::sealed_rows::reseal_cases(tx, *vault, 200) +
                    store::sealed_rows::reseal_idempotency(tx, *vault, 200) +
                    store::sealed_tickets::reseal(tx, *vault, 200) + store::survey::reseal_corrections(tx, *vault, 200) +
                    store::delivery_choices::reseal(tx, *vault, 200);
      return std::pair{n, store::sealed_rows::behind(tx, key)};
    });
    total += done;
    if (done > 0) std::cerr << "re-sealed " << total << " row(s); " << behind << " to go\n";
    if (behind == 0) return total;
    if (done == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace

void use_personal_data_keys(const platform::Config& config) {
  store::use_vault_file(config.path("keys.personal_data_file"));
}

int keys(const std::vector<std::string>& words, const std::string& config_path) {
  Args a(words, {"file"}, {});
  if (a.positional().size() != 1) throw UsageError("usage: onewindow keys init|rotate|reseal|status");
  const std::string sub = a.positional()[0];
  const auto config = platform::Config::load(config_path);
  const auto file = a.get("file") ? std::filesystem::path(*a.get("file")) : config.path("keys.personal_data_file");
  if (sub == "init") {
    if (std::filesystem::exists(file)) {
      std::cout << file.string() << " exists; kept\n";
      return kOk;
    }
    store::Vault::create_key_file(file);
    std::cout << "created " << file.string() << " (back it up apart from the database: a lost key loses the data)\n";
    return kOk;
  }
  if (sub != "rotate" && sub != "reseal" && sub != "status") throw UsageError("unknown keys command '" + sub + "'");
  store::PgPool pool(config.text("db.url"), 1, std::chrono::milliseconds(5000), store::all_statements());
  if (sub == "rotate") {
    const auto pending = [&] {
      store::use_vault_file(file);
      const int key = store::vault()->current_key();
      return pool.transact([&](store::Tx& tx) {
        return std::pair{store::sealed_rows::key_floor(tx), store::sealed_rows::behind(tx, key)};
      });
    }();
    if (pending.first == store::vault()->current_key() && pending.second > 0) {
      std::cout << "resuming the rotation to key " << store::vault()->current_key() << "\n";
    } else {
      const int id = store::Vault::add_key(file);
      std::cout << "key " << id << " added to " << file.string() << " and made current\n";
    }
  }
  store::use_vault_file(file);
  if (sub == "status") {
    const int key = store::vault()->current_key();
    const auto [floor, behind] = pool.transact([&](store::Tx& tx) {
      return std::pair{store::sealed_rows::key_floor(tx), store::sealed_rows::behind(tx, key)};
    });
    std::cout << "current key " << key << ", oldest key the database accepts " << floor << ", rows behind " << behind
              << "\n";
    return kOk;
  }
  const auto n = reseal(pool);
  std::cout << "every row is sealed with key " << store::vault()->current_key() << " (" << n << " re-sealed)\n";
  return kOk;
}

}  // namespace ow::cli
