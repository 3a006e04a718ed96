// The platform over HTTP: health, problem+json for every kind of bad request, authentication and roles,
// login rate limiting, disabled users, logout, request ids and the structured log.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"

using ow::testing::http_request;
using ow::testing::ServerProcess;

namespace {

class PlatformE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server = new ServerProcess("e2e_platform",
                               {{"OW_HTTP_BODY_LIMIT_BYTES", "4096"}, {"OW_AUTH_LOGIN_MAX_FAILURES_PER_ACCOUNT", "3"}});
    ASSERT_EQ(server->cli("user add admin1 --name 管理员 --role admin --region 330100 --password-stdin", nullptr,
                          "admin-pass-1"),
              0);
    ASSERT_EQ(server->cli(
                  "user add clerk1 --name 王窗口 --role clerk --region 330102 --hall H01 --window W01 --password-stdin",
                  nullptr, "clerk-pass-1"),
              0);
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(server->terminate(), 0);
    delete server;
    server = nullptr;
  }
  static boost::json::object json(const std::string& body) { return boost::json::parse(body).as_object(); }
  static void expect_problem(const ow::testing::HttpResult& r, int status, const std::string& code) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.headers.at("content-type").rfind("application/problem+json", 0), 0u) << r.headers.at("content-type");
    auto body = json(r.body);
    EXPECT_EQ(body.at("status").as_int64(), status);
    EXPECT_EQ(body.at("code").as_string(), code);
    const std::string title(body.at("title").as_string());
    EXPECT_FALSE(title.empty());
    EXPECT_GE(static_cast<unsigned char>(title[0]), 0xE0) << "title should be Chinese: " << title;  // a CJK character
  }
  static ServerProcess* server;
};
ServerProcess* PlatformE2E::server = nullptr;

}  // namespace

TEST_F(PlatformE2E, HealthAndReadiness) {
  auto h = http_request(server->port(), "GET", "/healthz");
  EXPECT_EQ(h.status, 200);
  auto r = http_request(server->port(), "GET", "/readyz");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json(r.body).at("checks").at("postgresql").as_string(), "ok");
  EXPECT_EQ(json(r.body).at("checks").at("redis").as_string(), "ok");
}

TEST_F(PlatformE2E, BadRequestsAreProblems) {
  const int port = server->port();
  expect_problem(http_request(port, "POST", "/api/v1/sessions", "{\"login\": "), 400, "malformed_json");
  expect_problem(http_request(port, "POST", "/api/v1/sessions", "[1,2]"), 400, "malformed_json");
  auto missing = http_request(port, "POST", "/api/v1/sessions", "{\"login\":\"x\"}");
  expect_problem(missing, 400, "invalid_request");
  EXPECT_EQ(json(missing.body).at("field").as_string(), "password");
  auto large = http_request(port, "POST", "/api/v1/sessions", std::string(5000, 'x'));
  expect_problem(large, 413, "payload_too_large");
  EXPECT_EQ(json(large.body).at("title").as_string(),
            "提交的内容过大，不能超过 4 KB");  // the limit, as a person reads it
  expect_problem(http_request(port, "GET", "/api/v1/no-such-thing"), 404, "not_found");
  auto wrong = http_request(port, "GET", "/api/v1/sessions");
  expect_problem(wrong, 405, "method_not_allowed");
  EXPECT_EQ(wrong.headers["allow"], "POST");
  // The server is still fine after all of that.
  EXPECT_EQ(http_request(port, "GET", "/healthz").status, 200);
}

TEST_F(PlatformE2E, GarbageOnTheWireIsA400AndTheServerLives) {
  auto answer = ow::testing::raw_exchange(server->port(), "NOT HTTP AT ALL\r\n\r\n");
  EXPECT_NE(answer.find("400"), std::string::npos) << answer;
  EXPECT_EQ(http_request(server->port(), "GET", "/healthz").status, 200);
}

TEST_F(PlatformE2E, TokensAndRoles) {
  const int port = server->port();
  expect_problem(http_request(port, "GET", "/api/v1/me"), 401, "unauthenticated");
  expect_problem(http_request(port, "GET", "/api/v1/me", {}, {{"Authorization", "Bearer not-a-token"}}), 401,
                 "unauthenticated");
  const std::string clerk = server->login("clerk1", "clerk-pass-1");
  auto me = http_request(port, "GET", "/api/v1/me", {}, {{"Authorization", "Bearer " + clerk}});
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(json(me.body).at("role").as_string(), "clerk");
  EXPECT_EQ(json(me.body).at("window_code").as_string(), "W01");
  expect_problem(http_request(port, "GET", "/api/v1/users", {}, {{"Authorization", "Bearer " + clerk}}), 403,
                 "forbidden");
  const std::string admin = server->login("admin1", "admin-pass-1");
  auto users = http_request(port, "GET", "/api/v1/users", {}, {{"Authorization", "Bearer " + admin}});
  ASSERT_EQ(users.status, 200) << users.body;
  EXPECT_EQ(json(users.body).at("items").as_array().size(), 2u);
  EXPECT_EQ(users.body.find("password"), std::string::npos);
}

TEST_F(PlatformE2E, WrongPasswordThenRateLimited) {
  const int port = server->port();
  boost::json::object wrong{{"login", "admin1"}, {"password", "wrong-password"}};
  for (int i = 0; i < 3; ++i)
    expect_problem(http_request(port, "POST", "/api/v1/sessions", boost::json::serialize(wrong)), 401,
                   "invalid_credentials");
  // An unknown login answers exactly like a wrong password.
  boost::json::object unknown{{"login", "nobody"}, {"password", "whatever-pass"}};
  expect_problem(http_request(port, "POST", "/api/v1/sessions", boost::json::serialize(unknown)), 401,
                 "invalid_credentials");
  // The fourth try on admin1 is refused before the password is even checked, right or wrong.
  auto limited = http_request(port, "POST", "/api/v1/sessions", boost::json::serialize(wrong));
  expect_problem(limited, 429, "login_rate_limited");
  EXPECT_GT(std::stoi(limited.headers["retry-after"]), 0);
  boost::json::object right{{"login", "admin1"}, {"password", "admin-pass-1"}};
  expect_problem(http_request(port, "POST", "/api/v1/sessions", boost::json::serialize(right)), 429,
                 "login_rate_limited");
}

TEST_F(PlatformE2E, LogoutAndDisabledUsers) {
  const int port = server->port();
  ASSERT_EQ(
      server->cli("user add clerk2 --name 李窗口 --role clerk --region 330102 --hall H01 --window W02 --password-stdin",
                  nullptr, "clerk-pass-2"),
      0);
  const std::string a = server->login("clerk2", "clerk-pass-2");
  const std::string b = server->login("clerk2", "clerk-pass-2");
  EXPECT_EQ(http_request(port, "DELETE", "/api/v1/sessions/current", {}, {{"Authorization", "Bearer " + a}}).status,
            204);
  expect_problem(http_request(port, "GET", "/api/v1/me", {}, {{"Authorization", "Bearer " + a}}), 401,
                 "unauthenticated");
  EXPECT_EQ(http_request(port, "GET", "/api/v1/me", {}, {{"Authorization", "Bearer " + b}}).status, 200);
  std::string out;
  ASSERT_EQ(server->cli("user disable clerk2", &out), 0) << out;
  expect_problem(http_request(port, "GET", "/api/v1/me", {}, {{"Authorization", "Bearer " + b}}), 401,
                 "unauthenticated");
  boost::json::object login{{"login", "clerk2"}, {"password", "clerk-pass-2"}};
  expect_problem(http_request(port, "POST", "/api/v1/sessions", boost::json::serialize(login)), 401,
                 "invalid_credentials");
}

TEST_F(PlatformE2E, RequestIdsMetricsAndTheLog) {
  const int port = server->port();
  auto r = http_request(port, "GET", "/healthz", {}, {{"X-Request-Id", "trace-123"}});
  EXPECT_EQ(r.headers["x-request-id"], "trace-123");
  auto generated = http_request(port, "GET", "/healthz", {}, {{"X-Request-Id", "bad id with spaces"}});
  EXPECT_EQ(generated.headers["x-request-id"].size(), 16u);
  boost::json::object login{{"login", "clerk1"}, {"password", "clerk-pass-1"}};
  http_request(port, "POST", "/api/v1/sessions", boost::json::serialize(login), {{"X-Request-Id", "login-trace"}});

  auto m = http_request(port, "GET", "/metrics");
  ASSERT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("ow_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"}"), std::string::npos);
  EXPECT_NE(
      m.body.find(
          "ow_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",status=\"200\",le=\"0.005\"}"),
      std::string::npos);
  EXPECT_NE(m.body.find("ow_db_pool_in_use"), std::string::npos);
  EXPECT_NE(m.body.find("ow_db_pool_waiting"), std::string::npos);
  EXPECT_NE(m.body.find("ow_redis_errors_total"), std::string::npos);

  std::ifstream log(server->log_file());
  std::stringstream text;
  text << log.rdbuf();
  bool found = false;
  std::string line;
  while (std::getline(text, line)) {
    if (line.find("\"request_id\":\"trace-123\"") == std::string::npos) continue;
    auto entry = boost::json::parse(line).as_object();
    EXPECT_EQ(entry.at("route").as_string(), "/healthz");
    EXPECT_EQ(entry.at("status").as_int64(), 200);
    EXPECT_TRUE(entry.contains("duration_ms"));
    found = true;
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(text.str().find("clerk-pass-1"), std::string::npos) << "a password reached the log";
}
