// 12345 tickets against the running binary (test mode, so the clock can be moved): a ticket with a bad
// signature, a stale timestamp or a department's key is refused with 401 problem+json and stores nothing; a
// valid one is stored once, runs its 3-working-day clock, and the timekeeper raises its overdue alert only once
// the platform's clock passes the due instant — visible in GET /api/v1/alerts — and an answer resolves it.
// The department simulator plays the hotline: POST /_hotline/tickets on it sends a signed ticket.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <ctime>
#include <thread>

#include "adapters/department/signature.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/simulator_process.hpp"
#include "tests/support/test_env.hpp"
#include "workflow/calendar/instant.hpp"

using ow::testing::http_request;
namespace json = boost::json;

namespace {

const char* kSecret = "e2e-hotline-secret";

class HotlineE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server = new ow::testing::ServerProcess("e2e_hotline", {{"OW_TEST_TIME_CONTROL", "true"},
                                                            {"OW_TIMEKEEPER_INTERVAL_MS", "100"},
                                                            {"OW_CALENDAR_WEEKDAY_FALLBACK", "true"},
                                                            {"OW_HOTLINE_SECRET", kSecret}});
    std::string out;
    ASSERT_EQ(server->cli("catalog load", &out), 0) << out;
    ASSERT_EQ(server->cli("user add sup1 --role supervisor --region 330106 --name 区效能监督员 --password-stdin",
                          nullptr, "password-123"),
              0);
    supervisor = server->login("sup1", "password-123");
    hotline_key = issue_key("12345");
    department_key = issue_key("SCJG");
  }
  static void TearDownTestSuite() {
    move_clock(0);
    EXPECT_EQ(server->terminate(), 0);
    delete server;
  }
  static std::string issue_key(const std::string& code) {
    std::string out;
    EXPECT_EQ(server->cli("apikey add " + code + " --label e2e", &out), 0) << out;
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out.substr(out.find_last_of("\n ") == std::string::npos ? 0 : out.find_last_of("\n ") + 1);
  }
  static void move_clock(std::int64_t offset_seconds) {
    auto r = http_request(server->port(), "POST", "/api/v1/test/clock",
                          json::serialize(json::object{{"offset_seconds", offset_seconds}}));
    ASSERT_EQ(r.status, 200) << r.body;
  }
  static ow::testing::HttpResult post_ticket(const std::string& body, const std::string& key, const std::string& secret,
                                             std::int64_t ts_shift = 0) {
    const std::string ts = std::to_string(std::time(nullptr) + ts_shift);
    return http_request(
        server->port(), "POST", "/api/v1/hotline/tickets", body,
        {{"X-Api-Key", key}, {"X-OW-Timestamp", ts}, {"X-OW-Signature", ow::adapters::sign(secret, ts, body)}});
  }
  static std::string ticket(const std::string& id) {
    return json::serialize(json::object{{"id", id},
                                        {"kind", "投诉"},
                                        {"subject", "窗口办事等候时间长"},
                                        {"received_at", ow::calendar::format_instant(std::time(nullptr))},
                                        {"applicant", json::object{{"name", "李四"}, {"phone", "13900002222"}}},
                                        {"hall", "XH01"},
                                        {"window", "W01"}});
  }
  static json::array alerts(const std::string& query) {
    auto r =
        http_request(server->port(), "GET", "/api/v1/alerts?" + query, "", {{"Authorization", "Bearer " + supervisor}});
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).at("items").as_array();
  }
  static json::array ticket_alerts(const std::string& hotline_id, const std::string& kind) {
    json::array out;
    for (const auto& a : alerts("kind=" + kind))
      if (a.at("ticket").is_string() && a.at("ticket").as_string() == hotline_id) out.push_back(a);
    return out;
  }

  static inline ow::testing::ServerProcess* server = nullptr;
  static inline std::string supervisor, hotline_key, department_key;
};

}  // namespace

TEST_F(HotlineE2E, ABadlySignedTicketIsRefused) {
  const std::string body = ticket("E2E-BAD");
  for (const auto& r : {post_ticket(body, hotline_key, "not-the-secret"),  // bad signature
                        post_ticket(body, hotline_key, kSecret, -900),     // stale timestamp
                        post_ticket(body, department_key, kSecret)}) {     // a department's key
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(
        (r.headers.count("content-type") ? r.headers.at("content-type") : "").rfind("application/problem+json", 0), 0u);
    EXPECT_EQ(json::parse(r.body).at("title").as_string(), "12345热线身份验证失败");
  }
  auto listed =
      http_request(server->port(), "GET", "/api/v1/hotline/tickets", "", {{"Authorization", "Bearer " + supervisor}});
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.body.find("E2E-BAD"), std::string::npos);
}

// The published protocol (GET /api/v1/openapi.json, schema HotlineTicket) is the one the platform enforces:
// leaving out any field it marks required is refused with 400 naming that field, and nothing is stored.
TEST_F(HotlineE2E, ThePublishedTicketSchemaIsTheOneEnforced) {
  auto doc = http_request(server->port(), "GET", "/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  const auto parsed = json::parse(doc.body);
  ASSERT_TRUE(parsed.at("paths").as_object().contains("/api/v1/hotline/tickets"));
  const auto required = parsed.at("components").at("schemas").at("HotlineTicket").at("required").as_array();
  ASSERT_EQ(required.size(), 5u);
  for (const auto& field : required) {
    const std::string name(field.as_string());
    auto body = json::parse(ticket("E2E-SCHEMA-" + name)).as_object();
    ASSERT_TRUE(body.erase(name)) << name;
    auto r = post_ticket(json::serialize(body), hotline_key, kSecret);
    EXPECT_EQ(r.status, 400) << name << ": " << r.body;
    EXPECT_EQ(json::parse(r.body).at("field").as_string(), name) << r.body;
  }
  auto listed =
      http_request(server->port(), "GET", "/api/v1/hotline/tickets", "", {{"Authorization", "Bearer " + supervisor}});
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.body.find("E2E-SCHEMA-"), std::string::npos);
}

TEST_F(HotlineE2E, AValidTicketRunsItsClockAndFallsOverdueAtTheDueInstant) {
  const std::string body = ticket("E2E-1");
  auto created = post_ticket(body, hotline_key, kSecret);
  ASSERT_EQ(created.status, 201) << created.body;
  auto again = post_ticket(body, hotline_key, kSecret);
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.headers.count("idempotent-replayed"), 1u);
  const json::object t = json::parse(created.body).as_object();
  EXPECT_EQ(t.at("clock").at("state").as_string(), "running");
  EXPECT_EQ(t.at("hall_name").as_string(), "西湖区政务服务中心");
  const auto due = ow::calendar::parse_instant(t.at("due_at").as_string());
  const auto wall = static_cast<std::int64_t>(std::time(nullptr));

  // A minute before the due instant: no overdue alert.
  move_clock(due - wall - 60);
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  EXPECT_TRUE(ticket_alerts("E2E-1", "ticket_overdue").empty());
  // Just past it: the overdue alert, raised at or after the due instant.
  move_clock(due - wall + 2);
  json::array overdue;
  for (int i = 0; i < 50 && overdue.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    overdue = ticket_alerts("E2E-1", "ticket_overdue");
  }
  ASSERT_EQ(overdue.size(), 1u);
  const auto& a = overdue[0].as_object();
  EXPECT_EQ(a.at("level").as_string(), "red");
  EXPECT_EQ(a.at("hall").as_string(), "XH01");
  EXPECT_TRUE(a.at("case_number").is_null());
  const auto raised = ow::calendar::parse_instant(a.at("raised_at").as_string());
  EXPECT_GE(raised, due);
  EXPECT_LE(raised, due + 30);

  // The supervisor answers it: the clock stops late, the alert is resolved.
  const auto id = t.at("id").as_int64();
  auto answered =
      http_request(server->port(), "POST", "/api/v1/hotline/tickets/" + std::to_string(id) + "/answer",
                   R"({"answer":"已协调增开窗口","direct":false})", {{"Authorization", "Bearer " + supervisor}});
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(json::parse(answered.body).at("clock").at("label").as_string(), "超期答复");
  EXPECT_TRUE(ticket_alerts("E2E-1", "ticket_overdue")[0].at("state").as_string() == "resolved");
}

TEST_F(HotlineE2E, TheSimulatorPlaysTheHotline) {
  const int port = ow::testing::free_port();
  ow::testing::SimulatorProcess sim(port,
                                    {"--platform", "http://127.0.0.1:" + std::to_string(server->port()),
                                     "--departments", "SCJG", "--hotline", "12345"},
                                    {{"OW_DEPT_SECRET_SCJG", "x"},
                                     {"OW_DEPT_APIKEY_SCJG", department_key},
                                     {"OW_HOTLINE_SECRET", kSecret},
                                     {"OW_HOTLINE_APIKEY", hotline_key}});
  auto sent = http_request(port, "POST", "/_hotline/tickets",
                           R"({"id":"SIM-E2E-1","kind":"咨询","subject":"退休一件事需要哪些材料",)"
                           R"("applicant":{"name":"赵六","phone":"13700003333"},"department":"RS","region":"330106"})");
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_EQ(json::parse(sent.body).at("kind_label").as_string(), "咨询");
  auto listed =
      http_request(server->port(), "GET", "/api/v1/hotline/tickets", "", {{"Authorization", "Bearer " + supervisor}});
  EXPECT_NE(listed.body.find("SIM-E2E-1"), std::string::npos);
}
