// Random sequences of legal events for each demo bundle (fixed seeds): the case never reaches ResultReady
// with a step not approved, never has a running case clock while Suspended, and the audit replays to the
// stored states after every decision.
#include <gtest/gtest.h>

#include <algorithm>

#include <random>

#include "adapters/catalog/catalog_yaml.hpp"
#include "tests/support/embedded_catalog.hpp"
#include "workflow/flow/case_flow.hpp"
#include "workflow/flow/replay.hpp"

using namespace ow;
using namespace ow::flow;
using machines::CaseState;
using machines::TaskEvent;
using machines::TaskState;

namespace {

bool has_open_pause(const calendar::Clock& c) {
  for (const auto& p : c.pauses)
    if (!p.end) return true;
  return false;
}

// An open pause other than a limit that has not started yet (简易注销 before the notice period ends).
bool has_open_suspension(const calendar::Clock& c) {
  for (const auto& p : c.pauses)
    if (!p.end && p.reason != kLimitNotStarted) return true;
  return false;
}

// Every command that could apply now, legal or not; the flow decides.
std::vector<Command> candidates(const CaseRecord& r) {
  std::vector<Command> out;
  switch (r.state) {
    case CaseState::New: out = {Accept{}, SubmitOnline{}, RequestSupplementAtIntake{{"x"}, true}}; break;
    case CaseState::Submitted:
    case CaseState::AwaitingSupplement: out = {Accept{}, RequestSupplementAtIntake{{"x"}, true}, Withdraw{"w"}}; break;
    case CaseState::ResultReady: out = {Deliver{}}; break;
    case CaseState::Concluded: out = {Archive{}}; break;
    default: break;
  }
  for (const auto& t : r.tasks) {
    for (auto e : {TaskEvent::dispatched, TaskEvent::dispatch_failed, TaskEvent::redispatch, TaskEvent::receive,
                   TaskEvent::approve, TaskEvent::approve, TaskEvent::approve})
      out.push_back(TaskTransition{t.step, e, ""});
    out.push_back(RequestTaskSupplement{t.step, {"m"}, "材料不清晰"});
    out.push_back(SupplementProvided{t.step, true});
    out.push_back(SpecialProcedure{t.step, "inspection", "现场核查", true});
    out.push_back(SpecialProcedure{t.step, "", "", false});
  }
  if (r.state == CaseState::InProgress || r.state == CaseState::Suspended) {
    out.push_back(Extend{"", 1, "sup1", "复杂情形"});
    if (!r.tasks.empty()) out.push_back(TaskTransition{r.tasks.front().step, TaskEvent::reject, "理由"});  // rare-ish
    out.push_back(Withdraw{"申请人撤回"});
  }
  return out;
}

}  // namespace

TEST(LifecycleProperty, RandomLegalSequencesKeepTheInvariants) {
  const auto c = catalog::parse_catalog(ow::testing::embedded_catalog_documents());
  for (const auto& [code, bundle] : c.bundles) {
    int completed = 0, ended_otherwise = 0, total_applied = 0;
    for (unsigned seed = 1; seed <= 40; ++seed) {
      std::mt19937 rng(seed * 7919u + static_cast<unsigned>(code.size()));
      FlowContext ctx{c, bundle, 420};
      CaseRecord r;
      r.number = "P";
      r.bundle = code;
      for (const auto& a : bundle.attributes) r.attributes[a.name] = rng() % 2 ? "true" : "false";
      std::vector<AuditEntry> audit;
      calendar::Instant now = calendar::parse_instant("2025-03-03T09:30:00+08:00");
      int applied = 0;
      for (int i = 0; i < 800 && r.state != CaseState::Archived; ++i) {
        auto options = candidates(r);
        if (options.empty()) break;
        const Command& cmd = options[rng() % options.size()];
        // Make rejection and withdrawal rare, so that most runs go the distance.
        if ((std::holds_alternative<Withdraw>(cmd) || (std::holds_alternative<TaskTransition>(cmd) &&
                                                       std::get<TaskTransition>(cmd).event == TaskEvent::reject)) &&
            rng() % 20 != 0)
          continue;
        try {
          Decision d = apply(ctx, r, cmd, "user:1", now);
          r = d.after;
          audit.insert(audit.end(), d.audit.begin(), d.audit.end());
          ++applied;
        } catch (const FlowRefused&) {
          continue;  // illegal here: the state must be unchanged, which it is since r was not replaced
        } catch (const FlowInvalid&) {
          continue;
        }
        now += 1800 + static_cast<calendar::Instant>(rng() % 7200);
        ASSERT_EQ(audit_mismatch(audit, r), "") << code << " seed " << seed;
        if (r.state == CaseState::ResultReady || r.state == CaseState::Concluded || r.state == CaseState::Archived) {
          for (const auto& t : r.tasks)
            ASSERT_EQ(t.state, TaskState::Approved) << code << " seed " << seed << " step " << t.step;
        }
        if (r.state == CaseState::Suspended) {
          ASSERT_TRUE(has_open_pause(*r.committed)) << code << " seed " << seed;
          ASSERT_TRUE(has_open_pause(*r.statutory)) << code << " seed " << seed;
        }
        if (r.state == CaseState::InProgress) {
          ASSERT_FALSE(has_open_suspension(*r.committed)) << code << " seed " << seed;
        }
        for (const auto& t : r.tasks) {
          if (t.state == TaskState::Waiting || t.state == TaskState::Cancelled) continue;
          for (const auto& p : t.after) ASSERT_EQ(r.task(p)->state, TaskState::Approved) << code << " seed " << seed;
        }
      }
      total_applied += applied;
      if (r.state == CaseState::ResultReady || r.state == CaseState::Concluded || r.state == CaseState::Archived)
        ++completed;
      if (r.state == CaseState::NotPermitted || r.state == CaseState::Withdrawn || r.state == CaseState::Refused)
        ++ended_otherwise;
    }
    // The walks are not trivially short: many reach the result, some end by rejection or withdrawal.
    EXPECT_GE(completed, 10) << code;
    EXPECT_GE(ended_otherwise, 1) << code;
    // A one-step bundle (外资商务备案) has fewer commands to walk through than a route of three or more.
    EXPECT_GT(total_applied, 40 * static_cast<int>(std::min<std::size_t>(8, 5 + bundle.steps.size()))) << code;
  }
}
