// Published ceilings: a bundle that exceeds its document's limit, steps or materials fails the lint (broken
// copies of a small catalog, one fault at a time); steps behind the counter are not counted and may not add
// materials; a bundle without provenance is only noted as the hall's own choice.
#include <gtest/gtest.h>

#include "adapters/catalog/catalog_yaml.hpp"
#include "workflow/catalog/ceilings.hpp"
#include "workflow/catalog/lint.hpp"

using namespace ow::catalog;

namespace {

// Three materials asked (id_card, form, photo), licence produced; three steps, one behind the counter.
const char* kBase = R"(
departments:
  - {code: A, name: 甲局, region: "330106"}
  - {code: B, name: 乙局, region: "330106"}
materials:
  - {id: id_card, name: 身份证, elicense: 居民身份证}
  - {id: form, name: 申请表}
  - {id: photo, name: 照片}
  - {id: licence, name: 许可证}
items:
  - {code: I1, name: 一, department: A, kind: 行政许可, statutory: 5wd, committed: 1wd,
     materials: [{id: id_card}, {id: form}]}
  - {code: I2, name: 二, department: B, kind: 行政许可, statutory: 5wd, committed: 1wd,
     materials: [{id: licence}, {id: id_card}, {id: photo}]}
  - {code: I3, name: 三, department: B, kind: 公共服务, statutory: 5wd, committed: 1wd,
     materials: [{id: licence}]}
bundles:
  - code: X
    name: 测试
    audience: person
    committed: 2wd
    provenance: {document: 测试文件, indicator: 2个工作日，材料不超过3件，环节不超过2个}
    published: {limit: 2wd, max_materials: 3, max_steps: 2}
    attributes: [{name: flag}]
    steps:
      - {id: first, item: I1, produces: [licence]}
      - {id: second, item: I2, after: [first], when: {flag: true}}
      - {id: shared, item: I3, after: [first], behind_counter: true}
)";

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto pos = s.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return s.replace(pos, from.size(), to);
}

std::vector<LintError> lint_yaml(const std::string& yaml) { return lint(parse_catalog({{"t.yaml", yaml}})); }

// The single error of a broken copy, about bundle X, containing `text`.
void expect_only_error(const std::string& yaml, const std::string& text) {
  const auto errors = lint_yaml(yaml);
  std::string all;
  for (const auto& e : errors) all += "\n  " + e.to_string();
  ASSERT_EQ(errors.size(), 1u) << all;
  EXPECT_EQ(errors[0].bundle, "X");
  EXPECT_NE(errors[0].message.find(text), std::string::npos) << errors[0].to_string();
}

}  // namespace

TEST(Ceilings, TheBaseIsCleanAndCountsAsTheApplicantMeetsIt) {
  EXPECT_TRUE(lint_yaml(kBase).empty());
  const Catalog c = parse_catalog({{"t.yaml", kBase}});
  const ApplicantCounts n = applicant_counts(c, c.bundles.at("X"));
  EXPECT_EQ(n.steps, 2);      // the conditional step counts (some applicants meet it); the shared one does not
  EXPECT_EQ(n.materials, 3);  // id_card once, licence produced by the first step
  EXPECT_TRUE(lint_notices(c).empty());
}

TEST(Ceilings, TooManyStepsFails) {
  expect_only_error(replace(kBase, "{id: shared, item: I3, after: [first], behind_counter: true}",
                            "{id: shared, item: I3, after: [first]}"),
                    "3 steps as the applicant meets them, more than the published 2");
}

TEST(Ceilings, TooManyMaterialsFails) {
  expect_only_error(replace(kBase, "max_materials: 3", "max_materials: 2"),
                    "3 materials on the applicant's merged list, more than the published 2");
}

TEST(Ceilings, ACommittedLimitBeyondThePublishedOneFails) {
  expect_only_error(replace(kBase, "committed: 2wd\n    provenance", "committed: 3wd\n    provenance"),
                    "committed limit 3wd exceeds the published limit 2wd");
  // Working hours against working days: 15wh (2 days and 1 hour at 7 hours a day) is more than 2wd.
  expect_only_error(replace(kBase, "committed: 2wd\n    provenance", "committed: 15wh\n    provenance"),
                    "exceeds the published limit 2wd");
}

TEST(Ceilings, AStepBehindTheCounterMayNotAddMaterials) {
  const std::string yaml =
      replace(replace(kBase, "  - {id: licence, name: 许可证}", "  - {id: licence, name: 许可证}\n  - {id: passport, name: 护照}"),
              "materials: [{id: licence}]}", "materials: [{id: licence}, {id: form}, {id: passport}]}");
  // form is asked by the first step anyway; passport would be new (and a fourth material on the list).
  bool found = false;
  for (const auto& e : lint_yaml(yaml)) {
    EXPECT_EQ(e.message.find("'form'"), std::string::npos) << e.to_string();
    found = found || (e.step == "shared" && e.message.find("adds material 'passport'") != std::string::npos);
  }
  EXPECT_TRUE(found);
}

TEST(Ceilings, AnItemPromisingLongerThanItsBundleFails) {
  const auto errors = lint_yaml(replace(kBase, "statutory: 5wd, committed: 1wd,\n     materials: [{id: licence}, {id: id_card}",
                                        "statutory: 30d, committed: 30d,\n     materials: [{id: licence}, {id: id_card}"));
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].step, "second");
  EXPECT_NE(errors[0].message.find("item 'I2' promises 30d, longer than the bundle's 2wd"), std::string::npos)
      << errors[0].to_string();
}

TEST(Ceilings, PublishedCeilingsNeedTheirProvenance) {
  expect_only_error(replace(kBase, "    provenance: {document: 测试文件, indicator: 2个工作日，材料不超过3件，环节不超过2个}\n", ""),
                    "published ceilings need their provenance");
}

TEST(Ceilings, ABundleWithoutProvenanceIsOnlyNotedAsALocalChoice) {
  std::string yaml = replace(kBase, "    provenance: {document: 测试文件, indicator: 2个工作日，材料不超过3件，环节不超过2个}\n", "");
  yaml = replace(yaml, "    published: {limit: 2wd, max_materials: 3, max_steps: 2}\n", "");
  EXPECT_TRUE(lint_yaml(yaml).empty());
  const auto notes = lint_notices(parse_catalog({{"t.yaml", yaml}}));
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].bundle, "X");
  EXPECT_NE(notes[0].message.find("本厅自定"), std::string::npos);
  // A document that publishes no limit: the limit is the hall's own choice too.
  const auto limitless = lint_notices(parse_catalog(
      {{"t.yaml", replace(kBase, "published: {limit: 2wd, max_materials: 3, max_steps: 2}", "published: {max_steps: 2}")}}));
  ASSERT_EQ(limitless.size(), 1u);
  EXPECT_NE(limitless[0].message.find("publishes no limit"), std::string::npos);
}

TEST(Ceilings, TheReaderRefusesMalformedProvenance) {
  EXPECT_THROW(parse_catalog({{"t.yaml", replace(kBase, "max_steps: 2}", "max_steps: two}")}}), CatalogSyntaxError);
  EXPECT_THROW(parse_catalog({{"t.yaml", replace(kBase, "max_steps: 2}", "max_step: 2}")}}), CatalogSyntaxError);
  EXPECT_THROW(parse_catalog({{"t.yaml", replace(kBase, "{document: 测试文件, ", "{")}}), CatalogSyntaxError);
  EXPECT_THROW(parse_catalog({{"t.yaml", replace(kBase, "max_materials: 3", "max_materials: 0")}}), CatalogSyntaxError);
}
