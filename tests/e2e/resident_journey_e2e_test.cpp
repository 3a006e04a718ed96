// The issue 20 "must show" journey in one test, against the running binaries: a resident signs in through the
// simulator's identity provider (code flow with PKCE, the ID token verified), applies for 出生一件事 from her
// phone with uploaded scans, the clerk's pre-review asks for one more document, she uploads it online, the clerk
// accepts; every department (all four on push) receives its task with the material links and the simulator
// fetches each with its key (its record of fetches asserted); a link without the key and an expired link are
// refused; the result is posted with a tracking number, the case concluded and archived by the timekeeper
// (Archived) and `onewindow archive verify` passes on its package — and fails with one byte changed.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <set>

#include "tests/support/applicant_sign_in.hpp"
#include "tests/support/archive_package.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/push_departments.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/simulator_process.hpp"
#include "tests/support/test_env.hpp"

using namespace ow::testing;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, '\x02');

fs::path work_dir() { return fs::current_path() / ("resident-journey-" + std::to_string(::getpid())); }
json::object obj(const HttpResult& r) { return json::parse(r.body).as_object(); }

class ResidentJourneyE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const int platform_port = free_port();
    sim_port = free_port();
    const std::string platform_url = "http://127.0.0.1:" + std::to_string(platform_port);
    world = new PushDepartmentsWorld(
        "e2e_resident_journey", work_dir(), sim_port,
        {{"OW_HTTP_PORT", std::to_string(platform_port)},
         {"OW_OIDC_ISSUER", "http://127.0.0.1:" + std::to_string(sim_port) + "/oidc"},
         {"OW_OIDC_CLIENT_ID", "onewindow"},
         {"OW_OIDC_CLIENT_SECRET", "journey-client-secret"},
         {"OW_OIDC_REDIRECT_URL", platform_url + "/api/v1/applicant/callback"}},
        {"--seed", "5", "--oidc-client", "onewindow", "--oidc-redirect", platform_url + "/api/v1/applicant/callback"},
        {{"OW_OIDC_CLIENT_SECRET", "journey-client-secret"}});
    server = world->server.get();
    clerk = world->clerk;
    keys = world->keys;
  }
  static void TearDownTestSuite() { delete world; }

  static HttpResult as_clerk(const std::string& method, const std::string& target, const std::string& body = {}) {
    return http_request(server->port(), method, target, body, {{"Authorization", "Bearer " + clerk}});
  }
  static HttpResult as_resident(const std::string& method, const std::string& target, const std::string& body = {},
                                std::map<std::string, std::string> h = {}) {
    h["Cookie"] = resident;
    return http_request(server->port(), method, target, body, h);
  }
  static HttpResult upload(const std::string& number, const std::string& material, const std::string& bytes,
                           const std::string& name) {
    return as_resident("POST", "/api/v1/applicant/cases/" + number + "/materials/" + material + "?name=" + name, bytes,
                       {{"Content-Type", "application/octet-stream"}});
  }

  static inline PushDepartmentsWorld* world = nullptr;
  static inline ServerProcess* server = nullptr;
  static inline int sim_port = 0;
  static inline std::string clerk, resident;
  static inline std::map<std::string, std::string> keys;
};

}  // namespace

TEST_F(ResidentJourneyE2E, SignsInAppliesForABirthSupplementsOnlineAndTheCaseEndsArchivedAndVerified) {
  // Signed in: the platform sent her to the provider with an S256 challenge; the ID token it got back verified.
  const auto s = sign_in_applicant(server->port(), sim_port, "resident-wangfang");
  ASSERT_EQ(s.callback.status, 302) << s.callback.body;
  EXPECT_NE(s.authorization_url.find("code_challenge_method=S256"), std::string::npos);
  resident = s.cookie;
  auto me = as_resident("GET", "/api/v1/applicant/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(obj(me).at("name").as_string(), "王芳");

  // 出生一件事 from her phone, the result to be posted; two scans uploaded.
  const json::array materials{json::object{{"id", "parents_id_cards"}, {"form", "electronic"}},
                              json::object{{"id", "marriage_certificate"}, {"form", "electronic"}},
                              json::object{{"id", "household_register"}, {"form", "original"}}};
  json::object birth{
      {"bundle", "CSYJS"},
      {"channel", "app"},
      {"applicant", json::object{{"kind", "person"}, {"name", "王芳"}, {"id_number", "330106199003071527"}}},
      {"contact_phone", "13800000001"},
      {"materials", materials},
      {"delivery", json::object{{"method", "post"},
                                {"recipient", "王芳"},
                                {"phone", "13800000001"},
                                {"address", "浙江省杭州市西湖区文三路90号3幢201室"}}}};
  auto submitted =
      as_resident("POST", "/api/v1/applicant/cases", json::serialize(birth), {{"Idempotency-Key", "journey-1"}});
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const std::string number(obj(submitted).at("number").as_string());
  EXPECT_EQ(obj(submitted).at("state").as_string(), "Submitted");
  const std::string& pdf = two_page_pdf();
  ASSERT_EQ(upload(number, "parents_id_cards", pdf, "父母身份证.pdf").status, 201);
  ASSERT_EQ(upload(number, "household_register", kPng, "户口簿.png").status, 201);

  // Pre-review: one more document asked for, once.
  json::object supplement{
      {"materials", materials},
      {"decision", json::object{{"kind", "supplement"}, {"missing", json::array{"marriage_certificate"}}}}};
  auto asked = as_clerk("POST", "/api/v1/cases/" + number + "/decision", json::serialize(supplement));
  ASSERT_EQ(asked.status, 200) << asked.body;
  auto view = as_resident("GET", "/api/v1/applicant/cases/" + number);
  ASSERT_EQ(obj(view).at("state").as_string(), "AwaitingSupplement") << view.body;
  ASSERT_EQ(obj(view).at("supplement_requested").as_array().at(0).at("id").as_string(), "marriage_certificate");

  // She uploads it online and answers: back to pre-review, no trip; the clerk accepts.
  auto certificate = upload(number, "marriage_certificate", pdf + "% 结婚证\n", "结婚证.pdf");
  ASSERT_EQ(certificate.status, 201) << certificate.body;
  auto answered = as_resident("POST", "/api/v1/applicant/cases/" + number + "/supplement", "{}");
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(obj(answered).at("state").as_string(), "Submitted");
  json::object accept{{"materials", materials}, {"decision", json::object{{"kind", "accept"}}}};
  auto accepted = as_clerk("POST", "/api/v1/cases/" + number + "/decision", json::serialize(accept));
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(obj(accepted).at("visits").as_int64(), 0);

  // Every department's push carried the three files' links; the simulator fetched each with its key, the bytes
  // those the push announced.
  ASSERT_TRUE(wait_for_case_state(server->port(), clerk, number, "ResultReady"))
      << case_state(server->port(), clerk, number);
  const auto fetches = material_fetches(sim_port, number, 12);
  ASSERT_EQ(fetches.size(), 12u);
  std::set<std::string> fetched;
  for (const auto& f : fetches) {
    EXPECT_EQ(f.at("status").as_int64(), 200) << json::serialize(f);
    EXPECT_TRUE(f.at("matches").as_bool()) << json::serialize(f);
    fetched.insert(std::string(f.at("department").as_string()) + "/" + std::string(f.at("material").as_string()));
  }
  EXPECT_EQ(fetched.size(), 12u);
  EXPECT_TRUE(fetched.count("WJ/marriage_certificate"));

  // One link as 公安 polls it: with its key the bytes, without a key or an hour and more later refused.
  auto polled = http_request(server->port(), "GET", "/api/v1/departments/GA/tasks?state=approved", {},
                             {{"X-Api-Key", keys["GA"]}});
  ASSERT_EQ(polled.status, 200) << polled.body;
  std::string url;
  const json::object tasks = obj(polled);
  for (const auto& t : tasks.at("items").as_array())
    if (t.at("case_number").as_string() == number)
      for (const auto& f : t.at("material_files").as_array())
        if (f.at("material").as_string() == "parents_id_cards") url = std::string(f.at("url").as_string());
  ASSERT_FALSE(url.empty()) << polled.body;
  auto own = http_request(server->port(), "GET", url, {}, {{"X-Api-Key", keys["GA"]}});
  EXPECT_EQ(own.status, 200);
  EXPECT_EQ(own.body, pdf);
  EXPECT_EQ(http_request(server->port(), "GET", url).status, 401);
  auto expired = fetch_link_later(server->port(), url, keys["GA"], 7200);
  EXPECT_EQ(expired.status, 410);
  EXPECT_EQ(obj(expired).at("code").as_string(), "file_link_expired");

  // Posted with its tracking number, which she sees; concluded, then archived.
  auto delivered = as_clerk("POST", "/api/v1/cases/" + number + "/delivery",
                            R"({"method": "post", "tracking_number": "SF2026112800001"})");
  ASSERT_EQ(delivered.status, 200) << delivered.body;
  view = as_resident("GET", "/api/v1/applicant/cases/" + number);
  EXPECT_EQ(obj(view).at("delivery").at("tracking_number").as_string(), "SF2026112800001");
  ASSERT_TRUE(wait_for_case_state(server->port(), clerk, number, "Archived"))
      << case_state(server->port(), clerk, number);
  // She still reads how it ended, not only that it is filed away.
  view = as_resident("GET", "/api/v1/applicant/cases/" + number);
  EXPECT_EQ(obj(view).at("state_label").as_string(), "已办结，已归档") << view.body;

  // The package: the three files and the case as concluded; it verifies, and not with one byte changed.
  const fs::path package = work_dir() / "archive" / number;
  const auto manifest = archive_manifest(package);
  EXPECT_EQ(manifest.at("case").at("state").as_string(), "Concluded");
  EXPECT_EQ(manifest.at("files").as_array().size(), 3u);
  std::string out;
  EXPECT_EQ(server->cli("archive verify " + package.string(), &out), 0) << out;
  EXPECT_NE(out.find("校验通过"), std::string::npos) << out;
  const fs::path file = package / std::string(manifest.at("files").at(0).at("path").as_string());
  EXPECT_EQ(verify_with_one_byte_changed(*server, package, file, 10, &out), 1) << out;
  EXPECT_NE(out.find("SHA-256 与清单不符"), std::string::npos) << out;
}
