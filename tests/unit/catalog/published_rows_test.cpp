// Every demo bundle against the published row it claims (issue 19's table of the 2019 work points' indicator
// annex; the 2018 task table publishes no limits). The expected figures are written here from that table,
// not read from the catalog: committed limit, published ceilings, and the steps and materials the applicant
// meets (counted as in workflow/catalog/ceilings.hpp) within them.
#include <gtest/gtest.h>

#include <optional>

#include "adapters/catalog/catalog_yaml.hpp"
#include "tests/support/embedded_catalog.hpp"
#include "workflow/calendar/limit.hpp"
#include "workflow/catalog/ceilings.hpp"
#include "workflow/catalog/lint.hpp"

using namespace ow::catalog;

namespace {

struct Row {
  const char* code;
  const char* limit;  // the published limit; nullptr: none published (the hall's own choice)
  std::optional<int> max_materials, max_steps;
  const char* committed;  // what the demo commits to (the published limit, or the hall's choice)
};

const Row kRows[] = {
    {"QYKB", "1wd", 7, 4, "1wd"},     // 企业开办
    {"BDCJY", "3wd", {}, 5, "3wd"},   // 不动产交易登记, 购房资格认定 to registration; materials: one set
    {"BDCYB", "4wd", {}, {}, "4wd"},  // 不动产一般登记
    {"BDCDY", "2wd", {}, {}, "2wd"},  // 不动产抵押权登记
    {"BDCZZ", "1wh", {}, {}, "1wh"},  // 城镇单套住宅 60分钟领证 (a working-hours limit)
    {"HDYS", "4wd", 1, 3, "4wd"},     // 获得用水
    {"HDYQ", "4wd", 1, 4, "4wd"},     // 获得用气（非居民）
    {"HDYD", "15wd", 2, 2, "15wd"},   // 获得用电（低压小微企业）, on average
    {"HDYDGY", "40wd", {}, {}, "40wd"},  // 获得用电（10千伏）
    {"HDWL", "2wd", {}, {}, "2wd"},      // 获得网络
    {"QYXD", "10wd", 9, 4, "10wd"},      // 企业获得信贷
    {"JYZX", "1wd", {}, {}, "1wd"},      // 简易注销, from the end of the notice period
    {"WZBA", "2wd", {}, {}, "2wd"},      // 外资商务备案, outside the negative list
    {"WZSP", "5wd", {}, {}, "5wd"},      // inside the negative list (city approval)
    {"MBZS", "5wd", {}, {}, "5wd"},      // 民办诊所全流程
    {"MBXX", "7wd", {}, {}, "7wd"},      // 民营资本办学全流程
    {"TXYJS", nullptr, {}, {}, "15wd"},  // 2018 life events: no published limit
    {"CSYJS", nullptr, {}, {}, "5wd"},  {"RCJZZ", nullptr, {}, {}, "5wd"}, {"YBSMK", nullptr, {}, {}, "5wd"},
    {"DBDB", nullptr, {}, {}, "15wd"},  {"CLDJ", nullptr, {}, {}, "1wd"},
};

const Catalog& demo() {
  static const Catalog c = parse_catalog(ow::testing::embedded_catalog_documents());
  return c;
}

}  // namespace

TEST(PublishedRows, EveryDemoBundleKeepsItsPublishedRow) {
  for (const Row& row : kRows) {
    SCOPED_TRACE(row.code);
    ASSERT_TRUE(demo().bundles.contains(row.code));
    const Bundle& b = demo().bundles.at(row.code);
    ASSERT_TRUE(b.provenance.has_value());
    EXPECT_EQ(b.committed.to_string(), row.committed);
    if (row.limit) {
      ASSERT_TRUE(b.published.limit.has_value());
      EXPECT_EQ(b.published.limit->to_string(), row.limit);
    } else {
      EXPECT_FALSE(b.published.limit.has_value());
    }
    EXPECT_EQ(b.published.max_materials, row.max_materials);
    EXPECT_EQ(b.published.max_steps, row.max_steps);
    const ApplicantCounts n = applicant_counts(demo(), b);
    if (row.max_materials) {
      EXPECT_LE(n.materials, *row.max_materials);
    }
    if (row.max_steps) {
      EXPECT_LE(n.steps, *row.max_steps);
    }
  }
  EXPECT_EQ(demo().bundles.size(), std::size(kRows));  // no bundle left without a row
}

TEST(PublishedRows, TheFixedBundlesCountAsPublished) {
  // 企业开办: 设立登记, 刻章, 涉税, 银行开户; 人社 only when the enterprise hires, by data sharing.
  const Bundle& qykb = demo().bundles.at("QYKB");
  EXPECT_EQ(applicant_counts(demo(), qykb).steps, 4);
  EXPECT_EQ(applicant_counts(demo(), qykb).materials, 7);
  for (const auto& s : qykb.steps)
    if (s.department == "RS") {
      EXPECT_TRUE(s.condition.has_value());
      EXPECT_TRUE(s.behind_counter);
    }
  // 不动产交易登记 starts at 购房资格认定 and holds no item promising more than its 3 working days.
  const Bundle& bdc = demo().bundles.at("BDCJY");
  EXPECT_EQ(bdc.steps.front().item, "330106-ZJ-GFZG");
  for (const auto& s : bdc.steps) EXPECT_EQ(demo().items.at(s.item).committed.to_string(), "1wd") << s.id;
  // 获得用电（低压）: two steps, two materials.
  EXPECT_EQ(applicant_counts(demo(), demo().bundles.at("HDYD")).steps, 2);
  EXPECT_EQ(applicant_counts(demo(), demo().bundles.at("HDYD")).materials, 2);
  // 退休: the five items of the 2018 task table.
  EXPECT_EQ(demo().bundles.at("TXYJS").steps.size(), 5u);
}

TEST(PublishedRows, TheDemoCatalogLintsCleanAndNotesTheHallsOwnLimits) {
  for (const auto& e : lint(demo())) ADD_FAILURE() << e.to_string();
  std::vector<std::string> noted;
  for (const auto& n : lint_notices(demo())) noted.push_back(n.bundle);
  EXPECT_EQ(noted, (std::vector<std::string>{"CLDJ", "CSYJS", "DBDB", "RCJZZ", "TXYJS", "YBSMK"}));
}

// 60分钟领证 is a working-hours promise: lint holds it to its published hour and to the item's statutory 30
// working days (comparable in working minutes), but not to a limit in natural days.
TEST(PublishedRows, AWorkingHoursPromiseIsLintedInWorkingTime) {
  Catalog c = demo();
  EXPECT_EQ(c.items.at("330106-BDC-ZZDJ").committed.to_string(), "1wh");
  c.bundles.at("BDCZZ").committed = ow::calendar::parse_limit("2wh");
  c.items.at("330106-BDC-ZZDJ").committed = ow::calendar::parse_limit("2wh");
  bool over_published = false;
  for (const auto& e : lint(c))
    over_published |= e.to_string().find("exceeds the published limit 1wh") != std::string::npos;
  EXPECT_TRUE(over_published);
  c = demo();
  c.items.at("330106-BDC-ZZDJ").statutory = ow::calendar::parse_limit("30d");
  bool natural = false;
  for (const auto& e : lint(c))
    natural |= e.item == "330106-BDC-ZZDJ" && e.to_string().find("statutory") != std::string::npos;
  EXPECT_TRUE(natural) << "1wh against 30 natural days is not comparable";
}
