// Named statements of query codes.
#include "services/store/query_code_store.hpp"
#include "services/store/pg_types.hpp"

namespace ow::store {

const std::vector<Statement>& query_code_statements() {
  static const std::vector<Statement> list = {
      {"query_code_issue",
       "INSERT INTO case_query_codes (case_id, code) VALUES ($1, $2) ON CONFLICT (case_id) DO NOTHING"},
      {"query_code_of_case", "SELECT code FROM case_query_codes WHERE case_id = $1"},
      {"query_code_of_number",
       "SELECT q.code FROM cases c JOIN case_query_codes q ON q.case_id = c.id WHERE c.number = $1"},
      {"query_code_database", "SELECT current_database()"},
  };
  return list;
}

namespace query_codes {

void issue(Tx& tx, std::int64_t case_id, const std::string& code) {
  tx.exec_prepared0("query_code_issue", case_id, code);
}

std::optional<std::string> of_case(Tx& tx, std::int64_t case_id) {
  auto r = tx.exec_prepared("query_code_of_case", case_id);
  if (r.empty()) return std::nullopt;
  return r[0][0].as<std::string>();
}

std::optional<std::string> of_number(Tx& tx, const std::string& number) {
  auto r = tx.exec_prepared("query_code_of_number", number);
  if (r.empty()) return std::nullopt;
  return r[0][0].as<std::string>();
}

std::string database_name(Tx& tx) { return tx.exec_prepared1("query_code_database")[0].as<std::string>(); }

}  // namespace query_codes
}  // namespace ow::store
