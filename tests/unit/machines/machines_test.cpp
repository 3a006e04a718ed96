// The Case and Task machines: every state restores from its stored name, transitions follow the table,
// refused events leave the state alone and are reported with the events the state accepts.
#include <gtest/gtest.h>

#include "workflow/machines/case_machine.hpp"
#include "workflow/machines/task_machine.hpp"

using namespace ow::machines;

TEST(CaseMachine, EveryStateRestoresFromItsName) {
  for (int i = 0; i < 13; ++i) {
    const auto s = static_cast<CaseState>(i);
    EXPECT_EQ(case_state_named(name(s)), s);
    EXPECT_EQ(CaseMachine(s).state(), s) << name(s);
  }
  EXPECT_FALSE(case_state_named("Pending"));
}

TEST(CaseMachine, AHappyLifecycle) {
  CaseMachine m;
  EXPECT_EQ(m.state(), CaseState::New);
  for (auto [e, s] : {std::pair{CaseEvent::accept, CaseState::Accepted},
                      {CaseEvent::start_processing, CaseState::InProgress},
                      {CaseEvent::suspend, CaseState::Suspended},
                      {CaseEvent::resume, CaseState::InProgress},
                      {CaseEvent::all_approved, CaseState::ResultReady},
                      {CaseEvent::deliver, CaseState::Concluded},
                      {CaseEvent::archive, CaseState::Archived}}) {
    ASSERT_TRUE(m.process(e)) << name(e);
    EXPECT_EQ(m.state(), s);
  }
}

// 告知承诺 found false at its 核查: the result is revoked while under way, ready or handed over; a revoked case
// can only be archived; nothing before acceptance, and nothing archived, is revoked.
TEST(CaseMachine, AFalseCommitmentRevokesTheResult) {
  for (auto from : {CaseState::InProgress, CaseState::Suspended, CaseState::ResultReady, CaseState::Concluded}) {
    CaseMachine m(from);
    ASSERT_TRUE(m.process(CaseEvent::revoke)) << name(from);
    EXPECT_EQ(m.state(), CaseState::Revoked);
  }
  for (auto from : {CaseState::New, CaseState::Submitted, CaseState::Accepted, CaseState::Refused,
                    CaseState::NotPermitted, CaseState::Withdrawn, CaseState::Archived, CaseState::Revoked}) {
    CaseMachine m(from);
    EXPECT_FALSE(m.process(CaseEvent::revoke)) << name(from);
    EXPECT_EQ(m.state(), from);
  }
  EXPECT_EQ(CaseMachine(CaseState::Revoked).accepted_events(), std::vector<CaseEvent>{CaseEvent::archive});
  EXPECT_EQ(case_state_named("Revoked"), CaseState::Revoked);
  EXPECT_EQ(case_event_named("revoke"), CaseEvent::revoke);
}

TEST(CaseMachine, RefusedEventsAreReportedWithWhatIsAccepted) {
  CaseMachine m(CaseState::InProgress);
  EXPECT_FALSE(m.process(CaseEvent::deliver));
  EXPECT_EQ(m.state(), CaseState::InProgress);
  EXPECT_EQ(m.accepted_events(), (std::vector<CaseEvent>{CaseEvent::suspend, CaseEvent::all_approved,
                                                         CaseEvent::department_refused, CaseEvent::withdraw,
                                                         CaseEvent::revoke}));
  EXPECT_TRUE(CaseMachine(CaseState::Archived).accepted_events().empty());
  EXPECT_EQ(CaseMachine(CaseState::Submitted).accepted_events(),
            (std::vector<CaseEvent>{CaseEvent::accept, CaseEvent::request_supplement, CaseEvent::refuse,
                                    CaseEvent::withdraw}));
  // A concluded case cannot be withdrawn; a refused one can only be archived.
  EXPECT_FALSE(CaseMachine(CaseState::Concluded).process(CaseEvent::withdraw));
  EXPECT_EQ(CaseMachine(CaseState::Refused).accepted_events(), std::vector<CaseEvent>{CaseEvent::archive});
}

TEST(CaseMachine, ProbingDoesNotMove) {
  CaseMachine m(CaseState::ResultReady);
  m.accepted_events();
  EXPECT_EQ(m.state(), CaseState::ResultReady);
  CaseMachine copy = m;
  ASSERT_TRUE(copy.process(CaseEvent::deliver));
  EXPECT_EQ(m.state(), CaseState::ResultReady);
  EXPECT_EQ(copy.state(), CaseState::Concluded);
}

TEST(TaskMachine, EveryStateRestoresFromItsName) {
  for (int i = 0; i < 10; ++i) {
    const auto s = static_cast<TaskState>(i);
    EXPECT_EQ(task_state_named(name(s)), s);
    EXPECT_EQ(TaskMachine(s).state(), s) << name(s);
  }
}

TEST(TaskMachine, PushAndInboxPaths) {
  TaskMachine push;
  for (auto e : {TaskEvent::become_ready, TaskEvent::dispatch, TaskEvent::dispatch_failed, TaskEvent::redispatch,
                 TaskEvent::dispatched, TaskEvent::receive, TaskEvent::request_supplement,
                 TaskEvent::supplement_provided, TaskEvent::approve})
    ASSERT_TRUE(push.process(e)) << name(e) << " in " << name(push.state());
  EXPECT_EQ(push.state(), TaskState::Approved);
  EXPECT_TRUE(is_final(push.state()));
  EXPECT_TRUE(push.accepted_events().empty());

  TaskMachine inbox;
  for (auto e : {TaskEvent::become_ready, TaskEvent::dispatched, TaskEvent::receive, TaskEvent::reject})
    ASSERT_TRUE(inbox.process(e));
  EXPECT_EQ(inbox.state(), TaskState::Rejected);
}

TEST(TaskMachine, CancelFromEveryOpenStateOnly) {
  for (int i = 0; i < 10; ++i) {
    const auto s = static_cast<TaskState>(i);
    TaskMachine m(s);
    EXPECT_EQ(m.process(TaskEvent::cancel), !is_final(s)) << name(s);
  }
  EXPECT_FALSE(TaskMachine(TaskState::Waiting).process(TaskEvent::approve));
  EXPECT_EQ(TaskMachine(TaskState::Received).accepted_events(),
            (std::vector<TaskEvent>{TaskEvent::approve, TaskEvent::reject, TaskEvent::request_supplement,
                                    TaskEvent::cancel}));
}
