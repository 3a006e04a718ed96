// 告知承诺 through the flow: a commitment accepted at intake is recorded; approving its step creates the 核查
// task on the commitment's own clock (working days from the catalog), which neither holds back the result nor
// takes approvals, rejections or 补正; confirmed closes it; found false revokes the result (Revoked, the revoke
// audit entry, the revocation notice) and cancels what is still open. The audit replays after every decision.
#include <gtest/gtest.h>

#include "adapters/catalog/catalog_yaml.hpp"
#include "tests/support/embedded_catalog.hpp"
#include "workflow/flow/case_flow.hpp"
#include "workflow/catalog/lint.hpp"
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

// 企业开办 without the optional steps: register (企业设立登记, with the 住所 commitment) then seal.
struct CommittedCase {
  CommittedCase() : ctx{demo(), demo().bundles.at("QYKB"), 420} {
    record.number = "TEST-QYKB";
    record.bundle = "QYKB";
    record.catalog_version = 1;
    for (const auto& a : ctx.bundle.attributes) record.attributes[a.name] = "false";
    const auto& option = *demo().items.at("330106-SCJG-001").commitment;
    step(Accept{{}, true, {{"330106-SCJG-001", "register", option.replaces, option.verify_within, "", ""}}});
  }

  Decision step(const Command& c) {
    Decision d = apply(ctx, record, c, "user:1", now);
    record = d.after;
    audit.insert(audit.end(), d.audit.begin(), d.audit.end());
    EXPECT_EQ(audit_mismatch(audit, record), "") << command_name(c);
    now += 3600;
    return d;
  }
  // The 核查 task claimed by an approver, then their verdict.
  Decision verify(bool truthful, const std::string& reason) {
    step(Claim{"verify.register", 7, "approver"});
    return step(VerifyCommitment{"verify.register", truthful, reason});
  }
  void approve(const std::string& s) {  // (市场监管 and 公安 take pushes: their tasks are sent first)
    if (record.task(s)->state == TaskState::Dispatching) step(TaskTransition{s, TaskEvent::dispatched, ""});
    step(TaskTransition{s, TaskEvent::receive, ""});
    step(TaskTransition{s, TaskEvent::approve, "同意"});
  }

  FlowContext ctx;
  CaseRecord record;
  std::vector<AuditEntry> audit;
  calendar::Instant now = calendar::parse_instant("2026-03-02T10:00:00+08:00");
};

}  // namespace

TEST(Commitment, TheCatalogOffersItForTheAddressProof) {
  const auto& option = demo().items.at("330106-SCJG-001").commitment;
  ASSERT_TRUE(option);
  EXPECT_EQ(option->replaces, std::vector<std::string>{"premises_proof"});
  EXPECT_EQ(option->verify_within, (calendar::Limit{calendar::Limit::Kind::working_days, 20}));
  EXPECT_FALSE(option->conditions.empty());
  EXPECT_FALSE(demo().items.at("330106-GA-YZBA").commitment);
}

TEST(Commitment, ApprovalOfItsStepOpensTheVerificationTaskOnItsOwnClock) {
  CommittedCase run;
  ASSERT_EQ(run.record.commitments.size(), 1u);
  EXPECT_TRUE(std::any_of(run.audit.begin(), run.audit.end(), [](const AuditEntry& a) {
    return a.event == "note:commitment" && a.detail == "330106-SCJG-001：premises_proof";
  }));
  EXPECT_FALSE(run.record.task("verify.register"));  // not before the step is approved
  run.approve("register");
  const TaskRecord* v = run.record.task("verify.register");
  ASSERT_TRUE(v);
  EXPECT_EQ(verified_step(v->step), "register");
  EXPECT_EQ(verification_step("register"), "verify.register");
  EXPECT_EQ(v->department, "SCJG");
  EXPECT_FALSE(v->push);  // the platform's inbox
  EXPECT_EQ(v->state, TaskState::Dispatched);
  ASSERT_TRUE(v->clock);
  EXPECT_EQ(v->clock->limit, (calendar::Limit{calendar::Limit::Kind::working_days, 20}));
  EXPECT_FALSE(v->clock->stopped_at);
  // The 核查 does not hold the result back.
  run.approve("seal");
  EXPECT_EQ(run.record.state, CaseState::ResultReady);
  EXPECT_EQ(run.record.task("verify.register")->state, TaskState::Dispatched);
  run.step(Deliver{});
  EXPECT_EQ(run.record.state, CaseState::Concluded);
}

TEST(Commitment, AVerificationTaskTakesOnlyItsVerdict) {
  CommittedCase run;
  run.approve("register");
  run.step(Claim{"verify.register", 7, "approver"});
  EXPECT_THROW(run.step(TaskTransition{"verify.register", TaskEvent::approve, ""}), FlowInvalid);
  EXPECT_THROW(run.step(TaskTransition{"verify.register", TaskEvent::reject, "不符合"}), FlowInvalid);
  EXPECT_THROW(run.step(RequestTaskSupplement{"verify.register", {"premises_proof"}, "补正"}), FlowInvalid);
  EXPECT_THROW(run.step(VerifyCommitment{"register", true, ""}), FlowInvalid);  // not a 核查 task
  EXPECT_THROW(run.step(VerifyCommitment{"verify.register", false, ""}), FlowInvalid);  // false needs the reason
}

TEST(Commitment, ConfirmedClosesTheVerification) {
  CommittedCase run;
  run.approve("register");
  run.approve("seal");
  const Decision d = run.verify(true, "");
  EXPECT_EQ(run.record.task("verify.register")->state, TaskState::Approved);
  EXPECT_TRUE(run.record.task("verify.register")->clock->stopped_at);
  EXPECT_EQ(run.record.commitments.front().outcome, "confirmed");
  EXPECT_EQ(run.record.state, CaseState::ResultReady);
  EXPECT_TRUE(d.documents.empty());
}

TEST(Commitment, FoundFalseRevokesTheResult) {
  CommittedCase run;
  run.approve("register");
  run.approve("seal");
  run.step(Deliver{});
  const Decision d = run.verify(false, "现场核查：申报住所为住宅，无法取得联系");
  EXPECT_EQ(run.record.state, CaseState::Revoked);
  EXPECT_EQ(run.record.task("verify.register")->state, TaskState::Rejected);
  EXPECT_EQ(run.record.commitments.front().outcome, "false");
  EXPECT_EQ(run.record.commitments.front().reason, "现场核查：申报住所为住宅，无法取得联系");
  EXPECT_EQ(d.documents, std::vector<std::string>{"revocation_notice"});
  EXPECT_TRUE(std::any_of(d.audit.begin(), d.audit.end(), [](const AuditEntry& a) {
    return a.entity == "case" && a.event == "revoke" && a.from == "Concluded" && a.to == "Revoked";
  }));
  run.step(Archive{});
  EXPECT_EQ(run.record.state, CaseState::Archived);
}

TEST(Commitment, FoundFalseWhileUnderWayCancelsTheRest) {
  CommittedCase run;
  run.approve("register");
  run.verify(false, "住所证明材料系伪造");
  EXPECT_EQ(run.record.state, CaseState::Revoked);
  EXPECT_EQ(run.record.task("seal")->state, TaskState::Cancelled);
  EXPECT_TRUE(run.record.committed->stopped_at);
}

// The catalog's commitment is linted: it replaces what the item asks, names its conditions, and is verified
// within working days; a malformed one is a syntax error naming the item.
TEST(Commitment, TheLintRefusesABrokenCommitment) {
  auto lint_with = [](const std::string& commitment) {
    const std::string yaml = R"(
departments:
  - {code: A, name: 甲局, region: "330106"}
materials:
  - {id: proof, name: 场所证明}
  - {id: form, name: 申请书}
items:
  - code: I1
    name: 一
    department: A
    kind: 行政许可
    statutory: 5wd
    committed: 1wd
    materials: [{id: proof}, {id: form}]
    commitment: )" + commitment + R"(
bundles:
  - {code: X, name: 测试, audience: person, committed: 1wd, steps: [{id: first, item: I1}]}
)";
    std::string all;
    for (const auto& e : catalog::lint(catalog::parse_catalog({{"t.yaml", yaml}}))) all += e.to_string() + "\n";
    return all;
  };
  EXPECT_EQ(lint_with("{replaces: [proof], verify_within: 10wd, conditions: [场所真实]}"), "");
  EXPECT_NE(lint_with("{replaces: [other], verify_within: 10wd, conditions: [场所真实]}")
                .find("commitment replaces 'other', which the item does not ask for"),
            std::string::npos);
  EXPECT_NE(lint_with("{replaces: [proof], verify_within: 10d, conditions: [场所真实]}").find("at least 1 working day"),
            std::string::npos);
  EXPECT_NE(lint_with("{replaces: [proof], verify_within: 10wd}").find("names no condition"), std::string::npos);
  EXPECT_NE(lint_with("{replaces: [], verify_within: 10wd, conditions: [场所真实]}").find("replaces no material"),
            std::string::npos);
  EXPECT_THROW(lint_with("[proof]"), catalog::CatalogSyntaxError);
  EXPECT_THROW(lint_with("{replaces: [proof], verify_within: soon, conditions: [a]}"), catalog::CatalogSyntaxError);
}
