// The edge of the running binary: NUL, control characters and invalid UTF-8 in paths, query strings and JSON
// bodies are a 400 problem naming the field on every route family (never a 500, never a silent cut); the
// metric's method label is a fixed set; a slow second request on a kept-alive connection gets the read timeout,
// not the idle timeout; connections beyond the cap get a 503 and the server serves on.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <boost/asio.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <thread>

#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"

using ow::testing::http_request;
using ow::testing::ServerProcess;
namespace asio = boost::asio;

namespace {

class EdgeE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server = new ServerProcess("e2e_edge", {{"OW_HTTP_READ_TIMEOUT_SECONDS", "2"},
                                            {"OW_HTTP_IDLE_TIMEOUT_SECONDS", "60"},
                                            {"OW_HTTP_MAX_CONNECTIONS", "8"}});
    ASSERT_EQ(
        server->cli(
            "user add edgeclerk --name 边窗口 --role clerk --region 330106 --hall XH01 --window W01 --password-stdin",
            nullptr, "Qv7#tLm2xR9p"),
        0);
    ASSERT_EQ(server->cli("user add edgesup --name 边监督 --role supervisor --region 330106 --password-stdin", nullptr,
                          "Wz4$kNp8sT3y"),
              0);
    clerk = server->login("edgeclerk", "Qv7#tLm2xR9p");
    supervisor = server->login("edgesup", "Wz4$kNp8sT3y");
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(server->terminate(), 0);
    delete server;
    server = nullptr;
  }
  static ServerProcess* server;
  static std::string clerk, supervisor;
};
ServerProcess* EdgeE2E::server = nullptr;
std::string EdgeE2E::clerk, EdgeE2E::supervisor;

struct Probe {
  const char* family;
  const char* method;
  std::string target, body;
  const std::string* token;
  const char* code;
  const char* field;
};

}  // namespace

TEST_F(EdgeE2E, NulControlAndBrokenUtf8AreNamed400sOnEveryRouteFamily) {
  const std::string none;
  const std::vector<Probe> probes = {
      {"sessions", "POST", "/api/v1/sessions", R"({"login":"alice\u0000x","password":"whatever-1"})", &none,
       "invalid_text", "login"},
      {"sessions", "POST", "/api/v1/sessions", "{\"login\":\"al\xff\",\"password\":\"p\"}", &none, "malformed_json",
       ""},
      {"cases path", "GET", "/api/v1/cases/XH01-20261127-0001%00zzz", "", &clerk, "invalid_path", "path"},
      {"cases path", "GET", "/api/v1/cases/%ff%fe", "", &clerk, "invalid_path", "path"},
      {"cases query", "GET", "/api/v1/cases?day=%ff", "", &clerk, "invalid_text", "day"},
      {"cases query", "GET", "/api/v1/cases?state=Accepted%00x", "", &clerk, "invalid_text", "state"},
      {"cases body", "POST", "/api/v1/cases", R"({"bundle":"QYKB","applicant":{"name":"张三\u0007"}})", &clerk,
       "invalid_text", "applicant.name"},
      {"window action", "POST", "/api/v1/cases/X/withdrawal", R"({"reason":"撤回\u0000"})", &clerk, "invalid_text",
       "reason"},
      {"tasks", "GET", "/api/v1/tasks?state=%c0%af", "", &supervisor, "invalid_text", "state"},
      {"tasks path", "POST", "/api/v1/tasks/1%00/claim", "", &supervisor, "invalid_path", "path"},
      {"alerts", "GET", "/api/v1/alerts?region=%e0%80%af", "", &supervisor, "invalid_text", "region"},
      {"orders", "POST", "/api/v1/supervision-orders", R"({"note":"x\u001b[31m"})", &supervisor, "invalid_text",
       "note"},
      {"kpis", "GET", "/api/v1/stats?from=%ff", "", &supervisor, "invalid_text", "from"},
      {"reports", "GET", "/api/v1/reports/weekly?week=%00", "", &supervisor, "invalid_text", "week"},
      {"catalog", "GET", "/api/v1/bundles?q=%ed%a0%80", "", &none, "invalid_text", "q"},
      {"elicenses", "POST", "/api/v1/elicense-lookups", R"({"holder":"1101\r\n","types":["结婚证"]})", &clerk,
       "invalid_text", "holder"},
      {"public", "GET", "/api/v1/public/progress?number=%ff", "", &none, "invalid_text", "number"},
      {"public", "POST", "/api/v1/public/evaluations", R"({"number":"X\u0000"})", &none, "invalid_text", "number"},
      {"departments", "GET", "/api/v1/departments/SCJG/tasks?state=%ff", "", &none, "invalid_text", "state"},
      {"departments path", "POST", "/api/v1/departments/SC%00JG/events", "{}", &none, "invalid_path", "path"},
      // Year 0000 exists nowhere (PostgreSQL refuses it): a named 400, not a 500 from the database.
      {"cases day 0000", "GET", "/api/v1/cases?day=0000-01-01", "", &clerk, "invalid_request", "day"},
      {"stats 0000", "GET", "/api/v1/stats?from=0000-01-01", "", &supervisor, "invalid_request", "from"},
      {"weekly 0000", "GET", "/api/v1/reports/weekly?week=0000-W01", "", &supervisor, "invalid_request", "week"},
      {"weekly negative", "GET", "/api/v1/reports/weekly?week=-001-W01", "", &supervisor, "invalid_request", "week"},
  };
  for (const auto& p : probes) {
    std::map<std::string, std::string> headers{{"Idempotency-Key", "edge-probe"}};
    if (!p.token->empty()) headers["Authorization"] = "Bearer " + *p.token;
    auto r = http_request(server->port(), p.method, p.target, p.body, headers);
    EXPECT_EQ(r.status, 400) << p.family << " " << p.target << ": " << r.body;
    ASSERT_TRUE(r.headers["content-type"].starts_with("application/problem+json")) << p.family;
    auto body = boost::json::parse(r.body).as_object();
    EXPECT_EQ(body.at("code").as_string(), p.code) << p.family << " " << p.target;
    if (*p.field) {
      ASSERT_TRUE(body.contains("field")) << r.body;
      EXPECT_EQ(body.at("field").as_string(), p.field) << p.family;
    }
    EXPECT_GE(static_cast<unsigned char>(std::string(body.at("title").as_string())[0]), 0xE0) << "a Chinese title";
  }
  // A login whose name only matches up to a NUL is not the user.
  EXPECT_EQ(http_request(server->port(), "POST", "/api/v1/sessions",
                         R"({"login":"edgeclerk\u0000x","password":"Qv7#tLm2xR9p"})")
                .status,
            400);
  EXPECT_EQ(http_request(server->port(), "GET", "/healthz").status, 200);
}

TEST_F(EdgeE2E, TheMethodLabelIsAFixedSet) {
  for (const char* method : {"SRX1", "SRX2", "FOO"}) {
    auto answer = ow::testing::raw_exchange(
        server->port(), std::string(method) + " /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_NE(answer.find("HTTP/1.1 405"), std::string::npos) << answer.substr(0, 80);
  }
  auto m = http_request(server->port(), "GET", "/metrics");
  EXPECT_EQ(m.body.find("SRX1"), std::string::npos);
  EXPECT_EQ(m.body.find("FOO"), std::string::npos);
  EXPECT_NE(m.body.find("ow_http_requests_total{method=\"other\""), std::string::npos);
}

TEST_F(EdgeE2E, ASlowSecondRequestOnAKeptAliveConnectionGetsTheReadTimeout) {
  asio::io_context ioc;
  asio::ip::tcp::socket s(ioc);
  s.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(server->port())});
  const std::string first = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  asio::write(s, asio::buffer(first));
  char buf[4096];
  const std::size_t n = s.read_some(asio::buffer(buf));
  ASSERT_NE(std::string(buf, n).find("200 OK"), std::string::npos);
  // The second request starts and then trickles: the server closes after the 2 s read timeout, not 60 s idle.
  asio::write(s, asio::buffer(std::string("GET /healthz HTTP/1.1\r\n")));
  const auto started = std::chrono::steady_clock::now();
  timeval tv{15, 0};
  ::setsockopt(s.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  boost::system::error_code ec;
  s.read_some(asio::buffer(buf), ec);  // end of stream when the server gives up
  const auto waited =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started).count();
  EXPECT_TRUE(ec == asio::error::eof || ec == asio::error::connection_reset) << ec.message();
  EXPECT_LT(waited, 12) << "held for the idle timeout";
}

TEST_F(EdgeE2E, ConnectionsBeyondTheCapGetA503AndTheServerServesOn) {
  asio::io_context ioc;
  std::vector<std::unique_ptr<asio::ip::tcp::socket>> held;
  const asio::ip::tcp::endpoint ep{asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(server->port())};
  for (int i = 0; i < 8; ++i) {
    held.push_back(std::make_unique<asio::ip::tcp::socket>(ioc));
    held.back()->connect(ep);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the server has accepted them all
  auto refused = ow::testing::raw_exchange(server->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(refused.find("HTTP/1.1 503"), std::string::npos) << refused.substr(0, 200);
  EXPECT_NE(refused.find("too_many_connections"), std::string::npos);
  held.clear();
  bool served = false;
  for (int i = 0; i < 50 && !served; ++i) {
    served = http_request(server->port(), "GET", "/healthz").status == 200;
    if (!served) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(served);
}
