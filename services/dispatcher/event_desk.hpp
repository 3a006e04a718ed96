// Applying one department event to its case, over the casework runner: the case locked (callbacks of one case,
// repeats included, wait for each other), the event id looked up (a repeat answers the first answer, another
// body under the same id is 422), the department's task found, the flow's command applied and the answer kept
// with the event. A transition the task's state refuses is answered 409 and kept like any other answer.
// Runs as well on the in-memory repository of the unit tests.
#pragma once

#include <optional>
#include <string>

#include "services/casework/case_runner.hpp"
#include "workflow/flow/commands.hpp"

namespace ow::dispatcher {

struct EventAnswer {
  unsigned status = 200;
  std::string body;  // JSON (a problem for 4xx)
  bool replayed = false;
};

// An event as the department sent it, already authenticated and parsed.
struct DepartmentEvent {
  std::string department, id, type, number, step;  // type: the department's word (received, approved, …)
  std::string body_sha256;                         // of the request body: a repeated id must come with the same body
  flow::Command command;
};

EventAnswer apply_event(const casework::CaseRunner& runner, const DepartmentEvent& e, calendar::Instant now);

}  // namespace ow::dispatcher
