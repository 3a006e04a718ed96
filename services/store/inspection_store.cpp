// SQL for inspection findings.
#include "services/store/inspection_store.hpp"
#include "services/store/pg_types.hpp"
#include "services/store/sql_text.hpp"

namespace ow::store {

namespace {
template <class T>
std::optional<T> opt(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<T>();
}
}  // namespace

const std::vector<Statement>& inspection_statements() {
  static const std::vector<Statement> list = {
      {"inspection_insert",
       "INSERT INTO inspection_findings (kind, region_code, hall_code, window_code, department_code, inspected_on, "
       "finding, rectification, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8, $9, "
       "$10::timestamptz) RETURNING id"},
      {"inspection_list",
       "SELECT id, kind, region_code, hall_code, window_code, department_code, to_char(inspected_on, 'YYYY-MM-DD'), "
       "finding, rectification, recorded_by, " OW_SQL_CST(
           "recorded_at") " FROM inspection_findings WHERE region_code LIKE $1 || '%' AND ($2 = '' OR kind = $2) "
                          "AND inspected_on BETWEEN $3::date AND $4::date ORDER BY inspected_on, id"},
  };
  return list;
}

namespace inspections {

std::int64_t insert(Tx& tx, const FindingRow& f) {
  return tx
      .exec_prepared1("inspection_insert", f.kind, f.region_code, f.hall_code, f.window_code, f.department_code,
                      f.inspected_on, f.finding, f.rectification, f.recorded_by, f.recorded_at)[0]
      .as<std::int64_t>();
}

std::vector<FindingRow> list(Tx& tx, const std::string& region_prefix, const std::string& kind,
                             const std::string& from, const std::string& to) {
  std::vector<FindingRow> out;
  for (const auto& r : tx.exec_prepared("inspection_list", region_prefix, kind, from, to))
    out.push_back({r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(), opt<std::string>(r[3]),
                   opt<std::string>(r[4]), opt<std::string>(r[5]), r[6].as<std::string>(), r[7].as<std::string>(),
                   r[8].as<std::string>(), r[9].as<std::string>(), r[10].as<std::string>()});
  return out;
}

}  // namespace inspections
}  // namespace ow::store
