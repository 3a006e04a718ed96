// The audit invariant: replaying a case's audit entries through the machines must end in the stored states.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "workflow/flow/case_record.hpp"
#include "workflow/flow/decision.hpp"

namespace ow::flow {

struct Replayed {
  machines::CaseState case_state = machines::CaseState::New;
  std::map<std::string, machines::TaskState> tasks;
};

// Throws FlowRefused when an entry's event is not accepted in the replayed state, or when its recorded
// `from` state differs from the replayed one.
Replayed replay(const std::vector<AuditEntry>& audit);
// Empty when the replay ends in the record's states, else what differs.
std::string audit_mismatch(const std::vector<AuditEntry>& audit, const CaseRecord& stored);

}  // namespace ow::flow
