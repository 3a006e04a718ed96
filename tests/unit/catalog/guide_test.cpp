// The merged guide: shared materials asked once, produced ones never, e-license ones marked.
#include <gtest/gtest.h>

#include <algorithm>

#include "adapters/catalog/catalog_yaml.hpp"
#include "tests/support/embedded_catalog.hpp"
#include "workflow/catalog/guide.hpp"
#include "workflow/catalog/reduction.hpp"

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

// 材料精简率 against the pre-reform baseline (issue 18), by hand: the demo catalog's items carry an
// (illustrative) baseline; 企业开办's figure is 1 − asked ÷ (sum of its items' baselines). A bundle with one item
// lacking a baseline is left out, not guessed.
TEST(MaterialsReduction, MeasuredAgainstTheBaselineAndOnlyWhereItIsKnown) {
  Catalog c = demo();
  const auto all = materials_reduction(c);
  EXPECT_EQ(all.bundles_measured, static_cast<int>(c.bundles.size()));
  EXPECT_EQ(all.bundles_without_baseline, 0);
  // Keep only 企业开办, and compute its figure by hand from the catalog.
  for (auto it = c.bundles.begin(); it != c.bundles.end();)
    it = it->first == "QYKB" ? std::next(it) : c.bundles.erase(it);
  int baseline = 0;
  for (const auto& s : c.bundles.at("QYKB").steps) baseline += *c.items.at(s.item).baseline_materials;
  const auto asked = merged_guide(c, c.bundles.at("QYKB")).materials.size();
  const auto one = materials_reduction(c);
  ASSERT_TRUE(one.rate);
  EXPECT_DOUBLE_EQ(*one.rate, 1.0 - static_cast<double>(asked) / baseline);
  EXPECT_GT(*one.rate, 0.5) << asked << " of " << baseline;
  // One item without a baseline: the bundle is not measured.
  c.items.at(c.bundles.at("QYKB").steps.front().item).baseline_materials.reset();
  const auto none = materials_reduction(c);
  EXPECT_FALSE(none.rate);
  EXPECT_EQ(none.bundles_without_baseline, 1);
}
