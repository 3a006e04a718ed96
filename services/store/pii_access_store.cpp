// SQL for the personal-data access log.
#include "services/store/pii_access_store.hpp"
#include "services/store/pg_types.hpp"

#include "services/store/sql_text.hpp"

namespace ow::store {

const std::vector<Statement>& pii_access_statements() {
  static const std::vector<Statement> list = {
      {"pii_access_insert",
       "INSERT INTO pii_access (actor_id, actor_login, actor_role, case_number, route, request_id)"
       " SELECT NULLIF($1::bigint, 0), $2, $3, n, $5, $6 FROM unnest($4::text[]) AS n"},
      {"pii_access_list",
       "SELECT p.id, " OW_SQL_CST(
           "p.at") ", COALESCE(p.actor_id, 0), p.actor_login, COALESCE(u.display_name, ''), p.actor_role, p.case_number,"
                   " p.route, p.request_id FROM pii_access p JOIN cases c ON c.number = p.case_number LEFT JOIN users u ON u.id = p.actor_id"
                   " WHERE c.region_code LIKE $1 || '%' AND ($2::text IS NULL OR p.case_number = $2) AND ($3::text IS NULL OR p.actor_login = $3)"
                   " AND ($4::timestamptz IS NULL OR p.at >= $4::timestamptz) AND p.id < $5 ORDER BY p.id DESC LIMIT $6"},
  };
  return list;
}

namespace pii_access {
void record(Tx& tx, const PiiReader& reader, const std::vector<std::string>& case_numbers) {
  if (case_numbers.empty()) return;
  tx.exec_prepared0("pii_access_insert", reader.user_id, reader.login, reader.role, text_array_literal(case_numbers),
                    reader.route, reader.request_id);
}

std::vector<PiiAccessRow> list(Tx& tx, const PiiAccessFilter& f) {
  std::vector<PiiAccessRow> out;
  for (const auto& r : tx.exec_prepared("pii_access_list", f.region_prefix, f.case_number, f.actor_login, f.since,
                                        f.before_id, f.limit))
    out.push_back({r[0].as<std::int64_t>(), r[2].as<std::int64_t>(), r[1].as<std::string>(), r[3].as<std::string>(),
                   r[4].as<std::string>(), r[5].as<std::string>(), r[6].as<std::string>(), r[7].as<std::string>(),
                   r[8].as<std::string>()});
  return out;
}

}  // namespace pii_access
}  // namespace ow::store
