// SQL of the archive queue.
#include "services/store/archive_queue_store.hpp"

#include "services/store/pg_types.hpp"

namespace ow::store {

const std::vector<Statement>& archive_queue_statements() {
  static const std::vector<Statement> list = {
      {"archive_concluded_cases",
       "SELECT number FROM cases WHERE state = 'Concluded' AND concluded_at <= $2::timestamptz"
       " ORDER BY concluded_at, id LIMIT $1"},
  };
  return list;
}

namespace archive_queue {
std::vector<std::string> concluded(Tx& tx, const std::string& before, int limit) {
  std::vector<std::string> out;
  for (const auto& r : tx.exec_prepared("archive_concluded_cases", limit, before)) out.push_back(r[0].as<std::string>());
  return out;
}
}  // namespace archive_queue

}  // namespace ow::store
