// SQL of query codes (查询码, sql/011_query_codes.sql): issuing one when a case is accepted, reading it for
// the clerk's receipt and for the public lookup. The code is kept apart from the case row on purpose: staff
// views never see it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

const std::vector<Statement>& query_code_statements();

namespace query_codes {
// Stores the case's code unless it already has one (a case is accepted once).
void issue(Tx& tx, std::int64_t case_id, const std::string& code);
std::optional<std::string> of_case(Tx& tx, std::int64_t case_id);
// The code of the case with that number; nullopt when there is no such case or it has no code (never accepted).
std::optional<std::string> of_number(Tx& tx, const std::string& number);
// The database's name: deployments sharing one Redis keep their lookup counters apart by it.
std::string database_name(Tx& tx);
}  // namespace query_codes

}  // namespace ow::store
