// SQL of the approver's 已办 list: the decisions (approve, reject, request_supplement) recorded in case_audit on
// a department's tasks in a region, newest first, one page at a time with the total.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

const std::vector<Statement>& task_history_statements();

struct DecisionRow {
  std::int64_t audit_id = 0, task_id = 0;
  std::string event, at, step, task_state, number, bundle_code;
  int catalog_version = 0;
  std::string actor;                      // user:<id> or department:<code>
  std::optional<std::string> actor_name;  // the user's display name
};

struct DecisionFilter {
  std::string department, region_prefix;
  std::optional<std::string> actor;  // one approver's decisions (their log id); none: the whole department's
  int limit = 20, offset = 0;
};

struct DecisionPage {
  std::vector<DecisionRow> rows;
  std::int64_t total = 0;
};

namespace task_history {
DecisionPage decisions(Tx& tx, const DecisionFilter& f);
}  // namespace task_history

}  // namespace ow::store
