// The flow's answer to a command: the case as it is afterwards, and what must be written with it in the same
// transaction — audit entries, outbox messages, clock changes, documents to issue. Data, not I/O.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "workflow/calendar/instant.hpp"
#include "workflow/flow/case_record.hpp"
#include "workflow/flow/commands.hpp"

namespace ow::flow {

struct AuditEntry {
  std::string entity;  // "case" or a step id
  std::string event;   // a machine event name, or "create" for a new task
  std::string from, to;
  std::string actor;
  calendar::Instant at = 0;
  std::string detail;
};

struct OutboxMessage {
  std::string step, department;
  std::string kind;  // dispatch | cancel
};

struct ClockChange {
  std::string clock;   // case.committed, case.statutory, task:<step>
  std::string change;  // start | pause | resume | stop
  std::string reason;
};

// 出件: how the result left the hall, when and by whom.
struct Delivery {
  std::string method, tracking_number, by;
  calendar::Instant at = 0;
};

struct Decision {
  CaseRecord after;
  std::vector<AuditEntry> audit;
  std::vector<OutboxMessage> outbox;
  std::vector<ClockChange> clocks;
  std::vector<std::string> documents;    // receipt, supplement_notice, deferral_notice, refusal_notice, …
  std::map<std::string, TaskWork> work;  // by step: who now works on it, what it produced
  std::optional<Delivery> delivery;
  int extension_days = 0;  // working days granted on the case's limits
};

// A machine refused an event: the HTTP layer answers 409 with the events the state would accept.
struct FlowRefused : std::runtime_error {
  FlowRefused(std::string entity, std::string state, std::string event, std::vector<std::string> accepted);
  std::string entity, state, event;
  std::vector<std::string> accepted;
};

// The command is malformed for this case (unknown step, missing material list, …): a 422.
struct FlowInvalid : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

}  // namespace ow::flow
