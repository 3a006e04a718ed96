// What can happen to a case: the window's decisions, the departments' and approvers' task events, the
// applicant's supplements and withdrawal, delivery. Each command names only what the flow needs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "workflow/flow/case_record.hpp"

namespace ow::flow {

// Who works on a task and what it produced, written with the task: the assignee is set as given (none clears
// it); result (JSON text of what the step produced) and opinion are kept when not given.
struct TaskWork {
  std::optional<std::int64_t> assignee;
  std::optional<std::string> result, opinion;
};

// An applicant's own submission (online, app, or a hall's self-service kiosk — a kiosk is a trip): Submitted,
// waiting for the window's pre-review.
struct SubmitOnline {
  bool applicant_present = false;
};
struct Accept {  // 受理, or 容缺受理 when deferred is not empty
  std::vector<DeferredMaterial> deferred;
  bool applicant_present = true;
  std::vector<Commitment> commitments = {};  // 告知承诺 accepted for these items (outcome empty)
};
struct RequestSupplementAtIntake {  // 补正（一次性告知）
  std::vector<std::string> missing;
  bool applicant_present = true;
};
struct Refuse {  // 不予受理
  std::string reason, legal_basis;
  bool applicant_present = true;
};
// A plain task transition: dispatched, dispatch_failed, redispatch, receive, approve, reject. A department's
// own event confirms the dispatch: a task still Dispatching (our record of the push not yet written) is
// first marked dispatched when the event is receive, and refuses any other event.
struct TaskTransition {
  std::string step;
  machines::TaskEvent event;
  std::string opinion;
  std::optional<TaskWork> work = {};
  bool confirms_dispatch = false;
};
// 补正 asked by the department (its system or an approver): which materials, why, and optionally by when.
struct RequestTaskSupplement {
  std::string step;
  std::vector<std::string> materials;
  std::string reason;
  std::optional<calendar::Date> due = {};
  std::optional<TaskWork> work = {};
};
struct SupplementProvided {
  std::string step;
  bool applicant_present = true;
};
struct SpecialProcedure {  // 《行政许可法》第四十五条: hearing, inspection, testing, quarantine, appraisal, expert
                           // review …
  std::string step, kind, reason;
  bool start = true;
  std::optional<TaskWork> work = {};
};
struct Withdraw {
  std::string reason;
};
// 出件: at the window, by post (with its tracking number) or electronically. A pickup at the window is a visit,
// unless it is the same visit as acceptance (即办: the applicant's only visit, the same day, within two hours).
struct Deliver {
  bool applicant_present = true;
  std::string method = "window", tracking_number = {}, by = {};
};
// 归档: the case's archive package is written; `package` (where it is, its manifest's hash) goes into the audit row.
struct Archive {
  std::string package = {};
};
// 延长: more working days on the case's committed and statutory clocks (and the step's budget), approved by a
// supervisor; the service checks the statutory allowance.
struct Extend {
  std::string step;  // may be empty for the case only
  int working_days = 0;
  std::string approved_by, reason;
};
// A note in the audit log about a task, changing nothing else.
struct Note {
  std::string step, what, detail;
};
// 签收: an approver takes a task (a Dispatched task is received on the way); released and transferred tasks
// change hands. Each is noted in the audit log and sets the task's assignee.
struct Claim {
  std::string step;
  std::int64_t user = 0;
  std::string login;
};
struct Release {
  std::string step, login;
};
struct Transfer {
  std::string step;
  std::int64_t to_user = 0;
  std::string detail;  // "from → to"
};

// A material deferred at 容缺受理 has been brought (at a window: a visit) or uploaded.
struct DeferredReceived {
  std::string material;
  bool applicant_present = true;
};

// 核查 of a commitment (告知承诺) by the approver holding its task: confirmed closes the task; found false
// (truthful = false, with the reason) rejects it, revokes the case's result (已撤销) and cancels what is open.
struct VerifyCommitment {
  std::string step;  // the 核查 task's step (verification_step of the item's step)
  bool truthful = true;
  std::string reason;
  std::optional<TaskWork> work = {};
};

using Command = std::variant<SubmitOnline, Accept, RequestSupplementAtIntake, Refuse, TaskTransition,
                             RequestTaskSupplement, SupplementProvided, SpecialProcedure, Withdraw, Deliver, Archive,
                             Extend, Note, DeferredReceived, Claim, Release, Transfer, VerifyCommitment>;

const char* command_name(const Command& c);

}  // namespace ow::flow
