// Intake rules: active steps, missing materials (key vs deferrable), the case's statutory limit.
#include <gtest/gtest.h>

#include "adapters/catalog/catalog_yaml.hpp"
#include "tests/support/embedded_catalog.hpp"
#include "workflow/flow/intake_rules.hpp"

using namespace ow;

TEST(IntakeRules, MissingMaterialsAreKeyOrDeferrable) {
  const auto c = catalog::parse_catalog(ow::testing::embedded_catalog_documents());
  const auto& b = c.bundles.at("QYKB");
  const auto g = catalog::merged_guide(c, b);
  const auto active = flow::active_steps(b, {{"needs_invoice", "false"}, {"needs_bank_account", "false"}});
  EXPECT_EQ(active, (std::vector<std::string>{"register", "seal", "social_insurance"}));
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
