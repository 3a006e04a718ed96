// Which cases wait for their archive package (电子归档): concluded ones, oldest first (sql/121's index).
#pragma once

#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

const std::vector<Statement>& archive_queue_statements();

namespace archive_queue {
// Numbers of up to `limit` cases concluded (not yet archived) at or before `before` (ISO), oldest first.
std::vector<std::string> concluded(Tx& tx, const std::string& before, int limit);
}  // namespace archive_queue

}  // namespace ow::store
