// What can happen to a case: the window's decisions, the departments' and approvers' task events, the
// applicant's supplements and withdrawal, delivery. Each command names only what the flow needs.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "workflow/flow/case_record.hpp"

namespace ow::flow {

struct SubmitOnline {};
struct Accept {  // 受理, or 容缺受理 when deferred is not empty
  std::vector<DeferredMaterial> deferred;
  bool applicant_present = true;
};
struct RequestSupplementAtIntake {  // 补正（一次性告知）
  std::vector<std::string> missing;
  bool applicant_present = true;
};
struct Refuse {  // 不予受理
  std::string reason, legal_basis;
  bool applicant_present = true;
};
// A plain task transition: dispatched, dispatch_failed, redispatch, receive (claim), approve, reject.
struct TaskTransition {
  std::string step;
  machines::TaskEvent event;
  std::string opinion;
};
struct RequestTaskSupplement {
  std::string step;
  std::vector<std::string> materials;
};
struct SupplementProvided {
  std::string step;
  bool applicant_present = true;
};
struct SpecialProcedure {  // 《行政许可法》第四十五条: hearing, inspection, testing, quarantine, appraisal, expert review …
  std::string step, kind, reason;
  bool start = true;
};
struct Withdraw {
  std::string reason;
};
struct Deliver {  // 出件
  bool applicant_present = true;
};
struct Archive {};
// 延长: more working days on the case's committed and statutory clocks (and the step's budget), approved by a
// supervisor; the service checks the statutory allowance.
struct Extend {
  std::string step;  // may be empty for the case only
  int working_days = 0;
  std::string approved_by, reason;
};
// Claim, release and transfer of a task are recorded in the audit log (they change who works on it).
struct Note {
  std::string step, what, detail;
};

// A material deferred at 容缺受理 has been brought (at a window: a visit) or uploaded.
struct DeferredReceived {
  std::string material;
  bool applicant_present = true;
};

using Command = std::variant<SubmitOnline, Accept, RequestSupplementAtIntake, Refuse, TaskTransition, RequestTaskSupplement,
                             SupplementProvided, SpecialProcedure, Withdraw, Deliver, Archive, Extend, Note, DeferredReceived>;

const char* command_name(const Command& c);

}  // namespace ow::flow
