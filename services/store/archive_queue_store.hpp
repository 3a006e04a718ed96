// Which cases wait for their archive package (电子归档): those ended in a state the case machine archives from
// (办结, 不予受理, 不予许可, 撤回, 撤销), oldest first (sql/160's index) — but not a concluded case whose 告知承诺
// is still to be verified (核查): its result may yet be revoked, which an archived case no longer can be.
#pragma once

#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

const std::vector<Statement>& archive_queue_statements();

namespace archive_queue {
// The states the queue takes cases from (the query's literal list; a test holds it to the case machine).
const std::vector<std::string>& archivable_states();
// Numbers of up to `limit` such cases ended (not yet archived) at or before `before` (ISO), oldest first.
std::vector<std::string> ended(Tx& tx, const std::string& before, int limit);
}  // namespace archive_queue

}  // namespace ow::store
