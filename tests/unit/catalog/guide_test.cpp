// The merged guide: shared materials asked once, produced ones never, e-license ones marked.
#include <gtest/gtest.h>

#include <algorithm>

#include "adapters/catalog/catalog_yaml.hpp"
#include "tests/support/embedded_catalog.hpp"
#include "workflow/catalog/guide.hpp"

using namespace ow::catalog;

namespace {
const Catalog& demo() {
  static const Catalog c = parse_catalog(ow::testing::embedded_catalog_documents());
  return c;
}
const GuideMaterial* find(const Guide& g, const std::string& id) {
  for (const auto& m : g.materials)
    if (m.id == id) return &m;
  return nullptr;
}
}  // namespace

TEST(Guide, SharedMaterialsAreAskedOnce) {
  Guide g = merged_guide(demo(), demo().bundles.at("QYKB"));
  const auto* id = find(g, "id_card");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->steps, (std::vector<std::string>{"register", "tax"}));
  EXPECT_EQ(std::count_if(g.materials.begin(), g.materials.end(), [](const auto& m) { return m.id == "id_card"; }), 1);
  EXPECT_LE(g.materials.size(), 7u);  // 企业开办: at most 7 materials
  EXPECT_EQ(g.steps.front().id, "register");
}

TEST(Guide, ProducedMaterialsAreNeverAsked) {
  Guide qykb = merged_guide(demo(), demo().bundles.at("QYKB"));
  EXPECT_FALSE(find(qykb, "business_licence"));  // the registration step produces it
  ASSERT_EQ(qykb.produced.size(), 1u);
  EXPECT_EQ(qykb.produced[0].step, "register");
  EXPECT_EQ(qykb.produced[0].used_by.size(), 4u);
  Guide birth = merged_guide(demo(), demo().bundles.at("CSYJS"));
  EXPECT_FALSE(find(birth, "birth_certificate"));
  EXPECT_FALSE(find(birth, "hukou_record"));
  EXPECT_TRUE(find(birth, "parents_id_cards"));
  Guide retire = merged_guide(demo(), demo().bundles.at("TXYJS"));
  EXPECT_FALSE(find(retire, "contribution_record"));
  Guide property = merged_guide(demo(), demo().bundles.at("BDCJY"));
  EXPECT_FALSE(find(property, "contract_filing"));
  EXPECT_FALSE(find(property, "deed_tax_receipt"));
  EXPECT_TRUE(find(property, "property_certificate"));
}

TEST(Guide, ELicenseAndDeferralAndConditionsAreMarked) {
  Guide g = merged_guide(demo(), demo().bundles.at("QYKB"));
  EXPECT_EQ(find(g, "id_card")->elicense_type.value_or(""), "居民身份证");
  EXPECT_EQ(find(g, "premises_proof")->elicense_type.value_or(""), "不动产权证书");
  EXPECT_FALSE(find(g, "articles")->elicense_type);
  EXPECT_FALSE(find(g, "premises_proof")->key);  // 容缺 allowed
  EXPECT_TRUE(find(g, "articles")->key);
  EXPECT_TRUE(find(g, "account_application")->conditional);  // only the bank step, which has a condition
  EXPECT_FALSE(find(g, "id_card")->conditional);             // registration needs it unconditionally
  const auto& forms = find(g, "premises_proof")->forms;
  EXPECT_NE(std::find(forms.begin(), forms.end(), "electronic"), forms.end());
}

TEST(Guide, OneMaterialForWater) {
  Guide g = merged_guide(demo(), demo().bundles.at("HDYS"));
  EXPECT_EQ(g.materials.size(), 1u);
  EXPECT_LE(g.steps.size(), 3u);
}
