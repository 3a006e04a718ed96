// The catalog API over HTTP: every demo bundle's guide, search, items, departments, versions, 404s, and the
// admin-only reload.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"

using ow::testing::http_request;

namespace {
boost::json::object get(const ow::testing::ServerProcess& s, const std::string& token, const std::string& target,
                        int expect = 200) {
  auto r = http_request(s.port(), "GET", target, {}, {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(r.status, expect) << target << ": " << r.body;
  return r.status == 0 ? boost::json::object{} : boost::json::parse(r.body).as_object();
}
}  // namespace

TEST(CatalogE2E, GuidesSearchAndReload) {
  ow::testing::ServerProcess server("e2e_catalog");
  std::string out;
  ASSERT_EQ(server.cli("catalog load", &out), 0) << out;
  ASSERT_EQ(server.cli("user add clerk1 --name 窗口 --role clerk --region 330106 --hall H --window W1 --password-stdin",
                       nullptr, "clerk-pass-1"),
            0);
  ASSERT_EQ(server.cli("user add admin1 --name 管理员 --role admin --region 330100 --password-stdin", nullptr,
                       "admin-pass-1"),
            0);
  const std::string clerk = server.login("clerk1", "clerk-pass-1");

  auto all = get(server, clerk, "/api/v1/bundles");
  EXPECT_EQ(all.at("items").as_array().size(), 22u);
  for (const auto& b : all.at("items").as_array()) {
    const std::string code(b.at("code").as_string());
    auto guide = get(server, clerk, "/api/v1/bundles/" + code);
    EXPECT_FALSE(guide.at("route").as_array().empty()) << code;
    EXPECT_EQ(guide.at("catalog_version").as_int64(), all.at("catalog_version").as_int64());
  }
  auto qykb = get(server, clerk, "/api/v1/bundles/QYKB");
  EXPECT_EQ(qykb.at("name").as_string(), "企业开办");
  EXPECT_EQ(qykb.at("committed_limit").as_string(), "1wd");
  EXPECT_LE(qykb.at("materials").as_array().size(), 7u);
  for (const auto& m : qykb.at("materials").as_array()) EXPECT_NE(m.at("id").as_string(), "business_licence");
  EXPECT_EQ(qykb.at("produced_by_steps").as_array()[0].at("material").as_string(), "business_licence");

  // Provenance: 企业开办's published row; 出生一件事 names its document but no limit (本厅自定).
  const auto& provenance = qykb.at("provenance").as_object();
  EXPECT_FALSE(provenance.at("local").as_bool());
  EXPECT_NE(std::string(provenance.at("indicator").as_string()).find("1个工作日"), std::string::npos);
  EXPECT_EQ(provenance.at("published").at("max_materials").as_int64(), 7);
  EXPECT_EQ(provenance.at("published").at("max_steps").as_int64(), 4);
  EXPECT_EQ(provenance.at("published").at("limit").as_string(), "1wd");
  EXPECT_EQ(qykb.at("applicant_counts"), (boost::json::object{{"steps", 4}, {"materials", 7}}));
  auto birth = get(server, clerk, "/api/v1/bundles/CSYJS");
  EXPECT_FALSE(birth.at("provenance").at("published").as_object().contains("limit"));
  auto deregistration = get(server, clerk, "/api/v1/bundles/JYZX");
  EXPECT_EQ(deregistration.at("limit_starts").at("name").as_string(), "公告期满");

  // 企业 is in 企业开办, 获得用电（低压小微企业）, 企业获得信贷, 企业简易注销 and the two 外资企业 bundles.
  EXPECT_EQ(get(server, clerk, "/api/v1/bundles?q=%E4%BC%81%E4%B8%9A").at("items").as_array().size(), 6u);
  auto search = get(server, clerk, "/api/v1/bundles?q=%E5%BC%80%E5%8A%9E");  // 开办: 企业开办, 民办诊所开办全流程
  ASSERT_EQ(search.at("items").as_array().size(), 2u);
  EXPECT_EQ(get(server, clerk, "/api/v1/bundles?q=bdcjy").at("items").as_array().size(), 1u);
  EXPECT_EQ(get(server, clerk, "/api/v1/bundles?audience=person").at("items").as_array().size(), 10u);
  get(server, clerk, "/api/v1/bundles?audience=martian", 400);

  EXPECT_EQ(get(server, clerk, "/api/v1/items/330106-SCJG-001").at("department_name").as_string(),
            "西湖区市场监督管理局");
  EXPECT_EQ(get(server, clerk, "/api/v1/departments").at("items").as_array().size(), 21u);
  EXPECT_EQ(get(server, clerk, "/api/v1/bundles/NOPE", 404).at("code").as_string(), "not_found");
  get(server, clerk, "/api/v1/items/NOPE", 404);
  get(server, clerk, "/api/v1/bundles/QYKB?version=999", 404);
  get(server, clerk, "/api/v1/bundles/QYKB?version=x", 400);
  EXPECT_EQ(get(server, clerk, "/api/v1/catalog/versions").at("items").as_array().size(), 1u);

  auto forbidden =
      http_request(server.port(), "POST", "/api/v1/catalog/reload", {}, {{"Authorization", "Bearer " + clerk}});
  EXPECT_EQ(forbidden.status, 403);
  const std::string admin = server.login("admin1", "admin-pass-1");
  auto reload =
      http_request(server.port(), "POST", "/api/v1/catalog/reload", {}, {{"Authorization", "Bearer " + admin}});
  EXPECT_EQ(reload.status, 200) << reload.body;
  EXPECT_FALSE(boost::json::parse(reload.body).at("changed").as_bool());
  EXPECT_EQ(server.terminate(), 0);
}
