// A case and its tasks as the flow sees them: plain values, loaded by the services from PostgreSQL and
// written back from the flow's decision.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "workflow/calendar/clock.hpp"
#include "workflow/calendar/instant.hpp"
#include "workflow/calendar/limit.hpp"
#include "workflow/machines/case_machine.hpp"
#include "workflow/machines/task_machine.hpp"

namespace ow::flow {

// A department's open request for more materials (补正): what, why, since when and, when it was given, by
// which date the applicant should bring them. Cleared when the materials are brought.
struct SupplementRequest {
  std::vector<std::string> materials;
  std::string reason;
  calendar::Instant since = 0;
  std::optional<calendar::Date> due;
};

struct TaskRecord {
  std::string step;  // the route step it carries out
  std::string department;
  bool push = false;                // the department's transport: push (outbox) or inbox
  std::vector<std::string> after;   // predecessor steps that have tasks (skipped steps are left out)
  std::int64_t budget_minutes = 0;  // its share of the case's committed limit
  machines::TaskState state = machines::TaskState::Waiting;
  std::optional<calendar::Clock> clock;          // started when the task becomes ready
  std::optional<std::string> special_procedure;  // open special procedure (hearing, inspection, …)
  std::optional<SupplementRequest> supplement;   // open while the task is SupplementRequested
};

struct DeferredMaterial {
  std::string material;
  calendar::Date due = 0;  // promised date (≤ the committed due date)
  bool received = false;
};

// 告知承诺: the applicant's signed commitment stood in for an item's proofs at intake. After the item's step is
// approved the department verifies it (核查) in a task of its own, step verification_step(step), on a clock of
// `verify_within`; outcome: empty until then, "confirmed", or "false" (the result revoked).
struct Commitment {
  std::string item, step;
  std::vector<std::string> replaces;  // the proofs it stood in for
  calendar::Limit verify_within;
  std::string outcome;
  std::string reason;  // why it was found false
};

// The 核查 task of a step's commitment, and back (empty when `step` is no 核查 task).
std::string verification_step(const std::string& step);
std::string verified_step(const std::string& task_step);

struct CaseRecord {
  std::string number;
  std::string bundle;
  int catalog_version = 0;
  machines::CaseState state = machines::CaseState::New;
  std::map<std::string, std::string> attributes;
  std::optional<calendar::Clock> committed, statutory;
  std::vector<TaskRecord> tasks;
  std::vector<std::string> skipped_steps;  // conditional steps whose condition was false
  std::vector<DeferredMaterial> deferred;
  std::vector<Commitment> commitments;  // 告知承诺 chosen at intake
  int visits = 0;

  TaskRecord* task(const std::string& step);
  const TaskRecord* task(const std::string& step) const;
};

}  // namespace ow::flow
