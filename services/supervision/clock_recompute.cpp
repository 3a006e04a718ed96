// Recomputing derived due instants: each open case locked and its unchanged record written again through the
// casework repository (the decision writer derives due instants and re-syncs the timekeeper's checks).
#include "services/supervision/clock_recompute.hpp"

#include "services/casework/pg_case_repository.hpp"
#include "services/store/case_store.hpp"

namespace ow::supervision {

RecomputeResult recompute_clocks(store::PgPool& pool, const calendar::ClockMath& math, calendar::Instant now) {
  RecomputeResult result;
  casework::PgCaseRepository cases(pool, math);
  const auto ids = pool.transact([](store::Tx& tx) { return store::cases::open_case_ids(tx); });
  for (const auto id : ids) {
    // Counted once the transaction has committed (a retried attempt must not count twice).
    const auto outcome = cases.in_transaction([&](casework::CaseTransaction& tx) -> std::optional<bool> {
      auto file = tx.lock(casework::CaseKey::of_id(id));
      if (!file) return std::nullopt;
      auto dues = [](const casework::CaseFile& f) {
        std::vector<std::optional<std::string>> out{f.row.committed_due_at, f.row.statutory_due_at};
        for (const auto& t : f.tasks) out.push_back(t.due_at);
        return out;
      };
      const auto before = dues(*file);
      // The record unchanged, written again: derived instants are recomputed and the checks re-synced.
      flow::Decision same;
      same.after = file->record;
      same.clocks.push_back({"calendar", "recompute", ""});
      tx.write(*file, same, now);
      return dues(*file) != before;
    });
    if (!outcome) continue;
    ++result.cases;
    if (*outcome) ++result.moved;
  }
  return result;
}

}  // namespace ow::supervision
