// Intake rules: active steps, missing materials (key vs deferrable), the case's statutory limit.
#include <gtest/gtest.h>

#include "adapters/catalog/catalog_yaml.hpp"
#include "tests/support/embedded_calendar.hpp"
#include "tests/support/embedded_catalog.hpp"
#include "workflow/flow/intake_rules.hpp"

using namespace ow;

TEST(IntakeRules, MissingMaterialsAreKeyOrDeferrable) {
  const auto c = catalog::parse_catalog(ow::testing::embedded_catalog_documents());
  const auto& b = c.bundles.at("QYKB");
  const auto g = catalog::merged_guide(c, b);
  const auto active = flow::active_steps(b, {{"needs_invoice", "false"}, {"needs_bank_account", "false"}});
  EXPECT_EQ(active, (std::vector<std::string>{"register", "seal"}));  // 人社 only for an enterprise that hires
  EXPECT_EQ(flow::active_steps(b, {{"hires_employees", "true"}}),
            (std::vector<std::string>{"register", "seal", "social_insurance"}));
  auto none = flow::check_materials(g, active, {});
  EXPECT_EQ(none.missing_key, (std::vector<std::string>{"id_card", "company_application", "articles"}));
  EXPECT_EQ(none.missing_deferrable,
            (std::vector<std::string>{"premises_proof", "representative_doc", "seal_application"}));
  // The bank step is off, so its account application is not asked for.
  auto all = flow::check_materials(g, active, {"id_card", "company_application", "articles"});
  EXPECT_TRUE(all.missing_key.empty());
  const auto with_bank = flow::active_steps(b, {{"needs_bank_account", "true"}});
  EXPECT_EQ(flow::check_materials(g, with_bank, {"id_card", "company_application", "articles"}).missing_key,
            std::vector<std::string>{"account_application"});
}

TEST(IntakeRules, CaseStatutoryLimitFollowsTheHeaviestPath) {
  const auto c = catalog::parse_catalog(ow::testing::embedded_catalog_documents());
  // 企业开办: registration 15wd, then the heaviest parallel step (social insurance) 15wd.
  EXPECT_EQ(flow::case_statutory_limit(c, c.bundles.at("QYKB"), 420).to_string(), "30wd");
  EXPECT_EQ(flow::case_statutory_limit(c, c.bundles.at("HDYS"), 420).to_string(), "18wd");
}

TEST(IntakeRules, EstablishmentAndNewbornBelongToTheirStages) {
  const auto c = catalog::parse_catalog(ow::testing::embedded_catalog_documents());
  EXPECT_TRUE(flow::admits_establishment(c.bundles.at("QYKB")));   // 企业开办: before the company exists
  EXPECT_FALSE(flow::admits_establishment(c.bundles.at("HDYS")));  // 获得用水: an existing enterprise
  EXPECT_TRUE(flow::takes_newborn(c.bundles.at("CSYJS")));
  EXPECT_FALSE(flow::takes_newborn(c.bundles.at("TXYJS")));
  EXPECT_FALSE(flow::takes_newborn(c.bundles.at("QYKB")));
}

TEST(IntakeRules, NewbornBirthDateIsWithinTheLastYear) {
  using F = flow::BirthDateFault;
  const auto today = calendar::parse_date("2026-11-28");
  EXPECT_EQ(flow::check_newborn_birth_date("2026-11-28", today), F::none);
  EXPECT_EQ(flow::check_newborn_birth_date("2025-11-28", today), F::none);  // exactly a year: still
  EXPECT_EQ(flow::check_newborn_birth_date("2025-11-27", today), F::too_old);
  EXPECT_EQ(flow::check_newborn_birth_date("2026-11-29", today), F::future);
  EXPECT_EQ(flow::check_newborn_birth_date("2026-02-30", today), F::not_a_date);
  EXPECT_EQ(flow::check_newborn_birth_date("", today), F::not_a_date);
  // 29 February: a year before is 28 February.
  EXPECT_EQ(calendar::format_date(flow::newborn_earliest_birth(calendar::parse_date("2024-02-29"))), "2023-02-28");
}

TEST(IntakeRules, DeferralDefaultsToWorkingDaysNeverAfterTheCommittedDueDate) {
  const auto& cal = ow::testing::embedded_calendar();
  EXPECT_EQ(flow::default_deferral_days({calendar::Limit::Kind::working_days, 3}), 3);
  EXPECT_EQ(flow::default_deferral_days({calendar::Limit::Kind::natural_days, 30}), 5);
  EXPECT_EQ(flow::default_deferral_days({calendar::Limit::Kind::working_days, 0}), 5);  // 即办
  const auto d = calendar::parse_date("2025-09-30");  // the day before the National Day holidays (10/1–10/8)
  // 5 working days: 10/9, 10/10, 10/11 (a make-up Saturday), 10/13, 10/14 — not 10/5 by the calendar.
  EXPECT_EQ(calendar::format_date(flow::default_deferral_date(cal, d, 5, std::nullopt)), "2025-10-14");
  EXPECT_EQ(calendar::format_date(flow::default_deferral_date(cal, d, 5, calendar::parse_date("2025-10-10"))),
            "2025-10-10");
  // A due date already passed (a limit of hours) never puts the promise before today.
  EXPECT_EQ(calendar::format_date(flow::default_deferral_date(cal, d, 5, calendar::parse_date("2025-09-29"))),
            "2025-09-30");
}
