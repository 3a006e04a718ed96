// Issue 22 (item 9): a department whose system stays down keeps its pushes. They are tried at the capped
// backoff for the department's retry window (retry_minutes) — far more than the eight attempts after which a
// push used to be given up within minutes — and delivered when it returns; a push still failing when the
// window has passed is DispatchFailed with its alert. (The window is 1440 minutes by default; 0.25 — 15 s — here.)
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <thread>

#include "services/store/pg_types.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/simulator_process.hpp"
#include "tests/support/test_env.hpp"

using ow::testing::http_request;
namespace json = boost::json;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

class LongOutageE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    sim_port = ow::testing::free_port();
    const fs::path dir = fs::current_path() / ("long-outage-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "departments.yaml")
        << "departments:\n  - {code: GD, url: \"http://127.0.0.1:" << sim_port
        << "/GD\", secret_env: OW_DEPT_SECRET_GD, connect_timeout_ms: 300, response_timeout_ms: 1000,"
           " backoff_base_ms: 100, backoff_cap_ms: 300, breaker_failures: 3, breaker_cooldown_ms: 300,"
           " retry_minutes: 0.25}\n";
    server = std::make_unique<ow::testing::ServerProcess>(
        "e2e_long_outage",
        std::map<std::string, std::string>{{"OW_DEPARTMENTS_FILE", (dir / "departments.yaml").string()},
                                           {"OW_DEPT_SECRET_GD", "secret-of-GD"},
                                           {"OW_CALENDAR_WEEKDAY_FALLBACK", "true"},
                                           {"OW_DISPATCHER_POLL_SECONDS", "1"}});
    clerk = server->catalog_and_clerk();
    std::string key;
    ASSERT_EQ(server->cli("apikey add GD", &key), 0) << key;
    key.erase(key.find_last_not_of('\n') + 1);
    sim = std::make_unique<ow::testing::SimulatorProcess>(
        sim_port,
        std::vector<std::string>{"--platform", "http://127.0.0.1:" + std::to_string(server->port()), "--departments",
                                 "GD", "--manual", "GD"},
        std::map<std::string, std::string>{{"OW_DEPT_SECRET_GD", "secret-of-GD"}, {"OW_DEPT_APIKEY_GD", key}});
  }

  void department_down(int seconds) {
    ASSERT_EQ(http_request(sim_port, "POST", "/_control",
                           R"({"down_seconds": )" + std::to_string(seconds) + R"(, "departments": ["GD"]})")
                  .status,
              200);
  }
  std::string accept(const std::string& key) {
    auto r = http_request(server->port(), "POST", "/api/v1/cases", json::serialize(ow::testing::power_application()),
                          {{"Authorization", "Bearer " + clerk}, {"Idempotency-Key", key}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? std::string(json::parse(r.body).at("number").as_string()) : std::string();
  }
  std::string first_step_state(const std::string& number) {
    auto r = http_request(server->port(), "GET", "/api/v1/cases/" + number, {}, {{"Authorization", "Bearer " + clerk}});
    const json::value view = json::parse(r.body);  // kept alive while iterating
    for (const auto& t : view.at("tasks").as_array())
      if (t.at("step").as_string() == "accept") return std::string(t.at("state").as_string());
    return {};
  }
  std::string wait_for_step(const std::string& number, const std::string& state, std::chrono::seconds deadline) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    std::string seen;
    while (std::chrono::steady_clock::now() < until && (seen = first_step_state(number)) != state)
      std::this_thread::sleep_for(100ms);
    return seen;
  }
  int scalar(const std::string& sql, const std::string& number) {
    pqxx::connection db(server->db_url());
    pqxx::read_transaction tx(db);
    return tx.exec_params1(sql, number)[0].as<int>();
  }

  int sim_port = 0;
  std::string clerk;
  std::unique_ptr<ow::testing::ServerProcess> server;
  std::unique_ptr<ow::testing::SimulatorProcess> sim;
};

}  // namespace

TEST_F(LongOutageE2E, PushesOutliveManyFailedAttemptsAndGoWhenTheDepartmentIsBack) {
  department_down(5);
  const std::string number = accept("outage-1");
  ASSERT_FALSE(number.empty());
  EXPECT_EQ(wait_for_step(number, "Dispatched", 20s), "Dispatched");
  const int attempts =
      scalar("SELECT max(o.attempts) FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.number = $1", number);
  std::cout << "delivered after " << attempts << " attempts\n";
  EXPECT_GT(attempts, 8) << "more attempts than the old limit, which gave the push up";
  const auto stats = json::parse(http_request(sim_port, "GET", "/_stats").body);
  EXPECT_EQ(stats.at("GD").at("received").as_int64(), 1);
  EXPECT_EQ(stats.at("GD").at("duplicates").as_int64(), 0);
}

TEST_F(LongOutageE2E, APushStillFailingAfterItsWindowIsGivenUpWithAnAlert) {
  department_down(40);
  const std::string number = accept("outage-2");
  ASSERT_FALSE(number.empty());
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(wait_for_step(number, "DispatchFailed", 28s), "DispatchFailed");
  const auto took = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
  EXPECT_GE(took.count(), 14) << "not before the 15 s window";
  EXPECT_EQ(scalar("SELECT count(*)::int FROM alerts a JOIN cases c ON c.id = a.case_id WHERE c.number = $1 AND "
                   "a.kind = 'dispatch_failed'",
                   number),
            1);
}
