// SQL for extension requests.
#include "services/store/extension_store.hpp"
#include "services/store/pg_types.hpp"

#include "services/store/sql_text.hpp"

namespace ow::store {

const std::vector<Statement>& extension_statements() {
  static const std::vector<Statement> list = {
      {"extension_insert",
       "INSERT INTO extension_requests (case_id, task_id, working_days, reason, requested_by, requested_at) "
       "VALUES ($1, $2, $3, $4, $5, $6::timestamptz) RETURNING id"},
      {"extensions_list",
       "SELECT e.id, e.case_id, e.task_id, e.requested_by, c.number, c.bundle_code, c.region_code, t.step, t.department_code, "
       "e.working_days, e.reason, ru.login, ru.display_name, " OW_SQL_CST("e.requested_at") ", e.state, du.login, du.display_name, " OW_SQL_CST("e.decided_at") ", e.refusal_reason, " OW_SQL_CST(
           "t.due_at") ", " OW_SQL_CST("c.committed_due_at") " "
                                                             "FROM extension_requests e JOIN cases c ON c.id = e.case_id JOIN tasks t ON t.id = e.task_id "
                                                             "JOIN users ru ON ru.id = e.requested_by LEFT JOIN users du ON du.id = e.decided_by "
                                                             "WHERE c.region_code LIKE $1 || '%' AND ($2::bigint IS NULL OR e.requested_by = $2) AND ($3::text IS NULL OR e.state = $3) "
                                                             "AND ($4::bigint IS NULL OR e.task_id = $4) AND ($5::bigint IS NULL OR e.id = $5) ORDER BY e.id DESC LIMIT $6"},
      {"extension_lock", "SELECT state FROM extension_requests WHERE id = $1 FOR UPDATE"},
      {"extension_decide",
       "UPDATE extension_requests SET state = $2, decided_by = $3, decided_at = $4::timestamptz, refusal_reason = $5 "
       "WHERE id = $1 AND state = 'pending'"},
  };
  return list;
}

namespace extensions {
namespace {
std::optional<std::string> opt(const pqxx::field& f) {
  return f.is_null() ? std::nullopt : std::optional<std::string>(f.as<std::string>());
}
}  // namespace

std::int64_t insert(Tx& tx, std::int64_t case_id, std::int64_t task_id, int working_days, const std::string& reason,
                    std::int64_t requested_by, const std::string& at) {
  return tx.exec_prepared1("extension_insert", case_id, task_id, working_days, reason, requested_by, at)[0]
      .as<std::int64_t>();
}

std::vector<ExtensionRequestRow> list(Tx& tx, const ExtensionFilter& f) {
  std::vector<ExtensionRequestRow> out;
  for (const auto& r :
       tx.exec_prepared("extensions_list", f.region_prefix, f.requested_by, f.state, f.task_id, f.id, f.limit)) {
    ExtensionRequestRow e;
    e.id = r[0].as<std::int64_t>();
    e.case_id = r[1].as<std::int64_t>();
    e.task_id = r[2].as<std::int64_t>();
    e.requested_by_id = r[3].as<std::int64_t>();
    e.number = r[4].as<std::string>();
    e.bundle_code = r[5].as<std::string>();
    e.region_code = r[6].as<std::string>();
    e.step = r[7].as<std::string>();
    e.department_code = r[8].as<std::string>();
    e.working_days = r[9].as<int>();
    e.reason = r[10].as<std::string>();
    e.requested_by = r[11].as<std::string>();
    e.requested_by_name = r[12].as<std::string>();
    e.requested_at = r[13].as<std::string>();
    e.state = r[14].as<std::string>();
    e.decided_by = opt(r[15]);
    e.decided_by_name = opt(r[16]);
    e.decided_at = opt(r[17]);
    e.refusal_reason = opt(r[18]);
    e.task_due_at = opt(r[19]);
    e.committed_due_at = opt(r[20]);
    out.push_back(std::move(e));
  }
  return out;
}

std::optional<ExtensionRequestRow> by_id(Tx& tx, std::int64_t id) {
  ExtensionFilter f;
  f.id = id;
  f.limit = 1;
  auto rows = list(tx, f);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<std::string> lock_state(Tx& tx, std::int64_t id) {
  auto r = tx.exec_prepared("extension_lock", id);
  if (r.empty()) return std::nullopt;
  return r[0][0].as<std::string>();
}

bool decide(Tx& tx, std::int64_t id, const std::string& state, std::int64_t by, const std::string& at,
            const std::optional<std::string>& refusal_reason) {
  return tx.exec_prepared0("extension_decide", id, state, by, at, refusal_reason).affected_rows() == 1;
}
}  // namespace extensions

}  // namespace ow::store
