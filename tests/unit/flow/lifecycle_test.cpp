// Whole lifecycles of every demo bundle through the flow: acceptance, approval in route order (no step ready
// before its predecessors), rejection, supplement, special procedure, withdrawal, delivery — and after each
// decision the audit invariant: replaying the audit through the machines ends in the stored states.
#include <gtest/gtest.h>

#include <algorithm>

#include "adapters/catalog/catalog_yaml.hpp"
#include "tests/support/embedded_calendar.hpp"
#include "tests/support/embedded_catalog.hpp"
#include "workflow/calendar/clock.hpp"
#include "workflow/flow/case_flow.hpp"
#include "workflow/flow/replay.hpp"

using namespace ow;
using namespace ow::flow;
using machines::CaseState;
using machines::TaskEvent;
using machines::TaskState;

namespace {

const catalog::Catalog& demo() {
  static const catalog::Catalog c = catalog::parse_catalog(ow::testing::embedded_catalog_documents());
  return c;
}

// A case under way, with its whole audit so far.
struct CaseRun {
  explicit CaseRun(const std::string& bundle, std::map<std::string, std::string> attributes = {})
      : ctx{demo(), demo().bundles.at(bundle), 420} {
    record.number = "TEST-" + bundle;
    record.bundle = bundle;
    record.catalog_version = 1;
    if (attributes.empty())
      for (const auto& a : ctx.bundle.attributes) attributes[a.name] = "true";
    record.attributes = attributes;
  }

  Decision step(const Command& c, const std::string& actor = "user:1") {
    Decision d = apply(ctx, record, c, actor, now);
    record = d.after;
    audit.insert(audit.end(), d.audit.begin(), d.audit.end());
    EXPECT_EQ(audit_mismatch(audit, record), "") << command_name(c);
    check_route_order();
    now += 3600;  // an hour between decisions
    return d;
  }

  // No task has left Waiting before every predecessor was approved.
  void check_route_order() const {
    for (const auto& t : record.tasks) {
      if (t.state == TaskState::Waiting || t.state == TaskState::Cancelled) continue;
      for (const auto& p : t.after) EXPECT_EQ(record.task(p)->state, TaskState::Approved) << t.step << " before " << p;
    }
  }

  // Moves every dispatched task forward until one is Received, returns its step.
  std::string receive_next() {
    for (auto& t : record.tasks)
      if (t.state == TaskState::Dispatching)
        step(TaskTransition{t.step, TaskEvent::dispatched, ""}, "department:" + t.department);
    for (auto& t : record.tasks)
      if (t.state == TaskState::Dispatched) {
        const std::string s = t.step;
        step(TaskTransition{s, TaskEvent::receive, ""});
        return s;
      }
    return {};
  }

  FlowContext ctx;
  CaseRecord record;
  std::vector<AuditEntry> audit;
  calendar::Instant now = calendar::parse_instant("2026-03-02T10:00:00+08:00");
};

const char* kBundles[] = {"QYKB", "BDCJY", "HDYS",  "HDYQ",  "HDYD", "HDYDGY", "HDWL",  "QYXD", "JYZX", "WZBA",
                          "WZSP", "MBZS",  "MBXX", "TXYJS", "CSYJS", "RCJZZ", "YBSMK", "DBDB", "CLDJ"};

}  // namespace

TEST(Lifecycle, EveryBundleFromAcceptanceToArchive) {
  for (const char* code : kBundles) {
    SCOPED_TRACE(code);
    CaseRun run(code);
    Decision accepted = run.step(Accept{});
    EXPECT_EQ(run.record.state, CaseState::InProgress);
    EXPECT_EQ(run.record.tasks.size(), run.ctx.bundle.steps.size());
    EXPECT_EQ(accepted.documents.front(), "receipt");
    ASSERT_TRUE(run.record.committed && run.record.statutory);
    EXPECT_EQ(run.record.committed->limit, run.ctx.bundle.committed);
    // Push departments got an outbox message for each first step, inbox ones none.
    for (const auto& m : accepted.outbox) EXPECT_TRUE(run.record.task(m.step)->push);
    int approvals = 0;
    while (run.record.state == CaseState::InProgress) {
      const std::string s = run.receive_next();
      ASSERT_FALSE(s.empty()) << "no task to work on";
      run.step(TaskTransition{s, TaskEvent::approve, "同意"});
      ++approvals;
    }
    EXPECT_EQ(approvals, static_cast<int>(run.record.tasks.size()));
    EXPECT_EQ(run.record.state, CaseState::ResultReady);
    EXPECT_TRUE(run.record.committed->stopped_at);
    for (const auto& t : run.record.tasks) EXPECT_TRUE(t.clock && t.clock->stopped_at) << t.step;
    run.step(Deliver{});
    EXPECT_EQ(run.record.state, CaseState::Concluded);
    EXPECT_EQ(run.record.visits, 2);  // intake and delivery: 最多跑一次 counts the intake visit only once more at 出件
    run.step(Archive{});
    EXPECT_EQ(run.record.state, CaseState::Archived);
  }
}

TEST(Lifecycle, RejectionEndsTheCaseAndCancelsTheRest) {
  for (const char* code : kBundles) {
    SCOPED_TRACE(code);
    CaseRun run(code);
    run.step(Accept{});
    const std::string s = run.receive_next();
    Decision d = run.step(TaskTransition{s, TaskEvent::reject, "不符合法定条件"});
    EXPECT_EQ(run.record.state, CaseState::NotPermitted);
    for (const auto& t : run.record.tasks) {
      if (t.step == s)
        EXPECT_EQ(t.state, TaskState::Rejected);
      else
        EXPECT_EQ(t.state, TaskState::Cancelled) << t.step;
    }
    // Departments that had received a pushed task are told.
    for (const auto& m : d.outbox) {
      EXPECT_EQ(m.kind, "cancel");
      EXPECT_TRUE(run.record.task(m.step)->push);
    }
    EXPECT_TRUE(run.record.committed->stopped_at);
    EXPECT_EQ(d.documents, std::vector<std::string>{"not_permitted_notice"});
    EXPECT_THROW(run.step(Deliver{}), FlowRefused);
  }
}

TEST(Lifecycle, ARejectionNeedsAReason) {
  CaseRun run("HDYS");
  run.step(Accept{});
  const std::string s = run.receive_next();
  EXPECT_THROW(apply(run.ctx, run.record, TaskTransition{s, TaskEvent::reject, ""}, "user:1", run.now), FlowInvalid);
}

TEST(Lifecycle, SupplementMidProcessPausesAndShiftsTheDueInstantExactly) {
  const auto& cal = ow::testing::embedded_calendar();
  calendar::WorkingTime time(cal, calendar::OfficeHours{});
  calendar::ClockMath math(time);
  for (const char* code : kBundles) {
    SCOPED_TRACE(code);
    CaseRun run(code);
    if (run.ctx.bundle.limit_starts) continue;  // no due instant before its limit starts: its own test below
    run.step(Accept{});
    const auto due_before = *math.due_at(*run.record.committed);
    const std::string s = run.receive_next();
    Decision asked = run.step(RequestTaskSupplement{s, {"id_card"}, "身份证复印件不清晰"});
    EXPECT_EQ(run.record.state, CaseState::Suspended);
    EXPECT_EQ(asked.documents, std::vector<std::string>{"supplement_notice"});
    EXPECT_FALSE(math.due_at(*run.record.committed));  // an open pause: no due instant
    const auto paused_at = run.record.committed->pauses.back().start;
    run.now = calendar::parse_instant("2026-03-05T15:00:00+08:00");  // the applicant comes back days later
    const int visits = run.record.visits;
    run.step(SupplementProvided{s, true});
    EXPECT_EQ(run.record.state, CaseState::InProgress);
    EXPECT_EQ(run.record.visits, visits + 1);
    // Working time paused after the clock started counting (the day after acceptance).
    const auto counting_from = time.ordinal_after_day(calendar::cst_date(run.record.committed->started_at));
    const auto paused_minutes =
        time.ordinal(*run.record.committed->pauses.back().end) - std::max(time.ordinal(paused_at), counting_from);
    const auto due_after = *math.due_at(*run.record.committed);
    EXPECT_EQ(time.ordinal(due_after) - time.ordinal(due_before), paused_minutes);
    EXPECT_GT(paused_minutes, 0);
    EXPECT_EQ(run.record.task(s)->state, TaskState::Received);
    EXPECT_FALSE(run.record.task(s)->clock->pauses.back().end == std::nullopt);
  }
}

TEST(Lifecycle, SpecialProcedureAndSupplementOverlap) {
  CaseRun run("TXYJS");
  run.step(Accept{});
  const std::string s = run.receive_next();
  Decision started = run.step(SpecialProcedure{s, "expert_review", "需专家评审", true});
  EXPECT_EQ(run.record.state, CaseState::Suspended);
  EXPECT_EQ(started.documents, std::vector<std::string>{"special_procedure_notice"});
  EXPECT_THROW(apply(run.ctx, run.record, SpecialProcedure{s, "hearing", "x", true}, "user:1", run.now), FlowRefused);
  run.step(RequestTaskSupplement{s, {"household_register"}, "户口簿缺页"});
  run.step(SpecialProcedure{s, "", "", false});
  EXPECT_EQ(run.record.state, CaseState::Suspended);  // the supplement still holds it
  run.step(SupplementProvided{s, false});
  EXPECT_EQ(run.record.state, CaseState::InProgress);
  EXPECT_EQ(run.record.committed->pauses.size(), 1u);  // one continuous case pause
  EXPECT_TRUE(run.record.committed->pauses.front().end);
}

TEST(Lifecycle, WithdrawalCancelsOpenTasks) {
  CaseRun run("CSYJS");
  run.step(Accept{});
  run.receive_next();
  run.step(Withdraw{"申请人撤回"});
  EXPECT_EQ(run.record.state, CaseState::Withdrawn);
  for (const auto& t : run.record.tasks) EXPECT_EQ(t.state, TaskState::Cancelled);
  EXPECT_TRUE(run.record.statutory->stopped_at);
}

TEST(Lifecycle, IntakeDecisions) {
  CaseRun supplement("QYKB");
  supplement.step(RequestSupplementAtIntake{{"articles", "company_application"}, true});
  EXPECT_EQ(supplement.record.state, CaseState::AwaitingSupplement);
  EXPECT_FALSE(supplement.record.committed);  // no clock runs during 补正
  supplement.step(Accept{});
  EXPECT_EQ(supplement.record.state, CaseState::InProgress);
  EXPECT_EQ(supplement.record.visits, 2);

  CaseRun refused("QYKB");
  EXPECT_THROW(refused.step(Refuse{"", ""}), FlowInvalid);
  Decision d = refused.step(Refuse{"不属于本机关职权范围", "《行政许可法》第三十二条"});
  EXPECT_EQ(refused.record.state, CaseState::Refused);
  EXPECT_EQ(d.documents, std::vector<std::string>{"refusal_notice"});

  CaseRun online("BDCJY");
  online.step(SubmitOnline{});
  EXPECT_EQ(online.record.state, CaseState::Submitted);
  EXPECT_EQ(online.record.visits, 0);
  Decision deferred = online.step(Accept{{{"marriage_proof", calendar::parse_date("2026-03-04"), false}}, false});
  EXPECT_EQ(deferred.documents, (std::vector<std::string>{"receipt", "deferral_notice"}));
  EXPECT_EQ(online.record.deferred.size(), 1u);
  EXPECT_EQ(online.record.visits, 0);
}

// Issue 20: an applicant answers the one-time supplement list online — the case goes back to pre-review
// (Submitted), no trip; a submission at a hall's kiosk is one.
TEST(Lifecycle, ASupplementAnsweredOnlineReturnsTheCaseToPreReview) {
  CaseRun online("BDCJY");
  online.step(SubmitOnline{});
  online.step(RequestSupplementAtIntake{{"marriage_proof"}, false});
  EXPECT_EQ(online.record.state, CaseState::AwaitingSupplement);
  online.step(SubmitOnline{});
  EXPECT_EQ(online.record.state, CaseState::Submitted);
  EXPECT_EQ(online.record.visits, 0);
  online.step(Accept{{}, false});
  EXPECT_EQ(online.record.state, CaseState::InProgress);
  EXPECT_EQ(online.record.visits, 0);

  CaseRun kiosk("BDCJY");
  kiosk.step(SubmitOnline{true});
  EXPECT_EQ(kiosk.record.state, CaseState::Submitted);
  EXPECT_EQ(kiosk.record.visits, 1);
}

TEST(Lifecycle, ConditionalStepsAreSkippedWhenFalse) {
  CaseRun run("QYKB", {{"needs_invoice", "false"}, {"needs_bank_account", "true"}, {"hires_employees", "true"}});
  run.step(Accept{});
  EXPECT_FALSE(run.record.task("tax"));
  EXPECT_EQ(run.record.skipped_steps, std::vector<std::string>{"tax"});
  while (run.record.state == CaseState::InProgress)
    run.step(TaskTransition{run.receive_next(), TaskEvent::approve, ""});
  EXPECT_EQ(run.record.state, CaseState::ResultReady);
}

TEST(Lifecycle, RefusedEventsNameWhatTheStateAccepts) {
  CaseRun run("HDYS");
  run.step(Accept{});
  try {
    run.step(Deliver{});
    FAIL();
  } catch (const FlowRefused& e) {
    EXPECT_EQ(e.entity, "case");
    EXPECT_EQ(e.state, "InProgress");
    // (revoke: a commitment, 告知承诺, found false at its 核查)
    EXPECT_EQ(e.accepted,
              (std::vector<std::string>{"suspend", "all_approved", "department_refused", "withdraw", "revoke"}));
  }
  try {
    apply(run.ctx, run.record, TaskTransition{"connect", TaskEvent::receive, ""}, "user:1", run.now);
    FAIL();
  } catch (const FlowRefused& e) {
    EXPECT_EQ(e.entity, "task connect");
    EXPECT_EQ(e.state, "Waiting");
  }
  EXPECT_THROW(apply(run.ctx, run.record, TaskTransition{"nope", TaskEvent::receive, ""}, "user:1", run.now),
               FlowInvalid);
}

TEST(Lifecycle, ATamperedAuditIsCaught) {
  CaseRun run("HDYS");
  run.step(Accept{});
  auto audit = run.audit;
  audit.pop_back();  // lose the last task transition
  EXPECT_NE(audit_mismatch(audit, run.record), "");
  auto record = run.record;
  record.state = CaseState::Concluded;
  EXPECT_NE(audit_mismatch(run.audit, record), "");
}

// 简易注销: the committed 1 working day starts when the notice step (公告) is approved, not at acceptance; a
// supplement on the notice neither starts nor shifts it; from then on it counts like an acceptance.
TEST(Lifecycle, ALimitStartingAfterTheNoticeCountsFromTheNoticesEnd) {
  const auto& cal = ow::testing::embedded_calendar();
  calendar::WorkingTime time(cal, calendar::OfficeHours{});
  calendar::ClockMath math(time);
  CaseRun run("JYZX");
  run.step(Accept{});
  ASSERT_TRUE(run.record.committed);
  EXPECT_FALSE(math.due_at(*run.record.committed)) << "no due instant before the notice period ends";
  ASSERT_TRUE(run.record.statutory);
  EXPECT_TRUE(math.due_at(*run.record.statutory));  // the statutory clock runs from acceptance
  const std::string notice = run.receive_next();
  ASSERT_EQ(notice, "notice");
  run.step(RequestTaskSupplement{notice, {"investors_commitment"}, "承诺书缺少投资人签字"});
  run.step(SupplementProvided{notice, true});
  EXPECT_FALSE(math.due_at(*run.record.committed)) << "a supplement's end does not start the limit";
  // The notice period ends on Friday 2026-03-27 at 16:00: one working day from then is Monday's closing.
  run.now = calendar::parse_instant("2026-03-27T16:00:00+08:00");
  run.step(TaskTransition{notice, TaskEvent::approve, "公告期满无异议"});
  ASSERT_TRUE(run.record.committed);
  EXPECT_EQ(run.record.committed->started_at, calendar::parse_instant("2026-03-27T16:00:00+08:00"));
  EXPECT_TRUE(run.record.committed->pauses.empty());
  const calendar::Clock accepted_then{run.record.committed->limit, calendar::parse_instant("2026-03-27T16:00:00+08:00"),
                                      0, {}, std::nullopt, std::nullopt};
  EXPECT_EQ(math.due_at(*run.record.committed), math.due_at(accepted_then));
  EXPECT_LT(*math.due_at(*run.record.committed), calendar::parse_instant("2026-03-31T00:00:00+08:00"));
  const std::string last = run.receive_next();
  EXPECT_EQ(last, "deregistration");
  run.step(TaskTransition{last, TaskEvent::approve, "准予简易注销"});
  EXPECT_EQ(run.record.state, CaseState::ResultReady);
  EXPECT_TRUE(run.record.committed->stopped_at);
}
