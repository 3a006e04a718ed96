// SQL of the archive queue.
#include "services/store/archive_queue_store.hpp"

#include "services/store/pg_types.hpp"

namespace ow::store {

const std::vector<Statement>& archive_queue_statements() {
  // The IN list is sql/160's index predicate, word for word (so the planner uses it).
  static const std::vector<Statement> list = {
      {"archive_ended_cases",
       "SELECT number FROM cases WHERE state IN ('Concluded', 'NotPermitted', 'Refused', 'Revoked', 'Withdrawn')"
       " AND ended_at <= $2::timestamptz"
       " AND NOT (state = 'Concluded' AND EXISTS (SELECT 1 FROM jsonb_array_elements(commitments) e"
       "          WHERE COALESCE(e->>'outcome', '') = ''))"
       " ORDER BY ended_at, id LIMIT $1"},
  };
  return list;
}

namespace archive_queue {
const std::vector<std::string>& archivable_states() {
  static const std::vector<std::string> states = {"Concluded", "NotPermitted", "Refused", "Revoked", "Withdrawn"};
  return states;
}

std::vector<std::string> ended(Tx& tx, const std::string& before, int limit) {
  std::vector<std::string> out;
  for (const auto& r : tx.exec_prepared("archive_ended_cases", limit, before)) out.push_back(r[0].as<std::string>());
  return out;
}
}  // namespace archive_queue

}  // namespace ow::store
