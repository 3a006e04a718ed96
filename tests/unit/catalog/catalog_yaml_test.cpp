// Reading the catalog's YAML: the demo catalog, defaults, and errors that name the file and entry.
#include <gtest/gtest.h>

#include "adapters/catalog/catalog_yaml.hpp"
#include "tests/support/embedded_catalog.hpp"

using namespace ow::catalog;

namespace {
std::string error_of(const std::string& yaml) {
  try {
    parse_catalog({{"test.yaml", yaml}});
  } catch (const CatalogSyntaxError& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST(CatalogYaml, TheDemoCatalogParses) {
  Catalog c = parse_catalog(ow::testing::embedded_catalog_documents());
  EXPECT_EQ(c.bundles.size(), 22u);
  for (const char* code : {"QYKB", "BDCJY", "HDYS", "HDYQ", "HDYD", "HDYDGY", "HDWL", "QYXD", "JYZX", "WZBA", "WZSP",
                           "MBZS", "MBXX", "TXYJS", "CSYJS", "RCJZZ", "YBSMK", "DBDB", "CLDJ", "BDCZZ"})
    EXPECT_TRUE(c.bundles.contains(code)) << code;
  const auto& qykb = c.bundles.at("QYKB");
  EXPECT_EQ(qykb.committed.to_string(), "1wd");
  EXPECT_EQ(qykb.audience, "enterprise");
  EXPECT_EQ(qykb.steps.front().department, "SCJG");  // defaulted from the item
  ASSERT_TRUE(qykb.steps[2].condition);
  EXPECT_EQ(qykb.steps[2].condition->attribute, "needs_invoice");
  EXPECT_EQ(qykb.steps[2].condition->equals, "true");
  ASSERT_TRUE(qykb.provenance);
  EXPECT_EQ(qykb.published.max_materials.value_or(0), 7);
  EXPECT_TRUE(qykb.steps[4].behind_counter);  // 单位参保登记 by data sharing
  EXPECT_EQ(c.departments.at("SCJG").transport, Transport::push);
  EXPECT_EQ(c.departments.at("RS").transport, Transport::inbox);
  const auto& item = c.items.at("330106-SCJG-001");
  EXPECT_EQ(item.statutory.to_string(), "15wd");
  EXPECT_FALSE(item.materials[3].key);  // premises proof is deferrable (容缺)
  EXPECT_EQ(c.materials.at("business_licence").elicense_type.value_or(""), "营业执照");
}

TEST(CatalogYaml, ErrorsNameTheFileAndEntry) {
  EXPECT_NE(error_of("departments:\n  - {code: A, name: x}\n").find("test.yaml: departments[A]: 'region' is required"),
            std::string::npos);
  EXPECT_NE(error_of("items:\n  - {code: I, name: n, department: A, kind: k, statutory: 5x, committed: 1wd}\n")
                .find("items[I]: 'statutory'"),
            std::string::npos);
  EXPECT_NE(
      error_of(
          "items:\n  - {code: 1234567890123456789012345, name: n, department: A, kind: k, statutory: 5wd, committed: 1wd}\n")
          .find("more than 24"),
      std::string::npos);
  EXPECT_NE(error_of("materials:\n  - {id: m, name: x}\n  - {id: m, name: y}\n").find("'m' is defined twice"),
            std::string::npos);
  EXPECT_NE(error_of("bundles:\n  - {code: B, name: b, audience: alien, committed: 1wd, steps: []}\n").find("audience"),
            std::string::npos);
  EXPECT_NE(error_of("widgets: []\n").find("unknown section 'widgets'"), std::string::npos);
  EXPECT_NE(error_of("departments: [\n").find("test.yaml"), std::string::npos);
}
