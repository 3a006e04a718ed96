// The flow: applies one command to a case and returns the decision (workflow/flow/decision.hpp). Pure: the
// catalog version, the bundle and the current time are given; nothing is read or written.
//
// Rules carried out here (DESIGN.md): acceptance creates the tasks of the active route steps, starts the
// case's committed and statutory clocks, readies the steps without predecessors and dispatches them (push →
// outbox message; inbox → Dispatched at once). An approved task readies the steps whose predecessors are all
// approved; when every task is approved the case is ResultReady and its clocks stop. A rejected task makes the
// case NotPermitted and cancels the other open tasks (pushed ones get a cancel message). A supplement
// request or special procedure on a task pauses that task's clock and suspends the case (its clocks pause);
// the last one to end resumes it. A bundle whose committed limit starts after a step (limit_starts) keeps its
// committed clock paused (reason kLimitNotStarted, never resumed by a supplement's end) from acceptance until
// that step is approved, then starts it afresh at that instant.
#pragma once

#include "workflow/calendar/instant.hpp"
#include "workflow/catalog/model.hpp"
#include "workflow/flow/commands.hpp"
#include "workflow/flow/decision.hpp"

namespace ow::flow {

// The pause reason of a committed clock whose limit has not started yet (catalog::LimitStart).
inline constexpr const char* kLimitNotStarted = "limit_not_started";

struct FlowContext {
  const catalog::Catalog& catalog;
  const catalog::Bundle& bundle;
  std::int64_t minutes_per_day = 420;
};

// Throws FlowRefused when a machine refuses an event, FlowInvalid when the command does not fit the case.
Decision apply(const FlowContext& ctx, const CaseRecord& current, const Command& command, const std::string& actor,
               calendar::Instant now);

}  // namespace ow::flow
