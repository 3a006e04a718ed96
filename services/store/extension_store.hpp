// SQL of extension requests (延期申请, sql/013): insert, list in a scope, lock one, record the supervisor's word.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

const std::vector<Statement>& extension_statements();

struct ExtensionRequestRow {
  std::int64_t id = 0, case_id = 0, task_id = 0, requested_by_id = 0;
  std::string number, bundle_code, region_code, step, department_code;
  int working_days = 0;
  std::string reason, requested_by, requested_by_name, requested_at, state;
  std::optional<std::string> decided_by, decided_by_name, decided_at, refusal_reason;
  std::optional<std::string> task_due_at, committed_due_at;  // the clocks as they stand now (ISO text)
};

struct ExtensionFilter {
  std::string region_prefix;                 // cases whose region starts with this
  std::optional<std::int64_t> requested_by;  // one approver's own requests
  std::optional<std::string> state;          // pending, granted, refused
  std::optional<std::int64_t> task_id, id;
  int limit = 200;
};

namespace extensions {
std::int64_t insert(Tx& tx, std::int64_t case_id, std::int64_t task_id, int working_days, const std::string& reason,
                    std::int64_t requested_by, const std::string& at);
// Newest first.
std::vector<ExtensionRequestRow> list(Tx& tx, const ExtensionFilter& f);
std::optional<ExtensionRequestRow> by_id(Tx& tx, std::int64_t id);
// Locks the request row; its state, or nothing when there is no such request.
std::optional<std::string> lock_state(Tx& tx, std::int64_t id);
// pending → granted or refused; false when it was no longer pending.
bool decide(Tx& tx, std::int64_t id, const std::string& state, std::int64_t by, const std::string& at,
            const std::optional<std::string>& refusal_reason);
}  // namespace extensions

}  // namespace ow::store
