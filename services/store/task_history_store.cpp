// SQL for the approver's 已办 list.
#include "services/store/task_history_store.hpp"
#include "services/store/pg_types.hpp"

#include "services/store/sql_text.hpp"

namespace ow::store {

const std::vector<Statement>& task_history_statements() {
  // The decision events of the task machine (workflow/machines/task_machine.cpp) audited on a step of the case;
  // count(*) OVER () is the total before LIMIT / OFFSET.
  // clang-format off
  static const std::vector<Statement> list = {
      {"task_decisions",
       "SELECT a.id, t.id, a.event, " OW_SQL_CST("a.at") ", t.step, t.state, c.number, c.bundle_code,"
       " c.catalog_version, a.actor, u.display_name, count(*) OVER ()"
       " FROM case_audit a JOIN tasks t ON t.case_id = a.case_id AND t.step = a.entity"
       " JOIN cases c ON c.id = a.case_id"
       " LEFT JOIN users u ON a.actor LIKE 'user:%' AND u.id::text = substr(a.actor, 6)"
       " WHERE a.event IN ('approve', 'reject', 'request_supplement') AND t.department_code = $1"
       " AND c.region_code LIKE $2 || '%' AND ($3::text IS NULL OR a.actor = $3)"
       " ORDER BY a.at DESC, a.id DESC LIMIT $4 OFFSET $5"},
  };
  // clang-format on
  return list;
}

namespace task_history {

DecisionPage decisions(Tx& tx, const DecisionFilter& f) {
  DecisionPage page;
  for (const auto& r : tx.exec_prepared("task_decisions", f.department, f.region_prefix, f.actor, f.limit, f.offset)) {
    DecisionRow d;
    d.audit_id = r[0].as<std::int64_t>();
    d.task_id = r[1].as<std::int64_t>();
    d.event = r[2].as<std::string>();
    d.at = r[3].as<std::string>();
    d.step = r[4].as<std::string>();
    d.task_state = r[5].as<std::string>();
    d.number = r[6].as<std::string>();
    d.bundle_code = r[7].as<std::string>();
    d.catalog_version = r[8].as<int>();
    d.actor = r[9].as<std::string>();
    if (!r[10].is_null()) d.actor_name = r[10].as<std::string>();
    page.total = r[11].as<std::int64_t>();
    page.rows.push_back(std::move(d));
  }
  return page;
}

}  // namespace task_history
}  // namespace ow::store
