// The back office's and the departments' commands against the in-memory repository: who reaches a task
// (department and region), 签收 once, decisions only by the holder, re-dispatch by a supervisor of the
// region, and department events applied once per event id.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "services/casework/errors.hpp"
#include "services/platform/problem.hpp"
#include "tests/unit/casework/casework_world.hpp"

using namespace ow;
using ow::testing::approver_of;
using ow::testing::CaseworkWorld;
using ow::testing::supervisor_of;

using ow::testing::refusal_code;

// A 企业开办 case accepted, registration approved: 社保登记 waits in the RS approvers' inbox.
class TaskDesk : public ::testing::Test {
 protected:
  CaseworkWorld w;
  std::string number = w.accepted_case();
  std::int64_t id = w.social_insurance_in_inbox(number);
  platform::Actor rs1 = approver_of("RS", 5);
};

TEST_F(TaskDesk, AClaimReceivesTheTaskOnceAndOnlyForItsDepartment) {
  const auto rs2 = approver_of("RS", 6);
  EXPECT_EQ(refusal_code([&] { w.desk.claim(approver_of("SW", 8), id, w.now); }), "not_found");  // another department
  EXPECT_EQ(refusal_code([&] { w.desk.claim(approver_of("RS", 9, "330102"), id, w.now); }),
            "not_found");  // another district
  w.desk.claim(rs1, id, w.now);
  EXPECT_EQ(w.task(number, "social_insurance").state, "Received");
  EXPECT_EQ(w.task(number, "social_insurance").assignee_id.value_or(0), 5);
  w.desk.claim(rs1, id, w.now);  // claiming one's own task again only notes it
  EXPECT_EQ(w.task(number, "social_insurance").state, "Received");
  EXPECT_EQ(refusal_code([&] { w.desk.claim(rs2, id, w.now); }), "task_claimed");
  EXPECT_EQ(refusal_code([&] {
              w.desk.decide(rs2, id, boost::json::object{{"kind", "approve"}}, w.now);
            }),
            "task_not_claimed");
  EXPECT_EQ(refusal_code([&] { w.desk.release(rs2, id, w.now); }), "task_not_claimed");
  EXPECT_EQ(w.task(number, "social_insurance").assignee_id.value_or(0), 5);
}

TEST_F(TaskDesk, TheHolderDecidesAndTheResultIsKeptWithTheTask) {
  w.desk.claim(rs1, id, w.now);
  EXPECT_THROW(w.desk.decide(rs1, id, boost::json::object{{"kind", "reject"}}, w.now),
               std::exception);  // reason and basis missing
  EXPECT_EQ(w.task(number, "social_insurance").state, "Received");
  w.desk.decide(
      rs1, id,
      boost::json::object{{"kind", "approve"}, {"opinion", "同意"}, {"produced", {{"social_insurance_no", "SB-1"}}}},
      w.now);
  const auto& t = w.task(number, "social_insurance");
  EXPECT_EQ(t.state, "Approved");
  EXPECT_EQ(t.opinion.value_or(""), "同意");
  EXPECT_EQ(boost::json::parse(t.result.value_or("{}")).at("social_insurance_no").as_string(), "SB-1");
  // A decided task is not claimed again: the flow refuses it.
  EXPECT_THROW(w.desk.claim(rs1, id, w.now), flow::FlowRefused);
}

TEST_F(TaskDesk, ReleaseAndTransferChangeWhoHoldsTheTask) {
  w.desk.claim(rs1, id, w.now);
  backoffice::Colleague sw{8, "approver8", "approver", "330106", std::string("SW"), false};
  EXPECT_EQ(refusal_code([&] { w.desk.transfer(rs1, id, "approver8", sw, w.now); }), "transfer_target_invalid");
  EXPECT_EQ(refusal_code([&] { w.desk.transfer(rs1, id, "nobody", std::nullopt, w.now); }), "transfer_target_invalid");
  backoffice::Colleague rs2{6, "approver6", "approver", "330106", std::string("RS"), false};
  w.desk.transfer(rs1, id, "approver6", rs2, w.now);
  EXPECT_EQ(w.task(number, "social_insurance").assignee_id.value_or(0), 6);
  EXPECT_EQ(refusal_code([&] { w.desk.release(rs1, id, w.now); }), "task_not_claimed");
  w.desk.release(approver_of("RS", 6), id, w.now);
  EXPECT_FALSE(w.task(number, "social_insurance").assignee_id.has_value());
}

TEST_F(TaskDesk, OnlyASupervisorOfTheRegionReDispatches) {
  const auto register_id = w.task(number, "register").id;
  EXPECT_EQ(refusal_code([&] { w.desk.redispatch(approver_of("SCJG", 3), register_id, "重新推送", w.now); }),
            "forbidden");
  EXPECT_EQ(refusal_code([&] { w.desk.redispatch(supervisor_of("330200"), register_id, "重新推送", w.now); }),
            "not_found");
  // Registration is Approved, not DispatchFailed: the machine refuses a re-dispatch.
  EXPECT_THROW(w.desk.redispatch(supervisor_of("330100"), register_id, "重新推送", w.now), flow::FlowRefused);
}

TEST(DepartmentEvents, AnEventIdIsAppliedOnceAndARepeatAnswersTheFirstAnswer) {
  CaseworkWorld w;
  const std::string number = w.accepted_case();
  const flow::TaskTransition received{"register", machines::TaskEvent::receive, ""};
  const auto first = w.event("SCJG", "ev-1", number, "register", received, "hash-a");
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_FALSE(first.replayed);
  EXPECT_EQ(w.task(number, "register").state, "Received");  // Dispatching → dispatched by the callback → received
  const auto audit = w.audit_size(number);
  const auto again = w.event("SCJG", "ev-1", number, "register", received, "hash-a");
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(w.audit_size(number), audit);
  EXPECT_EQ(refusal_code([&] { w.event("SCJG", "ev-1", number, "register", received, "hash-b"); }), "event_id_reused");
  EXPECT_EQ(refusal_code([&] { w.event("SCJG", "ev-2", "330106202603020099999", "register", received); }), "not_found");
  EXPECT_EQ(refusal_code([&] { w.event("GA", "ev-3", number, "register", received); }), "not_found");  // not GA's step
}

TEST(DepartmentEvents, ARefusedEventIsAnsweredConflictAndKept) {
  CaseworkWorld w;
  const std::string number = w.accepted_case();
  // Approving a task still Dispatching: the department has not even confirmed receipt.
  const auto refused =
      w.event("SCJG", "ev-9", number, "register", flow::TaskTransition{"register", machines::TaskEvent::approve, ""});
  EXPECT_EQ(refused.status, 409u);
  const auto body = boost::json::parse(refused.body);
  EXPECT_EQ(body.at("code").as_string(), "illegal_transition");
  EXPECT_EQ(body.at("state").as_string(), "Dispatching");
  EXPECT_EQ(body.at("accepted_events").as_array().at(0).as_string(), "received");
  EXPECT_EQ(w.task(number, "register").state, "Dispatching");
  const auto again =
      w.event("SCJG", "ev-9", number, "register", flow::TaskTransition{"register", machines::TaskEvent::approve, ""});
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.status, 409u);
  const auto supplement = w.event("SCJG", "ev-10", number, "register",
                                  flow::RequestTaskSupplement{"register", {"articles"}, "章程缺少股东签字"});
  EXPECT_EQ(supplement.status, 409u);
}

TEST_F(TaskDesk, AMalformedDecisionIsRefusedBeforeTheTaskIsLookedAt) {
  // No kind: a 400 naming the field, whoever asks and whatever the task (nothing is locked for it).
  for (const auto& who : {approver_of("SW", 8), rs1}) {
    try {
      w.desk.decide(who, id, boost::json::object{{"opinion", "同意"}}, w.now);
      ADD_FAILURE() << "a decision without kind was taken";
    } catch (const platform::Problem& p) {
      EXPECT_EQ(p.status(), 400u);
      EXPECT_EQ(p.extra().at("field").as_string(), "kind");
    }
  }
  EXPECT_EQ(w.repo.rollbacks, 0);
}
