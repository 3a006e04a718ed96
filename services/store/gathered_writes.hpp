// Case writes gathered over one transaction and sent together at its end (the dispatcher's settles, several
// cases per transaction): version bumps of cases whose own columns did not change, changed task rows, and
// audit rows of any number of cases — one statement for each kind, whatever the number of cases.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "services/store/case_store.hpp"
#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

const std::vector<Statement>& gathered_write_statements();

class GatheredWrites {
 public:
  void touch(std::int64_t case_id);  // the case's version + 1 (as cases::update would bump it)
  // False, and nothing kept, when a write of the same task already waits (send() first: one row per task
  // per statement).
  bool task(const TaskRow& t);
  // Appended after the rows already waiting; each case's rows stay in order (the hash chain links them).
  void audit(std::int64_t case_id, const std::vector<AuditRow>& rows);
  bool empty() const { return touched_.empty() && tasks_.empty() && audit_.empty(); }
  // Writes what waits (cases, tasks, then audit rows) and forgets it.
  void send(Tx& tx);

 private:
  std::vector<std::int64_t> touched_;
  std::vector<TaskRow> tasks_;
  std::vector<std::pair<std::int64_t, AuditRow>> audit_;
};

}  // namespace ow::store
