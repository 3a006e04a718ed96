// SQL of inspection findings (sql/051): hall patrols, district self-checks and guide consistency checks that
// supervisors record against a hall, a window or a department.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

const std::vector<Statement>& inspection_statements();

struct FindingRow {
  std::int64_t id = 0;
  std::string kind, region_code;
  std::optional<std::string> hall_code, window_code, department_code;
  std::string inspected_on, finding, rectification, recorded_by, recorded_at;
};

namespace inspections {
std::int64_t insert(Tx& tx, const FindingRow& f);
// Findings within the region inspected on days [from, to] (dates, inclusive); kind empty: every kind.
std::vector<FindingRow> list(Tx& tx, const std::string& region_prefix, const std::string& kind,
                             const std::string& from, const std::string& to);
}  // namespace inspections

}  // namespace ow::store
