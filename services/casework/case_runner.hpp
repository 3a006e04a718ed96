// The one way a command reaches a case: lock → reach (may this caller act on it?) → flow::apply under the
// case's own catalog version → write the whole Decision. Used by intake, the window's actions, the back
// office, department events, the dispatcher, extensions and the clock recompute. Nothing here calls the
// network; whatever a command needs from outside is looked up before the transaction.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "services/casework/case_repository.hpp"
#include "services/catalog/catalog_service.hpp"
#include "services/platform/actor.hpp"
#include "workflow/calendar/clock.hpp"
#include "workflow/flow/commands.hpp"
#include "workflow/flow/decision.hpp"

namespace ow::casework {

// Whether a caller may act on a case (a case out of reach is answered as one that does not exist).
using Reach = std::function<bool(const CaseFile&)>;
// The command(s) for the locked case; several only where one act answers several steps (one supplement
// brought for every step waiting for it). It may amend the case's own facts written with the decision (the
// materials presented, the window's decision).
using Choose = std::function<std::vector<flow::Command>(CaseFile&)>;

// Reaches: a clerk of the hall holding the case; anyone of the case's region; an approver of the department
// of the task the key named; the platform's own work (dispatcher, timekeeper, department callbacks, which
// are checked by their own rules).
Reach at_window(const platform::Actor& clerk);
Reach in_region(const platform::Actor& actor);
Reach approver_of_task(const platform::Actor& approver);
Reach platform_work();

class CaseRunner {
 public:
  using Versions = std::function<std::shared_ptr<const catalog_service::LoadedCatalog>(int)>;

  CaseRunner(CaseRepository& repository, Versions versions, std::int64_t minutes_per_day,
             const calendar::ClockMath& math)
      : repository_(repository), versions_(std::move(versions)), minutes_per_day_(minutes_per_day), math_(math) {}

  // Locks the case, checks the reach (casework::not_found otherwise, nothing written), applies each chosen
  // command and writes its decision. Throws flow::FlowRefused / FlowInvalid when the flow says no.
  CaseFile run(CaseTransaction& tx, const CaseKey& key, const Reach& reach, const Choose& choose,
               const std::string& actor, calendar::Instant now) const;
  // The same in a transaction of its own.
  CaseFile run(const CaseKey& key, const Reach& reach, const Choose& choose, const std::string& actor,
               calendar::Instant now) const;
  // One command on a case already locked in tx (or a new one: file.row.id 0, file.record the empty record).
  flow::Decision apply(CaseTransaction& tx, CaseFile& file, const flow::Command& command, const std::string& actor,
                       calendar::Instant now) const;

  CaseRepository& repository() const { return repository_; }
  const calendar::ClockMath& math() const { return math_; }
  std::int64_t minutes_per_day() const { return minutes_per_day_; }
  std::shared_ptr<const catalog_service::LoadedCatalog> version(int v) const { return versions_(v); }

 private:
  CaseRepository& repository_;
  Versions versions_;
  std::int64_t minutes_per_day_;
  const calendar::ClockMath& math_;
};

// A Choose of one command.
Choose just(flow::Command command);

}  // namespace ow::casework
