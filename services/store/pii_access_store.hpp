// The personal-data access log (table pii_access, sql/012): one row per unmasked read of a case — who, which
// case, which route, when — never the personal data itself. Named statements and typed calls.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

const std::vector<Statement>& pii_access_statements();

struct PiiReader {
  std::int64_t user_id = 0;  // 0: no user (a department system, named by login and role)
  std::string login, role, route, request_id;
};

struct PiiAccessRow {
  std::int64_t id = 0, actor_id = 0;
  std::string at;  // ISO, China Standard Time
  std::string actor_login, actor_display_name, actor_role, case_number, route, request_id;
};

struct PiiAccessFilter {
  std::string region_prefix;                                   // cases whose region code starts with this
  std::optional<std::string> case_number, actor_login, since;  // since: ISO instant
  std::int64_t before_id = INT64_MAX;                          // cursor
  int limit = 50;
};

namespace pii_access {
// One row per case number, all in one statement.
void record(Tx& tx, const PiiReader& reader, const std::vector<std::string>& case_numbers);
// Newest first.
std::vector<PiiAccessRow> list(Tx& tx, const PiiAccessFilter& f);
}  // namespace pii_access

}  // namespace ow::store
