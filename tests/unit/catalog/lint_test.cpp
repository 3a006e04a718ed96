// Route validation: each broken catalog is rejected with its bundle and step named.
#include <gtest/gtest.h>

#include "adapters/catalog/catalog_yaml.hpp"
#include "tests/support/embedded_catalog.hpp"
#include "workflow/catalog/lint.hpp"
#include "workflow/catalog/route.hpp"

using namespace ow::catalog;

namespace {

// A small valid catalog to break in one way at a time.
const char* kBase = R"(
departments:
  - {code: A, name: 甲局, region: "330106"}
  - {code: B, name: 乙局, region: "330106"}
materials:
  - {id: id_card, name: 身份证, elicense: 居民身份证}
  - {id: licence, name: 许可证}
items:
  - {code: I1, name: 一, department: A, kind: 行政许可, statutory: 5wd, committed: 1wd,
     materials: [{id: id_card}]}
  - {code: I2, name: 二, department: B, kind: 行政许可, statutory: 5wd, committed: 1wd,
     materials: [{id: licence}, {id: id_card}]}
bundles:
  - code: X
    name: 测试
    audience: person
    committed: 2wd
    attributes: [{name: flag}]
    steps:
      - {id: first, item: I1, produces: [licence]}
      - {id: second, item: I2, after: [first]}
)";

std::vector<LintError> lint_yaml(const std::string& yaml) { return lint(parse_catalog({{"t.yaml", yaml}})); }

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto pos = s.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return s.replace(pos, from.size(), to);
}

void expect_error(const std::vector<LintError>& errors, const std::string& bundle, const std::string& step,
                  const std::string& text) {
  for (const auto& e : errors)
    if (e.bundle == bundle && e.step == step && e.message.find(text) != std::string::npos) return;
  std::string all;
  for (const auto& e : errors) all += "\n  " + e.to_string();
  ADD_FAILURE() << "no error for " << bundle << "/" << step << " containing '" << text << "'; got:" << all;
}

}  // namespace

TEST(Lint, TheBaseAndTheDemoCatalogAreClean) {
  EXPECT_TRUE(lint_yaml(kBase).empty());
  for (const auto& e : lint(parse_catalog(ow::testing::embedded_catalog_documents()))) ADD_FAILURE() << e.to_string();
}

TEST(Lint, ACycle) {
  auto errors = lint_yaml(replace(kBase, "{id: first, item: I1, produces: [licence]}",
                                  "{id: first, item: I1, after: [second], produces: [licence]}"));
  expect_error(errors, "X", "first", "cycle");
}

TEST(Lint, AnUnknownItemDepartmentPredecessorOrAttribute) {
  expect_error(lint_yaml(replace(kBase, "{id: second, item: I2", "{id: second, item: NOPE")), "X", "second",
               "unknown item 'NOPE'");
  expect_error(
      lint_yaml(replace(kBase, "{id: second, item: I2, after: [first]}", "{id: second, item: I2, after: [zeroth]}")),
      "X", "second", "unknown predecessor 'zeroth'");
  expect_error(lint_yaml(replace(kBase, "{id: second, item: I2, after: [first]}",
                                 "{id: second, item: I2, department: C, after: [first]}")),
               "X", "second", "unknown department 'C'");
  expect_error(lint_yaml(replace(kBase, "{id: second, item: I2, after: [first]}",
                                 "{id: second, item: I2, after: [first], when: {colour: red}}")),
               "X", "second", "unknown attribute 'colour'");
}

TEST(Lint, AMaterialUsedBeforeItIsProduced) {
  // `second` no longer waits for `first`, which produces the licence it needs.
  auto errors = lint_yaml(replace(kBase, "{id: second, item: I2, after: [first]}", "{id: second, item: I2}"));
  expect_error(errors, "X", "second", "uses material 'licence' before step 'first' produces it");
}

TEST(Lint, ABudgetThatCannotFit) {
  auto errors = lint_yaml(replace(replace(kBase, "{id: first, item: I1, produces: [licence]}",
                                          "{id: first, item: I1, produces: [licence], budget: 1wd}"),
                                  "{id: second, item: I2, after: [first]}",
                                  "{id: second, item: I2, after: [first], budget: 8wh}"));
  expect_error(errors, "X", "second",
               "first → second need 900 working minutes, more than the committed 2wd (840 minutes)");
}

TEST(Lint, ItemRules) {
  auto errors = lint_yaml(replace(kBase, "statutory: 5wd, committed: 1wd,\n     materials: [{id: id_card}]}",
                                  "statutory: 5wd, committed: 6wd,\n     materials: [{id: id_card}, {id: passport}]}"));
  bool limit = false, material = false;
  for (const auto& e : errors) {
    limit = limit || (e.item == "I1" && e.message.find("within the statutory") != std::string::npos);
    material = material || (e.item == "I1" && e.message.find("unknown material 'passport'") != std::string::npos);
  }
  EXPECT_TRUE(limit);
  EXPECT_TRUE(material);
}

TEST(Budgets, DefaultSplitAlongTheCriticalPath) {
  const Catalog c = parse_catalog(ow::testing::embedded_catalog_documents());
  // 企业开办: registration then four parallel steps, every item committed 1wd, bundle 1wd (420 minutes).
  auto qykb = step_budgets(c, c.bundles.at("QYKB"), 420);
  EXPECT_EQ(qykb.at("register"), 210);
  EXPECT_EQ(qykb.at("seal"), 210);
  EXPECT_EQ(qykb.at("bank_account"), 210);
  // 获得用电（低压）: 3 + 12 committed days split over 15 working days: exactly the items' own.
  auto hdyd = step_budgets(c, c.bundles.at("HDYD"), 420);
  EXPECT_EQ(hdyd.at("accept"), 3 * 420);
  EXPECT_EQ(hdyd.at("connect"), 12 * 420);
  // 退休: the two parallel middle steps each get the same share; the critical path sums to the limit.
  const auto& tx = c.bundles.at("TXYJS");
  auto b = step_budgets(c, tx, 420);
  EXPECT_EQ(b.at("pension_eligibility"), b.at("medical_eligibility"));
  std::int64_t sum = 0;
  for (const auto& id : critical_path(tx, b)) sum += b.at(id);
  EXPECT_LE(sum, 15 * 420);
  EXPECT_GE(sum, 15 * 420 - 3);  // rounding down, at most a minute per step
  // 不动产交易: four 1wd items in a chain share the 3 working days from 购房资格认定 to registration.
  auto bdc = step_budgets(c, c.bundles.at("BDCJY"), 420);
  EXPECT_EQ(bdc.at("purchase_qualification"), 315);
  EXPECT_EQ(bdc.at("registration"), 315);
}

TEST(Budgets, ExplicitBudgetsAreKept) {
  const Catalog c = parse_catalog({{"t.yaml", replace(kBase, "{id: second, item: I2, after: [first]}",
                                                      "{id: second, item: I2, after: [first], budget: 3wh}")}});
  EXPECT_EQ(step_budgets(c, c.bundles.at("X"), 420).at("second"), 180);
}
