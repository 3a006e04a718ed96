// SQL for supervision orders.
#include "services/store/order_store.hpp"
#include "services/store/pg_types.hpp"
#include "services/store/sql_text.hpp"

namespace ow::store {

const std::vector<Statement>& order_statements() {
  static const std::vector<Statement> list = {
      {"order_insert",
       "INSERT INTO supervision_orders (case_id, department_code, content, due_at, issued_by, issued_at) "
       "VALUES ($1, $2, $3, $4::timestamptz, $5, $6::timestamptz) RETURNING id"},
      {"orders_list",
       "SELECT o.id, o.case_id, c.number, c.region_code, o.department_code, o.content, " OW_SQL_CST("o.due_at") ", o.issued_by, " OW_SQL_CST(
           "o.issued_at") ", o.replied_by, " OW_SQL_CST("o.replied_at") ", o.reply FROM supervision_orders o JOIN cases c ON c.id = o.case_id "
                                                                        "WHERE c.region_code LIKE $1 || '%' AND ($2 = '' OR o.department_code = $2) AND (NOT $3 OR o.replied_at IS NULL) "
                                                                        "AND ($4::bigint IS NULL OR o.id = $4) ORDER BY o.due_at, o.id"},
      {"order_reply",
       "UPDATE supervision_orders SET replied_by = $2, reply = $3, replied_at = $4::timestamptz WHERE id = $1 AND replied_at IS NULL"},
  };
  return list;
}

namespace orders {
namespace {
std::vector<OrderRow> rows(const pqxx::result& r) {
  auto opt = [](const pqxx::field& f) {
    return f.is_null() ? std::nullopt : std::optional<std::string>(f.as<std::string>());
  };
  std::vector<OrderRow> out;
  for (const auto& x : r)
    out.push_back({x[0].as<std::int64_t>(), x[1].as<std::int64_t>(), x[2].as<std::string>(), x[3].as<std::string>(),
                   x[4].as<std::string>(), x[5].as<std::string>(), x[6].as<std::string>(), x[7].as<std::string>(),
                   x[8].as<std::string>(), opt(x[9]), opt(x[10]), opt(x[11])});
  return out;
}
}  // namespace

std::int64_t insert(Tx& tx, std::int64_t case_id, const std::string& department, const std::string& content,
                    const std::string& due_at, const std::string& by, const std::string& at) {
  return tx.exec_prepared1("order_insert", case_id, department, content, due_at, by, at)[0].as<std::int64_t>();
}

std::vector<OrderRow> list(Tx& tx, const std::string& region_prefix, const std::string& department, bool open_only) {
  return rows(tx.exec_prepared("orders_list", region_prefix, department, open_only, std::optional<std::int64_t>()));
}

std::optional<OrderRow> by_id(Tx& tx, std::int64_t id) {
  auto r = rows(tx.exec_prepared("orders_list", "", "", false, std::optional<std::int64_t>(id)));
  if (r.empty()) return std::nullopt;
  return r.front();
}

bool reply(Tx& tx, std::int64_t id, const std::string& by, const std::string& text, const std::string& at) {
  return tx.exec_prepared0("order_reply", id, by, text, at).affected_rows() == 1;
}
}  // namespace orders

}  // namespace ow::store
