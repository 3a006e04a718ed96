// The applicant shapes beyond a person or a registered enterprise: 企业开办 before the company exists (the
// proposed name and the agent's ID), and a 出生一件事 with the newborn's details — parsed, checked against the
// bundle, stored and masked like an applicant's own data.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "adapters/catalog/catalog_yaml.hpp"
#include "services/acceptance/intake_checks.hpp"
#include "services/acceptance/intake_request.hpp"
#include "services/casework/personal_data.hpp"
#include "services/platform/problem.hpp"
#include "tests/support/embedded_catalog.hpp"

namespace {

namespace json = boost::json;
using namespace ow;

const catalog::Catalog& demo() {
  static const auto c = catalog::parse_catalog(ow::testing::embedded_catalog_documents());
  return c;
}

json::object request(json::object applicant, const std::string& bundle) {
  return {{"bundle", bundle},
          {"applicant", std::move(applicant)},
          {"contact_phone", "13812345678"},
          {"decision", json::object{{"kind", "accept"}}}};
}

json::object establishment() {
  return {{"kind", "enterprise"},
          {"name", "杭州云栖示例科技有限公司"},
          {"establishment", true},
          {"agent", json::object{{"name", "李四"}, {"id_number", "11010519491231002X"}}}};
}

json::object parent(json::object newborn) {
  return {{"kind", "person"}, {"name", "张三"}, {"id_number", "11010519491231002X"}, {"newborn", std::move(newborn)}};
}

json::object baby(const std::string& born) {
  return {{"name", "张小宝"}, {"sex", "男"}, {"birth_date", born}, {"certificate_number", "Q330012345"}};
}

// The problem a request raises (parse or check), or none.
std::optional<platform::Problem> problem_of(const json::object& body, const std::string& today = "2026-11-28") {
  try {
    const auto r = acceptance::parse_intake_request(body);
    acceptance::check_applicant(r.applicant, demo().bundles.at(r.bundle), calendar::parse_date(today));
  } catch (const platform::Problem& p) {
    return p;
  }
  return std::nullopt;
}

std::string field_of(const platform::Problem& p) {
  const auto* f = p.extra().if_contains("field");
  return f ? std::string(f->as_string()) : "";
}

}  // namespace

TEST(ApplicantShapes, EstablishmentIsTheProposedNameAndTheAgentsId) {
  EXPECT_FALSE(problem_of(request(establishment(), "QYKB")));
  const auto r = acceptance::parse_intake_request(request(establishment(), "QYKB"));
  EXPECT_TRUE(r.applicant.establishment);
  EXPECT_EQ(r.applicant.agent->id_number, "11010519491231002X");
  EXPECT_EQ(acceptance::licence_holder(r.applicant), "11010519491231002X");
  // Stored and read back whole (the store seals this JSON).
  const auto back = acceptance::applicant_from_json(acceptance::applicant_to_json(r.applicant));
  EXPECT_EQ(back.name, "杭州云栖示例科技有限公司");
  EXPECT_TRUE(back.establishment);
  EXPECT_EQ(back.agent->name, "李四");
  EXPECT_TRUE(back.credit_code.empty());
}

TEST(ApplicantShapes, EstablishmentRefusals) {
  auto bad_id = establishment();
  bad_id["agent"].as_object()["id_number"] = "110105194912310021";  // wrong check digit
  auto p = problem_of(request(bad_id, "QYKB"));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->status(), 400u);
  EXPECT_EQ(field_of(*p), "applicant.agent.id_number");
  EXPECT_EQ(p->title(), "「经办人身份证号码」未填写或有误");
  auto no_agent = establishment();
  no_agent.erase("agent");
  p = problem_of(request(no_agent, "QYKB"));
  ASSERT_TRUE(p);
  EXPECT_EQ(field_of(*p), "applicant.agent");
  auto with_code = establishment();
  with_code["credit_code"] = "91330106MA2B0Y4X0K";
  p = problem_of(request(with_code, "QYKB"));
  ASSERT_TRUE(p);
  EXPECT_EQ(field_of(*p), "applicant.credit_code");
  // 获得用水 is for an enterprise that exists.
  p = problem_of(request(establishment(), "HDYS"));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->status(), 422u);
  EXPECT_EQ(p->code(), "establishment_not_offered");
  EXPECT_EQ(field_of(*p), "applicant.establishment");
}

TEST(ApplicantShapes, NewbornDetailsAreChecked) {
  EXPECT_FALSE(problem_of(request(parent(baby("2026-11-20")), "CSYJS")));
  auto p = problem_of(request(parent(baby("2026-12-01")), "CSYJS"));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->status(), 422u);
  EXPECT_EQ(p->code(), "newborn_birth_date_invalid");
  EXPECT_EQ(p->title(), "「新生儿出生日期」不能晚于今天");
  EXPECT_EQ(field_of(*p), "applicant.newborn.birth_date");
  p = problem_of(request(parent(baby("2025-11-01")), "CSYJS"));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->code(), "newborn_birth_date_invalid");
  EXPECT_NE(p->title().find("一年前"), std::string::npos);
  p = problem_of(request(parent(baby("2026-13-01")), "CSYJS"));
  ASSERT_TRUE(p);
  EXPECT_EQ(field_of(*p), "applicant.newborn.birth_date");
  auto sex = baby("2026-11-20");
  sex["sex"] = "M";
  p = problem_of(request(parent(sex), "CSYJS"));
  ASSERT_TRUE(p);
  EXPECT_EQ(field_of(*p), "applicant.newborn.sex");
  auto cert = baby("2026-11-20");
  cert["certificate_number"] = "12345";
  p = problem_of(request(parent(cert), "CSYJS"));
  ASSERT_TRUE(p);
  EXPECT_EQ(field_of(*p), "applicant.newborn.certificate_number");
  // 退休一件事 takes no newborn.
  p = problem_of(request(parent(baby("2026-11-20")), "TXYJS"));
  ASSERT_TRUE(p);
  EXPECT_EQ(field_of(*p), "applicant.newborn");
}

TEST(ApplicantShapes, AgentAndNewbornAreMaskedLikeAnApplicant) {
  const auto est = acceptance::parse_intake_request(request(establishment(), "QYKB"));
  const auto stored = json::parse(acceptance::applicant_to_json(est.applicant)).as_object();
  const auto masked = casework::applicant_for(stored, casework::CaseSight::masked);
  EXPECT_EQ(masked.at("name").as_string(), "杭州云栖示例科技有限公司");  // a company name is no personal data
  EXPECT_EQ(masked.at("agent").at("id_number").as_string(), "110***********002X");
  EXPECT_EQ(masked.at("agent").at("name").as_string(), "李*");
  EXPECT_EQ(casework::applicant_for(stored, casework::CaseSight::full).at("agent").at("id_number").as_string(),
            "11010519491231002X");
  const auto birth = acceptance::parse_intake_request(request(parent(baby("2026-11-20")), "CSYJS"));
  const auto b = json::parse(acceptance::applicant_to_json(birth.applicant)).as_object();
  const auto bm = casework::applicant_for(b, casework::CaseSight::masked);
  EXPECT_EQ(bm.at("newborn").at("name").as_string(), "张*宝");
  EXPECT_FALSE(bm.at("newborn").as_object().contains("certificate_number"));
  EXPECT_FALSE(bm.at("newborn").as_object().contains("birth_date"));
}
