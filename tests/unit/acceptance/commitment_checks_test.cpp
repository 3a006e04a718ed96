// The intake rule of 告知承诺: which items may take a commitment on this case's route, what it stands in for, and
// the credit check before it is taken — a clean record passes, a listed applicant (失信) and an unanswered or
// missing credit service are refused with their stable codes, Chinese titles and the field.
#include <gtest/gtest.h>

#include "adapters/catalog/catalog_yaml.hpp"
#include "services/acceptance/commitment_checks.hpp"
#include "services/platform/problem.hpp"
#include "tests/support/embedded_catalog.hpp"
#include "workflow/flow/intake_rules.hpp"

using namespace ow;
using namespace ow::acceptance;

namespace {

const catalog::Catalog& demo() {
  static const catalog::Catalog c = catalog::parse_catalog(ow::testing::embedded_catalog_documents());
  return c;
}

IntakeRequest request(std::vector<std::string> commitments, std::vector<PresentedMaterial> materials = {}) {
  IntakeRequest r;
  r.bundle = "QYKB";
  r.commitments = std::move(commitments);
  r.materials = std::move(materials);
  return r;
}

const std::vector<std::string> kQykbRoute{"register", "seal"};

// Runs f and returns the problem it throws.
template <class F>
platform::Problem problem_of(F f) {
  try {
    f();
  } catch (const platform::Problem& p) {
    return p;
  }
  ADD_FAILURE() << "no problem thrown";
  return platform::Problem(500, "none", "none");
}

struct SilentCredit : adapters::CreditLookup {
  adapters::CreditStanding check(const std::string&) const override { throw adapters::CreditUnavailable("timeout"); }
  void record(const adapters::CreditEntry&) const override { throw adapters::CreditUnavailable("timeout"); }
};

}  // namespace

TEST(CommitmentRule, AnOfferedItemOnTheRouteStandsInForItsProofs) {
  const auto& b = demo().bundles.at("QYKB");
  const auto out = commitments_for(request({"330106-SCJG-001"}), demo(), b, kQykbRoute);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].item, "330106-SCJG-001");
  EXPECT_EQ(out[0].step, "register");
  EXPECT_EQ(out[0].replaces, std::vector<std::string>{"premises_proof"});
  EXPECT_EQ(out[0].verify_within.amount, 20);
  EXPECT_TRUE(out[0].outcome.empty());
  EXPECT_TRUE(commitments_for(request({}), demo(), b, kQykbRoute).empty());
}

TEST(CommitmentRule, OtherItemsAndHandedOverProofsAreRefused) {
  const auto& b = demo().bundles.at("QYKB");
  auto p = problem_of([&] { commitments_for(request({"330106-GA-YZBA"}), demo(), b, kQykbRoute); });
  EXPECT_EQ(p.status(), 422u);
  EXPECT_EQ(p.code(), "commitment_not_offered");
  EXPECT_EQ(p.title(), "该事项不适用告知承诺制");
  EXPECT_EQ(p.extra().at("field"), "commitments[0]");
  p = problem_of([&] { commitments_for(request({"330106-WJW-ZSBA"}), demo(), b, kQykbRoute); });  // not on QYKB
  EXPECT_EQ(p.status(), 400u);
  p = problem_of([&] {
    commitments_for(request({"330106-SCJG-001"}, {{"premises_proof", "original"}}), demo(), b, kQykbRoute);
  });
  EXPECT_EQ(p.status(), 400u);
  // The clinic bundle offers it on both of its items' address proofs.
  const auto clinic = commitments_for(request({"330106-WJW-ZSBA"}), demo(), demo().bundles.at("MBZS"),
                                      {"register", "practice"});
  ASSERT_EQ(clinic.size(), 1u);
  EXPECT_EQ(clinic[0].step, "practice");
  EXPECT_EQ(clinic[0].verify_within.amount, 30);
}

TEST(CommitmentRule, OnlyACleanRecordMayCommit) {
  adapters::DemoCreditRegistry registry;
  EXPECT_NO_THROW(check_commitment_credit(&registry, "330106199001010011"));
  auto p = problem_of([&] { check_commitment_credit(&registry, "91330106MA2B000022"); });
  EXPECT_EQ(p.status(), 422u);
  EXPECT_EQ(p.code(), "commitment_refused_listed");
  EXPECT_EQ(p.title(), "申请人列入严重失信主体名单、失信被执行人，不适用告知承诺制，请改为收取证明材料");
  EXPECT_EQ(p.extra().at("field"), "commitments");
  EXPECT_EQ(p.detail().find("91330106MA2B000022"), std::string::npos);  // no number in the message
  SilentCredit silent;
  p = problem_of([&] { check_commitment_credit(&silent, "330106199001010011"); });
  EXPECT_EQ(p.code(), "commitment_credit_unavailable");
  EXPECT_EQ(p.title(), "信用核查暂不可用，不能适用告知承诺，请改为收取证明材料");
  EXPECT_EQ(p.extra().at("field"), "commitments");
  p = problem_of([&] { check_commitment_credit(nullptr, "330106199001010011"); });
  EXPECT_EQ(p.code(), "commitment_credit_unavailable");
}
