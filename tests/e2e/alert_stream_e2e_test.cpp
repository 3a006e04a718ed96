// The supervisors' live alert stream over HTTP (Server-Sent Events), with the platform in test mode so the
// clock can be moved past a due instant: a subscribed client receives the overdue alert within a second of
// the timekeeper raising it; with Redis stopped the alert is stored and the stream delivers it once Redis is
// back; Last-Event-ID replays what a client missed.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <pqxx/pqxx>
#include <thread>

#include "services/store/pg_types.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/sse_reader.hpp"
#include "tests/support/test_env.hpp"

using ow::testing::http_request;
namespace json = boost::json;
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

using ow::testing::SseReader;

class AlertStreamE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    redis_dir = (std::filesystem::current_path() / ("alert-redis-" + std::to_string(::getpid()))).string();
    redis_port = start_redis();
    server = new ow::testing::ServerProcess("e2e_alerts", {{"OW_REDIS_HOST", "127.0.0.1"},
                                                           {"OW_REDIS_PORT", std::to_string(redis_port)},
                                                           {"OW_REDIS_PASSWORD_FILE", redis_dir + "/password"},
                                                           {"OW_TEST_TIME_CONTROL", "true"},
                                                           {"OW_TIMEKEEPER_INTERVAL_MS", "100"},
                                                           {"OW_CALENDAR_WEEKDAY_FALLBACK", "true"}});
    std::string out;
    ASSERT_EQ(server->cli("catalog load", &out), 0) << out;
    ASSERT_EQ(server->cli(
                  "user add clerk1 --role clerk --region 330106 --hall XH01 --window W01 --name 测试 --password-stdin",
                  nullptr, "password-123"),
              0);
    ASSERT_EQ(server->cli("user add sup1 --role supervisor --region 330106 --name 测试 --password-stdin", nullptr,
                          "password-123"),
              0);
    ASSERT_EQ(server->cli("user add rs1 --role approver --region 330106 --department RS --name 测试 --password-stdin",
                          nullptr, "password-123"),
              0);
    clerk = server->login("clerk1", "password-123");
    approver = server->login("rs1", "password-123");
    supervisor = server->login("sup1", "password-123");
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(server->terminate(), 0);
    delete server;
    ow::testing::run_command(ow::testing::source_dir() + "/ops/redis stop " + redis_dir);
  }
  static int start_redis() {
    std::string port;
    EXPECT_EQ(ow::testing::run_command(ow::testing::source_dir() + "/ops/redis start " + redis_dir, &port), 0);
    return std::stoi(port);
  }

  static std::string accept_retirement(const std::string& key) {
    const json::object body = ow::testing::retirement_application();
    auto r = http_request(server->port(), "POST", "/api/v1/cases", json::serialize(body),
                          {{"Authorization", "Bearer " + clerk}, {"Idempotency-Key", key}});
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(json::parse(r.body).at("number").as_string());
  }
  static void move_clock(std::int64_t offset_seconds) {
    auto r = http_request(server->port(), "POST", "/api/v1/test/clock",
                          json::serialize(json::object{{"offset_seconds", offset_seconds}}));
    ASSERT_EQ(r.status, 200) << r.body;
  }
  // When the case's committed overdue alert was first seen stored (polled every 10 ms).
  static std::optional<Clock::time_point> stored_overdue(const std::string& number, std::chrono::milliseconds limit) {
    pqxx::connection db(server->db_url());
    const auto until = Clock::now() + limit;
    while (Clock::now() < until) {
      pqxx::read_transaction tx(db);
      if (tx.exec_params1(
                "SELECT count(*) FROM alerts a JOIN cases c ON c.id = a.case_id WHERE c.number = $1 AND a.kind = 'overdue' "
                "AND a.clock = 'case.committed'",
                number)[0]
              .as<int>() > 0)
        return Clock::now();
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return std::nullopt;
  }
  static std::string overdue_needle(const std::string& number) {
    return "\"case_number\":\"" + number + "\",\"clock\":\"case.committed\",\"step\":null,\"kind\":\"overdue\"";
  }

  static inline ow::testing::ServerProcess* server = nullptr;
  static inline std::string redis_dir, clerk, supervisor, approver;
  static inline int redis_port = 0;
};

}  // namespace

TEST_F(AlertStreamE2E, OverdueArrivesLiveAndSurvivesARedisOutage) {
  SseReader reader(server->port(), supervisor);
  ASSERT_TRUE(reader.wait_for(": stream open", std::chrono::seconds(5))) << reader.text();
  EXPECT_NE(reader.text().find("text/event-stream"), std::string::npos);

  // Live: 60 days on, the 15-working-day promise is long past.
  const std::string first = accept_retirement("stream-1");
  move_clock(60 * 86400);
  const auto stored = stored_overdue(first, std::chrono::seconds(5));
  ASSERT_TRUE(stored);
  const auto streamed = reader.wait_for(overdue_needle(first), std::chrono::seconds(3));
  ASSERT_TRUE(streamed) << reader.text();
  EXPECT_LT(*streamed - *stored, std::chrono::seconds(1));

  // Redis stops: the next alert is stored but cannot be published — and still reaches the live stream, read
  // from PostgreSQL by the feed's poll (alerts.poll_ms, 1 s), not only once Redis is back.
  ASSERT_EQ(ow::testing::run_command(ow::testing::source_dir() + "/ops/redis stop " + redis_dir), 0);
  const std::string second = accept_retirement("stream-2");
  move_clock(120 * 86400);
  const auto stored_second = stored_overdue(second, std::chrono::seconds(5));
  ASSERT_TRUE(stored_second);
  const auto streamed_second = reader.wait_for(overdue_needle(second), std::chrono::seconds(3));
  ASSERT_TRUE(streamed_second) << reader.text();
  EXPECT_LT(*streamed_second - *stored_second, std::chrono::milliseconds(2500));
  ASSERT_EQ(start_redis(), redis_port);

  // A client reconnecting with Last-Event-ID gets what it missed, from PostgreSQL.
  SseReader late(server->port(), supervisor, "0");
  EXPECT_TRUE(late.wait_for(overdue_needle(first), std::chrono::seconds(3)));
  EXPECT_TRUE(late.wait_for(overdue_needle(second), std::chrono::seconds(3)));
  // A new client (no Last-Event-ID) is not flooded with history: it gets the newest id as its cursor and
  // then only what is raised from now on.
  const auto newest =
      json::parse(
          http_request(server->port(), "GET", "/api/v1/alerts", {}, {{"Authorization", "Bearer " + supervisor}}).body)
          .at("items")
          .as_array()
          .back()
          .at("id")
          .as_int64();
  SseReader fresh(server->port(), supervisor);
  const std::string open_line = ": stream open\n\nid: ";
  ASSERT_TRUE(fresh.wait_for(open_line, std::chrono::seconds(3))) << fresh.text();
  std::string opening = fresh.text();
  for (int i = 0; i < 100 && opening.find("\n\n", opening.find(open_line) + open_line.size()) == std::string::npos;
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    opening = fresh.text();
  }
  const auto at = opening.find(open_line) + open_line.size();
  ASSERT_NE(opening.find("\n\n", at), std::string::npos) << opening;
  EXPECT_GE(std::stoll(opening.substr(at, opening.find('\n', at) - at)), newest)
      << opening;  // (the timekeeper may add one meanwhile)
  const std::string third = accept_retirement("stream-3");
  move_clock(180 * 86400);
  EXPECT_TRUE(fresh.wait_for(overdue_needle(third), std::chrono::seconds(5))) << fresh.text();
  EXPECT_FALSE(fresh.arrived(overdue_needle(first)));
  EXPECT_FALSE(fresh.arrived(overdue_needle(second)));
  // The alert list filters by the window that accepted the case (all these cases came through XH01/W01).
  const auto here = json::parse(http_request(server->port(), "GET", "/api/v1/alerts?hall=XH01&window=W01&kind=overdue",
                                             {}, {{"Authorization", "Bearer " + supervisor}})
                                    .body);
  EXPECT_GE(here.at("items").as_array().size(), 2u);
  const auto elsewhere = json::parse(
      http_request(server->port(), "GET", "/api/v1/alerts?window=W99", {}, {{"Authorization", "Bearer " + supervisor}})
          .body);
  EXPECT_EQ(elsewhere.at("items").as_array().size(), 0u);
  // Clerks may not subscribe.
  EXPECT_EQ(
      http_request(server->port(), "GET", "/api/v1/alerts/stream", {}, {{"Authorization", "Bearer " + clerk}}).status,
      403);
}

TEST_F(AlertStreamE2E, ASupervisionOrderIsTrackedUntilTheDepartmentReplies) {
  auto call = [&](const std::string& token, const std::string& method, const std::string& target,
                  const json::object& body = {}) {
    return http_request(server->port(), method, target, method == "GET" ? "" : json::serialize(body),
                        {{"Authorization", "Bearer " + token}});
  };
  const std::string number = accept_retirement("order-1");
  const std::string today(json::parse(call(clerk, "GET", "/api/v1/cases/" + number).body)
                              .at("accepted_at")
                              .as_string()
                              .subview()
                              .substr(0, 10));
  EXPECT_EQ(call(supervisor, "POST", "/api/v1/supervision-orders",
                 json::object{{"case_number", number}, {"department", "SCJG"}, {"due_date", today}, {"content", "x"}})
                .status,
            400);  // not involved
  auto issued = call(supervisor, "POST", "/api/v1/supervision-orders",
                     json::object{{"case_number", number},
                                  {"department", "RS"},
                                  {"due_date", today},
                                  {"content", "请于今日内完成缴费年限确认"}});
  ASSERT_EQ(issued.status, 201) << issued.body;
  const auto id = json::parse(issued.body).at("id").as_int64();
  const std::string clock = "order:" + std::to_string(id);
  // 人社's approver sees it; the clock passes the close of the day with no reply: a red alert on the order.
  const auto listed = json::parse(call(approver, "GET", "/api/v1/supervision-orders").body);
  bool found = false;
  for (const auto& o : listed.at("items").as_array()) found = found || o.at("id").as_int64() == id;
  EXPECT_TRUE(found);
  move_clock(200 * 86400);
  bool alerted = false;
  for (int i = 0; i < 50 && !alerted; ++i) {
    const auto alerts = json::parse(call(supervisor, "GET", "/api/v1/alerts?kind=overdue&state=open").body);
    for (const auto& a : alerts.at("items").as_array()) alerted = alerted || a.at("clock").as_string() == clock;
    if (!alerted) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(alerted);
  auto replied = call(approver, "POST", "/api/v1/supervision-orders/" + std::to_string(id) + "/reply",
                      json::object{{"reply", "已完成确认"}});
  ASSERT_EQ(replied.status, 200) << replied.body;
  EXPECT_EQ(json::parse(replied.body).at("state").as_string(), "replied");
  EXPECT_EQ(call(approver, "POST", "/api/v1/supervision-orders/" + std::to_string(id) + "/reply",
                 json::object{{"reply", "again"}})
                .status,
            409);
  bool still_open = false;
  const auto after = json::parse(call(supervisor, "GET", "/api/v1/alerts?kind=overdue&state=open").body);
  for (const auto& a : after.at("items").as_array()) still_open = still_open || a.at("clock").as_string() == clock;
  EXPECT_FALSE(still_open);  // resolved by the reply
}

// A stream is bound to its session: after a logout it ends at the next heartbeat (15 s), while a stream of a
// session that is still valid gets the heartbeat and stays open.
TEST_F(AlertStreamE2E, AStreamEndsAtTheNextHeartbeatOnceItsSessionIsGone) {
  const std::string kept = server->login("sup1", "password-123"), ended = server->login("sup1", "password-123");
  SseReader live(server->port(), kept), revoked(server->port(), ended);
  ASSERT_TRUE(live.wait_for(": stream open", std::chrono::seconds(5)));
  ASSERT_TRUE(revoked.wait_for(": stream open", std::chrono::seconds(5)));
  ASSERT_EQ(
      http_request(server->port(), "DELETE", "/api/v1/sessions/current", {}, {{"Authorization", "Bearer " + ended}})
          .status,
      204);
  EXPECT_TRUE(revoked.wait_for("\r\n0\r\n\r\n", std::chrono::seconds(25)))
      << "the stream of a logged-out session is still open";
  EXPECT_TRUE(live.wait_for(": heartbeat", std::chrono::seconds(5)));
  EXPECT_FALSE(live.arrived("\r\n0\r\n\r\n")) << "a valid session's stream was ended";
  EXPECT_FALSE(revoked.arrived(": heartbeat")) << "a heartbeat went to a logged-out session";
}

// Issuing a 督办 honours Idempotency-Key: a retry with the same key and body gets the order first made.
TEST_F(AlertStreamE2E, ASupervisionOrderRetriedWithItsIdempotencyKeyIsMadeOnce) {
  const std::string number = accept_retirement("order-idem");
  const std::string today(json::parse(http_request(server->port(), "GET", "/api/v1/cases/" + number, {},
                                                   {{"Authorization", "Bearer " + clerk}})
                                          .body)
                              .at("accepted_at")
                              .as_string()
                              .subview()
                              .substr(0, 10));
  const std::string body = json::serialize(
      json::object{{"case_number", number}, {"department", "RS"}, {"due_date", today}, {"content", "请尽快确认"}});
  const std::map<std::string, std::string> headers{{"Authorization", "Bearer " + supervisor},
                                                   {"Idempotency-Key", "order-idem-1"}};
  auto first = http_request(server->port(), "POST", "/api/v1/supervision-orders", body, headers);
  ASSERT_EQ(first.status, 201) << first.body;
  auto again = http_request(server->port(), "POST", "/api/v1/supervision-orders", body, headers);
  EXPECT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.headers["idempotent-replayed"], "true");
  EXPECT_EQ(json::parse(again.body).at("id"), json::parse(first.body).at("id"));
  const std::string other = json::serialize(
      json::object{{"case_number", number}, {"department", "RS"}, {"due_date", today}, {"content", "另一内容"}});
  EXPECT_EQ(http_request(server->port(), "POST", "/api/v1/supervision-orders", other, headers).status, 422);
  int orders = 0;
  const json::value listed =  // kept alive while iterating
      json::parse(http_request(server->port(), "GET", "/api/v1/supervision-orders?state=all", {},
                               {{"Authorization", "Bearer " + supervisor}})
                      .body);
  for (const auto& o : listed.at("items").as_array()) orders += o.at("case_number").as_string() == number;
  EXPECT_EQ(orders, 1);
}
