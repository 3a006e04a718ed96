// `onewindow audit`: verifies the audit trail's hash chains and daily anchors, and writes an anchor.
#include <iostream>

#include "services/main/args.hpp"
#include "services/main/commands.hpp"
#include "services/platform/config.hpp"
#include "services/store/audit_chain_store.hpp"
#include "services/store/pg_pool.hpp"
#include "services/store/statements.hpp"

namespace ow::cli {

int audit(const std::vector<std::string>& words, const std::string& config_path) {
  Args a(words, {"case", "since", "day"}, {"all"});
  if (a.positional().size() != 1)
    throw UsageError("usage: onewindow audit verify [--case N | --all] [--since DATE] | anchor [--day DATE]");
  const std::string sub = a.positional()[0];
  const auto config = platform::Config::load(config_path);
  store::PgPool pool(config.text("db.url"), 1, std::chrono::milliseconds(5000), store::all_statements());
  namespace chain = store::audit_chain;
  if (sub == "anchor") {
    const auto day = a.get("day");
    if (!day) throw UsageError("anchor needs --day YYYY-MM-DD");
    const auto [anchor, written] = pool.transact([&](store::Tx& tx) { return chain::write_anchor(tx, *day); });
    std::cout << (written ? "anchored " : "already anchored ") << anchor.day << " root " << anchor.root << " ("
              << anchor.cases << " case(s))\n";
    return kOk;
  }
  if (sub != "verify") throw UsageError("unknown audit command '" + sub + "'");
  if (a.get("case") && a.flag("all")) throw UsageError("give --case N or --all, not both");
  const auto since = a.get("since");
  int broken = 0;
  std::size_t checked = 0;
  pool.transact([&](store::Tx& tx) {
    std::vector<std::int64_t> ids;
    if (const auto number = a.get("case")) {
      const auto id = chain::case_id_of(tx, *number);
      if (!id) throw UsageError("no case " + *number);
      ids.push_back(*id);
    } else {
      ids = chain::cases(tx, since);
    }
    for (const auto id : ids) {
      ++checked;
      if (const auto b = chain::verify_case(tx, id)) {
        ++broken;
        std::cout << "BROKEN case id " << b->case_id << ", audit row " << b->row_id << ": " << b->what << "\n";
      }
    }
    if (a.get("case")) return;
    for (const auto& [stored, now] : chain::anchors_since(tx, since)) {
      if (stored.root == now.root) continue;
      ++broken;
      std::cout << "BROKEN anchor of " << stored.day << ": stored root " << stored.root << " (" << stored.cases
                << " case(s)), the chains give " << now.root << " (" << now.cases << " case(s))\n";
    }
  });
  std::cout << checked << " case chain(s) checked; "
            << (broken == 0 ? "all intact" : std::to_string(broken) + " broken") << "\n";
  return broken == 0 ? kOk : kFailure;
}

}  // namespace ow::cli
