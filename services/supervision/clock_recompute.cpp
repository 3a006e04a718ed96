// Recomputing derived due instants.
#include "services/supervision/clock_recompute.hpp"

#include "services/acceptance/case_writer.hpp"
#include "services/acceptance/record_codec.hpp"
#include "services/store/case_store.hpp"

namespace ow::supervision {

RecomputeResult recompute_clocks(store::PgPool& pool, const calendar::ClockMath& math, calendar::Instant now) {
  RecomputeResult result;
  const auto ids = pool.transact([](pqxx::work& tx) { return store::cases::open_case_ids(tx); });
  for (const auto id : ids) {
    pool.transact([&](pqxx::work& tx) {
      auto row = store::cases::for_update_by_id(tx, id);
      if (!row) return;
      const auto tasks = store::cases::tasks(tx, id);
      const flow::CaseRecord record = acceptance::record_from_rows(*row, tasks);
      auto dues = [&](const store::CaseRow& c, const std::vector<store::TaskRow>& ts) {
        std::vector<std::optional<std::string>> out{c.committed_due_at, c.statutory_due_at};
        for (const auto& t : ts) out.push_back(t.due_at);
        return out;
      };
      const auto before = dues(*row, tasks);
      // The record unchanged, written again: derived instants are recomputed and the checks re-synced.
      flow::Decision same;
      same.after = record;
      same.clocks.push_back({"calendar", "recompute", ""});
      acceptance::write_decision(tx, *row, record, same, math, now);
      ++result.cases;
      if (dues(*row, store::cases::tasks(tx, id)) != before) ++result.moved;
    });
  }
  return result;
}

}  // namespace ow::supervision
