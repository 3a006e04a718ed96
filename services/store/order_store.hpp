// SQL of supervision orders (督办).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

const std::vector<Statement>& order_statements();

struct OrderRow {
  std::int64_t id = 0, case_id = 0;
  std::string number, region_code, department_code, content, due_at, issued_by, issued_at;
  std::optional<std::string> replied_by, replied_at, reply;
};

namespace orders {
std::int64_t insert(Tx& tx, std::int64_t case_id, const std::string& department, const std::string& content,
                    const std::string& due_at, const std::string& by, const std::string& at);
// region_prefix and/or department (empty: any); open_only: not replied yet.
std::vector<OrderRow> list(Tx& tx, const std::string& region_prefix, const std::string& department, bool open_only);
std::optional<OrderRow> by_id(Tx& tx, std::int64_t id);
bool reply(Tx& tx, std::int64_t id, const std::string& by, const std::string& text, const std::string& at);
}  // namespace orders

}  // namespace ow::store
