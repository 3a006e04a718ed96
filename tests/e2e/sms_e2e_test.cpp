// SMS notices to applicants against the running binary and the simulator's SMS gateway (issue 20): an accepted
// case's 受理 message arrives signed, in Chinese, with the case number and without the applicant's ID number; a
// 补正 message names the material asked for (at intake, and by a department's approver); every step approved
// brings 办结可领取, a delivery by post the tracking number, a bad rating the 回访 notice; with the gateway down the message waits, is retried and arrives
// once when it is back; the case's messages show in the staff's view (masked phone) and the phone is never in
// a log line. The simulator refuses a message whose signature is wrong.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

#include "adapters/department/signature.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/simulator_process.hpp"
#include "tests/support/test_env.hpp"

using ow::testing::http_request;
namespace json = boost::json;

namespace {

const char* kSmsSecret = "e2e-sms-secret";
const std::string kIdNumber = "11010519491231002X";  // retirement_application's applicant
const std::string kPhone = "13812345678";

class SmsE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sim_port = ow::testing::free_port();
    sim = new ow::testing::SimulatorProcess(
        sim_port, {"--platform", "http://127.0.0.1:1", "--departments", "SCJG"},
        {{"OW_DEPT_SECRET_SCJG", "unused"}, {"OW_DEPT_APIKEY_SCJG", "unused"}, {"OW_SMS_SECRET", kSmsSecret}});
    server = new ow::testing::ServerProcess(
        "e2e_sms", {{"OW_CALENDAR_WEEKDAY_FALLBACK", "true"},
                    {"OW_SMS_URL", "http://127.0.0.1:" + std::to_string(sim_port) + "/sms/messages"},
                    {"OW_SMS_SECRET", kSmsSecret},
                    {"OW_SMS_POLL_MS", "100"}});
    clerk = server->catalog_and_clerk();
    ASSERT_EQ(server->cli("user add sup1 --role supervisor --region 330106 --name 区效能监督员 --password-stdin",
                          nullptr, "password-123"),
              0);
    supervisor = server->login("sup1", "password-123");
    for (const auto& [login, department] : {std::pair{"rs1", "RS"}, std::pair{"yb1", "YB"}}) {
      ASSERT_EQ(server->cli(std::string("user add ") + login + " --role approver --region 330106 --department " +
                                department + " --name 审批 --password-stdin",
                            nullptr, "password-123"),
                0);
      approvers[login] = server->login(login, "password-123");
    }
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(server->terminate(), 0);
    delete server;
    delete sim;
  }

  static std::string intake(const json::object& body, const std::string& key) {
    auto r = http_request(server->port(), "POST", "/api/v1/cases", json::serialize(body),
                          {{"Authorization", "Bearer " + clerk}, {"Idempotency-Key", key}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? std::string(json::parse(r.body).at("number").as_string()) : std::string();
  }
  static json::object gateway() {
    auto r = http_request(sim_port, "GET", "/_sms/messages");
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).as_object();
  }
  // The messages the gateway received that name `number`, waiting up to `seconds` for at least `count`.
  static std::vector<json::object> received_for(const std::string& number, std::size_t count = 1, int seconds = 15) {
    std::vector<json::object> found;
    for (int i = 0; i < seconds * 10; ++i) {
      found.clear();
      const json::object seen = gateway();
      for (const auto& m : seen.at("messages").as_array())
        if (std::string(m.at("text").as_string()).find(number) != std::string::npos) found.push_back(m.as_object());
      if (found.size() >= count) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return found;
  }
  static json::array staff_view(const std::string& number, const std::string& token) {
    auto r = http_request(server->port(), "GET", "/api/v1/cases/" + number + "/sms", {},
                          {{"Authorization", "Bearer " + token}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? json::parse(r.body).at("items").as_array() : json::array{};
  }

  // One field of the case's first message as text ("" when there is none).
  static std::string first(const std::string& number, const std::string& token, const char* field) {
    const json::array items = staff_view(number, token);
    if (items.empty()) return {};
    const auto& v = items[0].at(field);
    return v.is_string() ? std::string(v.as_string()) : json::serialize(v);
  }

  static ow::testing::HttpResult post(const std::string& token, const std::string& path, const json::object& body = {}) {
    return http_request(server->port(), "POST", path, json::serialize(body), {{"Authorization", "Bearer " + token}});
  }
  // Claims the approver's task of `step` in case `number` and decides it (`decision`).
  static void decide(const std::string& login, const std::string& number, const std::string& step,
                     const json::object& decision) {
    std::int64_t id = 0;
    for (int i = 0; i < 50 && id == 0; ++i) {
      auto r = http_request(server->port(), "GET", "/api/v1/tasks", {}, {{"Authorization", "Bearer " + approvers[login]}});
      const json::object inbox = json::parse(r.body).as_object();
      for (const auto& t : inbox.at("items").as_array())
        if (t.at("number").as_string() == number && t.at("step").as_string() == step) id = t.at("id").as_int64();
      if (id == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ASSERT_NE(id, 0) << step;
    const std::string url = "/api/v1/tasks/" + std::to_string(id);
    post(approvers[login], url + "/claim");  // a task claimed before (its supplement asked) answers 409: fine
    auto r = post(approvers[login], url + "/decision", decision);
    ASSERT_EQ(r.status, 200) << r.body;
  }

  static inline ow::testing::ServerProcess* server = nullptr;
  static inline std::map<std::string, std::string> approvers;
  static inline ow::testing::SimulatorProcess* sim = nullptr;
  static inline int sim_port = 0;
  static inline std::string clerk, supervisor;
};

TEST_F(SmsE2E, AcceptanceMessageArrivesInChineseWithTheCaseNumberAndNoIdNumber) {
  const std::string number = intake(ow::testing::retirement_application(), "sms-accept-1");
  ASSERT_FALSE(number.empty());
  const auto got = received_for(number);
  ASSERT_EQ(got.size(), 1u) << json::serialize(gateway());
  const std::string text(got[0].at("text").as_string());
  EXPECT_EQ(got[0].at("phone").as_string(), kPhone);
  EXPECT_NE(text.find("【政务服务】您申请的退休一件事已于"), std::string::npos) << text;
  EXPECT_NE(text.find("受理，办件编号" + number), std::string::npos) << text;
  EXPECT_NE(text.find("前办结"), std::string::npos) << text;
  EXPECT_EQ(text.find(kIdNumber), std::string::npos) << text;
  EXPECT_EQ(text.find("19491231"), std::string::npos) << text;

  // The staff's case view: the message, masked phone, sent; for the clerk and the supervisor alike.
  for (const auto& token : {clerk, supervisor}) {
    const auto items = staff_view(number, token);
    ASSERT_EQ(items.size(), 1u);
    const auto& m = items[0].as_object();
    EXPECT_EQ(m.at("kind").as_string(), "accepted");
    EXPECT_EQ(m.at("kind_label").as_string(), "受理通知");
    EXPECT_EQ(m.at("phone").as_string(), "138****5678");
    EXPECT_EQ(m.at("text").as_string(), text);
    // Recorded as sent once the gateway took it (the sender records right after the answer).
    for (int i = 0; i < 50 && first(number, token, "status") != "sent"; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(first(number, token, "status_label"), "已发送");
  }
  auto other = http_request(server->port(), "GET", "/api/v1/cases/330106209901010000019/sms", {},
                            {{"Authorization", "Bearer " + clerk}});
  EXPECT_EQ(other.status, 404) << other.body;
}

TEST_F(SmsE2E, SupplementMessageNamesTheMaterialAskedFor) {
  auto body = ow::testing::retirement_application();
  body["materials"] = json::array{json::object{{"id", "id_card"}, {"form", "original"}},
                                  json::object{{"id", "retirement_application"}, {"form", "original"}}};
  body["decision"] = json::object{{"kind", "supplement"}, {"missing", json::array{"household_register"}}};
  const std::string number = intake(body, "sms-supplement-1");
  ASSERT_FALSE(number.empty());
  const auto got = received_for(number);
  ASSERT_EQ(got.size(), 1u);
  const std::string text(got[0].at("text").as_string());
  EXPECT_NE(text.find("需补正以下材料：居民户口簿"), std::string::npos) << text;
  EXPECT_EQ(text.find(kIdNumber), std::string::npos) << text;
  EXPECT_EQ(first(number, clerk, "kind_label"), "补正通知");
}

TEST_F(SmsE2E, DepartmentSupplementResultDeliveryAndFollowupCallAreTexted) {
  const std::string number = intake(ow::testing::retirement_application(), "sms-result-1");
  ASSERT_FALSE(number.empty());
  const json::object approve{{"kind", "approve"}};
  decide("rs1", number, "contribution_years", approve);
  decide("rs1", number, "pension_eligibility", approve);
  // 医保 asks for the household register: the applicant is told which material, by name.
  decide("yb1", number, "medical_eligibility",
         json::object{{"kind", "request_supplement"}, {"materials", json::array{"household_register"}}, {"reason", "复印件不清晰"}});
  auto asked = received_for(number, 2);
  ASSERT_EQ(asked.size(), 2u);
  EXPECT_NE(std::string(asked[1].at("text").as_string()).find("需补正以下材料：居民户口簿"), std::string::npos)
      << asked[1].at("text").as_string();
  auto back = post(clerk, "/api/v1/cases/" + number + "/supplement", json::object{{"applicant_present", true}});
  ASSERT_EQ(back.status, 200) << back.body;
  decide("yb1", number, "medical_eligibility", approve);
  decide("rs1", number, "pension_approval", approve);
  // Every step approved: 办结可领取.
  const auto ready = received_for(number, 3);
  ASSERT_EQ(ready.size(), 3u);
  EXPECT_NE(std::string(ready[2].at("text").as_string()).find("已办结，结果可领取"), std::string::npos)
      << ready[2].at("text").as_string();
  // Sent by post: the tracking number in the text.
  auto delivered = post(clerk, "/api/v1/cases/" + number + "/delivery",
                        json::object{{"method", "post"}, {"tracking_number", "SF1234567890123"}});
  ASSERT_EQ(delivered.status, 200) << delivered.body;
  const auto sent = received_for(number, 4);
  ASSERT_EQ(sent.size(), 4u);
  const std::string text(sent[3].at("text").as_string());
  EXPECT_NE(text.find("通过邮寄送出，快递单号SF1234567890123"), std::string::npos) << text;
  std::vector<std::string> kinds;
  for (const auto& m : staff_view(number, supervisor)) kinds.emplace_back(m.at("kind_label").as_string());
  EXPECT_EQ(kinds, (std::vector<std::string>{"受理通知", "补正通知", "办结可领取通知", "送达通知"}));
  for (const auto& m : sent) EXPECT_EQ(std::string(m.at("text").as_string()).find(kIdNumber), std::string::npos);

  // A 1-star rating opens a follow-up: the applicant is told the 回访 call comes (by the callback's due date).
  auto receipt = http_request(server->port(), "GET", "/api/v1/cases/" + number + "/documents/receipt", {},
                              {{"Authorization", "Bearer " + clerk}});
  std::smatch code;
  ASSERT_TRUE(std::regex_search(receipt.body, code, std::regex("<td class=\"code\">([^<]+)</td>"))) << receipt.body;
  auto rated = http_request(server->port(), "POST", "/api/v1/public/evaluations",
                            json::serialize(json::object{{"number", number}, {"code", code[1].str()}, {"score", 1}}));
  ASSERT_EQ(rated.status, 201) << rated.body;
  const auto called = received_for(number, 5);
  ASSERT_EQ(called.size(), 5u);
  const std::string notice(called[4].at("text").as_string());
  EXPECT_TRUE(std::regex_search(notice, std::regex("将接受回访，工作人员将于20[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日前致电您")))
      << notice;
  EXPECT_EQ(staff_view(number, clerk).back().at("kind_label").as_string(), "回访通知");
}

TEST_F(SmsE2E, GatewayOutageDelaysTheMessageAndItArrivesOnceWhenTheGatewayIsBack) {
  auto down = http_request(sim_port, "POST", "/_sms/outage", R"({"seconds": 5})");
  ASSERT_EQ(down.status, 200);
  const auto unavailable_before = gateway().at("unavailable").as_int64();
  const std::string number = intake(ow::testing::retirement_application(), "sms-outage-1");
  ASSERT_FALSE(number.empty());
  // While it is down: tried, refused with 503, waiting to be tried again.
  bool retried = false;
  for (int i = 0; i < 40 && !retried; ++i) {
    const auto items = staff_view(number, clerk);
    retried = !items.empty() && items[0].at("attempts").as_int64() >= 1 && items[0].at("status").as_string() == "pending";
    if (!retried) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(retried);
  EXPECT_TRUE(received_for(number, 1, 1).empty());
  EXPECT_GT(gateway().at("unavailable").as_int64(), unavailable_before);
  // Back: delivered, once.
  const auto got = received_for(number, 1, 30);
  ASSERT_EQ(got.size(), 1u);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  EXPECT_EQ(received_for(number, 1, 1).size(), 1u);
  const auto items = staff_view(number, clerk);
  ASSERT_EQ(items.size(), 1u);
  for (int i = 0; i < 50 && first(number, clerk, "status") != "sent"; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(first(number, clerk, "status"), "sent");
  EXPECT_GE(std::stoi("0" + first(number, clerk, "attempts")), 2);
}

TEST_F(SmsE2E, TheGatewayRefusesABadSignatureAndNoLogLineHoldsThePhone) {
  const std::string body = R"({"id":"x","phone":"13800000000","text":"伪造"})";
  const std::string ts = std::to_string(std::time(nullptr));
  auto forged = http_request(sim_port, "POST", "/sms/messages", body,
                             {{"X-OW-Timestamp", ts}, {"X-OW-Signature", ow::adapters::sign("wrong", ts, body)}});
  EXPECT_EQ(forged.status, 401);
  auto good = http_request(sim_port, "POST", "/sms/messages", body,
                           {{"X-OW-Timestamp", ts}, {"X-OW-Signature", ow::adapters::sign(kSmsSecret, ts, body)}});
  EXPECT_EQ(good.status, 200);
  std::ifstream log(server->log_file());
  std::stringstream text;
  text << log.rdbuf();
  EXPECT_FALSE(text.str().empty());
  EXPECT_EQ(text.str().find(kPhone), std::string::npos);
  EXPECT_EQ(text.str().find(kIdNumber), std::string::npos);
}

}  // namespace
