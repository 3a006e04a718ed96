// Department adapters end to end, with the real simulator process: a 企业开办 case reaches all five
// departments (the four parallel ones after registration), they call back, the case is ResultReady; a
// department down for a while gets every task once it is back (each idempotency key's effect once) while the
// others carry on; duplicate, replayed, unsigned, badly signed and stale callbacks change nothing.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "adapters/department/signature.hpp"
#include "services/store/pg_types.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/simulator_process.hpp"
#include "tests/support/sse_reader.hpp"
#include "tests/support/test_env.hpp"

using ow::testing::http_request;
using ow::testing::HttpResult;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kPush = {"SCJG", "GA", "SW", "RS", "YH", "GD"};

std::string secret_of(const std::string& code) { return "secret-of-" + code; }

// The demo catalog with 人社 on push transport (so all five 企业开办 departments are reached by push), and a
// departments file pointing every push department at the simulator with quick retries.
std::map<std::string, std::string> platform_files(int sim_port) {
  fs::path dir = fs::current_path() / ("dispatch-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "catalog");
  for (const auto& e : fs::directory_iterator(ow::testing::source_dir() + "/config/catalog"))
    fs::copy(e.path(), dir / "catalog" / e.path().filename());
  std::ifstream in(dir / "catalog" / "departments.yaml");
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  const std::string from = "region: \"330106\", transport: inbox}";
  const auto rs = s.find(from, s.find("code: RS"));
  s.replace(rs, from.size(), "region: \"330106\", transport: push}");
  std::ofstream(dir / "catalog" / "departments.yaml") << s;
  std::ofstream deps(dir / "departments.yaml");
  deps << "departments:\n";
  for (const auto& code : kPush)
    deps
        << "  - {code: " << code << ", url: \"http://127.0.0.1:" << sim_port << "/" << code
        << "\", secret_env: OW_DEPT_SECRET_" << code
        << ", connect_timeout_ms: 500, response_timeout_ms: 2000, concurrency: 2, max_attempts: 40, backoff_base_ms: 100,"
           " backoff_cap_ms: 500, breaker_failures: 3, breaker_cooldown_ms: 300}\n";
  std::map<std::string, std::string> env{{"OW_CATALOG_DIR", (dir / "catalog").string()},
                                         {"OW_DEPARTMENTS_FILE", (dir / "departments.yaml").string()},
                                         {"OW_CALENDAR_WEEKDAY_FALLBACK", "true"},
                                         {"OW_DISPATCHER_POLL_SECONDS", "1"},
                                         {"OW_ELICENSE_URL", "http://127.0.0.1:" + std::to_string(sim_port)},
                                         {"OW_ELICENSE_TIMEOUT_MS", "500"},
                                         {"OW_ELICENSE_DOCUMENT_RETRY_SECONDS", "1"},
                                         {"OW_CREDIT_URL", "http://127.0.0.1:" + std::to_string(sim_port)},
                                         {"OW_CREDIT_TIMEOUT_MS", "500"}};
  for (const auto& code : kPush) env["OW_DEPT_SECRET_" + code] = secret_of(code);
  return env;
}

class DispatchE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sim_port = ow::testing::free_port();
    server = new ow::testing::ServerProcess("e2e_dispatch", platform_files(sim_port));
    std::string out;
    ASSERT_EQ(server->cli("catalog load", &out), 0) << out;
    ASSERT_EQ(server->cli(
                  "user add clerk1 --role clerk --region 330106 --hall XH01 --window W01 --name 测试 --password-stdin",
                  nullptr, "password-123"),
              0);
    clerk = server->login("clerk1", "password-123");
    ASSERT_EQ(server->cli("user add sup1 --role supervisor --region 330106 --name 测试 --password-stdin", nullptr,
                          "password-123"),
              0);
    supervisor = server->login("sup1", "password-123");
    std::map<std::string, std::string> sim_env;
    for (const auto& code : kPush) {
      std::string key;
      ASSERT_EQ(server->cli("apikey add " + code, &key), 0) << key;
      key.erase(key.find_last_not_of("\n") + 1);
      api_keys[code] = key;
      sim_env["OW_DEPT_SECRET_" + code] = secret_of(code);
      sim_env["OW_DEPT_APIKEY_" + code] = key;
    }
    sim = new ow::testing::SimulatorProcess(
        sim_port,
        {"--platform", "http://127.0.0.1:" + std::to_string(server->port()), "--departments", "SCJG,GA,SW,RS,YH,GD",
         "--manual", "GD", "--delay-ms", "100", "--seed", "7"},
        sim_env);
  }
  static void TearDownTestSuite() {
    delete sim;
    EXPECT_EQ(server->terminate(), 0);
    delete server;
  }

  static json::object obj(const HttpResult& r) { return json::parse(r.body).as_object(); }
  static json::object case_view(const std::string& number) {
    return obj(
        http_request(server->port(), "GET", "/api/v1/cases/" + number, {}, {{"Authorization", "Bearer " + clerk}}));
  }
  static std::string accept(const json::object& body, const std::string& key) {
    auto r = http_request(server->port(), "POST", "/api/v1/cases", json::serialize(body),
                          {{"Authorization", "Bearer " + clerk}, {"Idempotency-Key", key}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? std::string(obj(r).at("number").as_string()) : std::string();
  }
  static json::object qykb() { return ow::testing::company_application(true, true); }
  // 获得用电: 供电 (GD) takes pushes in the simulator but never calls back; the tests act as the department.
  static json::object hdyd() { return ow::testing::power_application(); }
  static std::string first_step_state(const std::string& number) {
    const json::object view = case_view(number);
    for (const auto& t : view.at("tasks").as_array())
      if (t.at("step").as_string() == "accept") return std::string(t.at("state").as_string());
    return {};
  }
  static std::string wait_for_step(const std::string& number, const std::string& state) {
    for (int i = 0; i < 100 && first_step_state(number) != state; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return first_step_state(number);
  }
  // The task of `number` as a polling department sees it.
  static HttpResult polled_first(const std::string& number) {
    auto r = http_request(server->port(), "GET", "/api/v1/departments/GD/tasks?state=dispatched", {},
                          {{"X-Api-Key", api_keys["GD"]}});
    const json::object list = obj(r);
    for (const auto& t : list.at("items").as_array())
      if (t.at("case_number").as_string() == number) return {200, json::serialize(t), {}, {}};
    return {404, "{}", {}, {}};
  }
  // Polls the case until it is in `state` (or the deadline passes); returns the last state seen.
  static std::string wait_for(const std::string& number, const std::string& state,
                              std::chrono::seconds deadline = std::chrono::seconds(30)) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    std::string seen;
    while (std::chrono::steady_clock::now() < until) {
      seen = std::string(case_view(number).at("state").as_string());
      if (seen == state) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return seen;
  }
  // The stored audit of a case, in order: (entity, event).
  static std::vector<std::pair<std::string, std::string>> audit(const std::string& number) {
    pqxx::connection db(server->db_url());
    pqxx::read_transaction tx(db);
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& r : tx.exec_params(
             "SELECT a.entity, a.event FROM case_audit a JOIN cases c ON c.id = a.case_id WHERE c.number = $1 "
             "ORDER BY a.id",
             number))
      out.emplace_back(r[0].as<std::string>(), r[1].as<std::string>());
    return out;
  }
  static json::object sim_stats() { return obj(http_request(sim_port, "GET", "/_stats")); }
  static HttpResult callback(const std::string& dept, const json::object& event, const std::string& key,
                             std::int64_t ts_offset = 0, const std::string& secret = {}, bool sign = true) {
    const std::string body = json::serialize(event);
    const std::string ts = std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count() +
        ts_offset);
    std::map<std::string, std::string> h{{"X-Api-Key", key}, {"X-OW-Timestamp", ts}};
    if (sign) h["X-OW-Signature"] = ow::adapters::sign(secret.empty() ? secret_of(dept) : secret, ts, body);
    return http_request(server->port(), "POST", "/api/v1/departments/" + dept + "/events", body, h);
  }

  static inline ow::testing::ServerProcess* server = nullptr;
  static inline ow::testing::SimulatorProcess* sim = nullptr;
  static inline int sim_port = 0;
  static inline std::string clerk, supervisor;
  static inline std::map<std::string, std::string> api_keys;
};

}  // namespace

TEST_F(DispatchE2E, CompanyCaseReachesAllFiveDepartmentsAndComesBackResultReady) {
  const auto before = sim_stats();
  const std::string number = accept(qykb(), "qykb-1");
  ASSERT_FALSE(number.empty());
  EXPECT_EQ(wait_for(number, "ResultReady"), "ResultReady");
  const auto after = sim_stats();
  for (const char* code : {"SCJG", "GA", "SW", "RS", "YH"})
    EXPECT_EQ(after.at(code).at("received").as_int64() - before.at(code).at("received").as_int64(), 1) << code;
  const json::object view = case_view(number);
  for (const auto& t : view.at("tasks").as_array())
    EXPECT_EQ(t.at("state").as_string(), "Approved") << t.at("step").as_string();
  // The audit shows the order: registration approved before any of the four parallel steps was dispatched.
  std::int64_t register_approved = -1, first_parallel_dispatched = -1, i = 0;
  for (const auto& [entity, event] : audit(number)) {
    if (entity == "register" && event == "approve") register_approved = i;
    if (entity != "register" && entity != "case" && event == "dispatch" && first_parallel_dispatched < 0)
      first_parallel_dispatched = i;
    ++i;
  }
  ASSERT_GE(register_approved, 0);
  EXPECT_LT(register_approved, first_parallel_dispatched);
}

TEST_F(DispatchE2E, ADepartmentDownForAWhileGetsEveryTaskOnceItIsBack) {
  const auto before = sim_stats();
  ASSERT_EQ(http_request(sim_port, "POST", "/_control", R"({"down_seconds": 3, "departments": ["GA"]})").status, 200);
  std::vector<std::string> numbers;
  for (int i = 0; i < 3; ++i) numbers.push_back(accept(qykb(), "qykb-down-" + std::to_string(i)));
  // Meanwhile the other departments carry on: registration is approved for every case while 公安 is down.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  for (const auto& n : numbers) {
    const json::object view = case_view(n);  // kept alive while iterating
    for (const auto& t : view.at("tasks").as_array())
      if (t.at("step").as_string() == "register") {
        EXPECT_EQ(t.at("state").as_string(), "Approved") << n;
      }
  }
  for (const auto& n : numbers) EXPECT_EQ(wait_for(n, "ResultReady"), "ResultReady") << n;
  const auto after = sim_stats();
  EXPECT_EQ(after.at("GA").at("received").as_int64() - before.at("GA").at("received").as_int64(),
            3);  // each key's effect once
  for (const char* code : {"SCJG", "SW", "RS", "YH"})
    EXPECT_EQ(after.at(code).at("received").as_int64() - before.at(code).at("received").as_int64(), 3) << code;
}

TEST_F(DispatchE2E, CallbacksAreAuthenticatedAndAppliedOnce) {
  const std::string number = accept(hdyd(), "hdyd-1");
  ASSERT_FALSE(number.empty());
  auto task_state = [&] { return first_step_state(number); };
  ASSERT_EQ(wait_for_step(number, "Dispatched"), "Dispatched");

  // The payload's schema is published.
  auto doc = http_request(server->port(), "GET", "/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  const auto schema = json::parse(doc.body).at("components").at("schemas").at("TaskPayload");
  for (const auto& required : schema.at("required").as_array())
    EXPECT_TRUE(obj(polled_first(number)).contains(required.as_string())) << required.as_string();

  // Polling departments see it too.
  auto polled = http_request(server->port(), "GET", "/api/v1/departments/GD/tasks?state=dispatched", {},
                             {{"X-Api-Key", api_keys["GD"]}});
  ASSERT_EQ(polled.status, 200) << polled.body;
  bool listed = false;
  const json::object poll = obj(polled);
  for (const auto& t : poll.at("items").as_array()) listed = listed || t.at("case_number").as_string() == number;
  EXPECT_TRUE(listed);
  EXPECT_EQ(
      http_request(server->port(), "GET", "/api/v1/departments/GD/tasks", {}, {{"X-Api-Key", api_keys["GA"]}}).status,
      401);

  const json::object received{{"id", "gd-evt-1"}, {"type", "received"}, {"case_number", number}, {"step", "accept"}};
  EXPECT_EQ(callback("GD", received, api_keys["GD"], 0, {}, false).status, 401);       // unsigned
  EXPECT_EQ(callback("GD", received, api_keys["GD"], 0, "wrong-secret").status, 401);  // badly signed
  EXPECT_EQ(callback("GD", received, api_keys["GD"], -600).status, 401);               // stale
  EXPECT_EQ(callback("GD", received, api_keys["GA"]).status, 401);                     // another department's key
  EXPECT_EQ(callback("GD", received, "no-such-key").status, 401);
  EXPECT_EQ(task_state(), "Dispatched");  // nothing changed

  auto first = callback("GD", received, api_keys["GD"]);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(task_state(), "Received");
  auto again = callback("GD", received, api_keys["GD"]);  // replayed: the same answer, no second change
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.body, first.body);
  // The same event id with another body is refused, not answered with the first result.
  json::object reused = received;
  reused["type"] = "approved";
  auto clash = callback("GD", reused, api_keys["GD"]);
  EXPECT_EQ(clash.status, 422) << clash.body;
  EXPECT_NE(clash.body.find("event_id_reused"), std::string::npos);
  EXPECT_EQ(task_state(), "Received");
  const json::object dup{{"id", "gd-evt-2"}, {"type", "received"}, {"case_number", number}, {"step", "accept"}};
  EXPECT_EQ(callback("GD", dup, api_keys["GD"]).status, 409);  // a new id the state refuses
  const json::object approved{{"id", "gd-evt-3"},
                              {"type", "approved"},
                              {"case_number", number},
                              {"step", "accept"},
                              {"produced", json::object{{"application_no", "GD-001"}}}};
  ASSERT_EQ(callback("GD", approved, api_keys["GD"]).status, 200);
  EXPECT_EQ(task_state(), "Approved");
  int received_events = 0;
  for (const auto& [entity, event] : audit(number)) received_events += entity == "accept" && event == "receive";
  EXPECT_EQ(received_events, 1);
}

TEST_F(DispatchE2E, ARefusalFailsAtOnceAndASupervisorReDispatches) {
  ow::testing::SseReader feed(server->port(), supervisor);  // the supervisor's live alert feed
  ASSERT_EQ(http_request(sim_port, "POST", "/_control", R"({"refuse_seconds": 1, "departments": ["GD"]})").status, 200);
  const std::string number = accept(hdyd(), "hdyd-refused");
  ASSERT_FALSE(number.empty());
  ASSERT_EQ(wait_for_step(number, "DispatchFailed"), "DispatchFailed");  // a 422 is not retried
  // The dispatcher's alert reaches the live feed like the timekeeper's (issue 22, item 3).
  EXPECT_TRUE(feed.wait_for("\"case_number\":\"" + number +
                                "\",\"clock\":\"task:accept\",\"step\":\"accept\","
                                "\"kind\":\"dispatch_failed\"",
                            std::chrono::seconds(5)))
      << feed.text();
  pqxx::connection db(server->db_url());
  {
    pqxx::read_transaction tx(db);
    auto r = tx.exec_params1(
        "SELECT o.attempts, o.last_error FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.number = $1", number);
    EXPECT_EQ(r[0].as<int>(), 1);
    EXPECT_NE(r[1].as<std::string>().find("422"), std::string::npos) << r[1].as<std::string>();
  }
  std::int64_t task_id = 0;
  {
    pqxx::read_transaction tx(db);
    task_id =
        tx.exec_params1(
              "SELECT t.id FROM tasks t JOIN cases c ON c.id = t.case_id WHERE c.number = $1 AND t.step = 'accept'",
              number)[0]
            .as<std::int64_t>();
  }
  // dispatch_failed alerts of the task: {all, still open}.
  auto failed_alerts = [&] {
    pqxx::read_transaction tx(db);
    auto row = tx.exec_params1(
        "SELECT count(*), count(*) FILTER (WHERE a.resolved_at IS NULL) FROM alerts a JOIN cases c ON c.id = a.case_id "
        "WHERE c.number = $1 AND a.kind = 'dispatch_failed' AND a.clock = 'task:accept'",
        number);
    return std::pair{row[0].as<int>(), row[1].as<int>()};
  };
  EXPECT_EQ(failed_alerts(), (std::pair{1, 1}));
  const std::string target = "/api/v1/tasks/" + std::to_string(task_id) + "/redispatch";
  EXPECT_EQ(http_request(server->port(), "POST", target, "{}", {{"Authorization", "Bearer " + clerk}}).status, 403);
  // Re-dispatched while the department still refuses: it fails again, and the supervisor is told again.
  ASSERT_EQ(http_request(sim_port, "POST", "/_control", R"({"refuse_seconds": 2, "departments": ["GD"]})").status, 200);
  auto r = http_request(server->port(), "POST", target, R"({"reason": "再试一次"})",
                        {{"Authorization", "Bearer " + supervisor}});
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(wait_for_step(number, "DispatchFailed"), "DispatchFailed");
  for (int i = 0; i < 50 && failed_alerts().first < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(failed_alerts(), (std::pair{2, 1}));  // the first resolved by the re-dispatch, a second one open

  std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // the department accepts again
  r = http_request(server->port(), "POST", target, R"({"reason": "部门系统已恢复"})",
                   {{"Authorization", "Bearer " + supervisor}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(wait_for_step(number, "Dispatched"), "Dispatched");
  EXPECT_EQ(failed_alerts(), (std::pair{2, 0}));
}

// Issue 22 (item 8): after a department's outage, a supervisor re-dispatches every failed push of that
// department at once; each is audited with the batch's size, and running it again finds nothing.
TEST_F(DispatchE2E, ASupervisorReDispatchesEveryFailedPushOfADepartmentAtOnce) {
  ASSERT_EQ(http_request(sim_port, "POST", "/_control", R"({"refuse_seconds": 2, "departments": ["GD"]})").status, 200);
  std::vector<std::string> numbers;
  for (int i = 0; i < 3; ++i) numbers.push_back(accept(hdyd(), "hdyd-bulk-" + std::to_string(i)));
  for (const auto& n : numbers) ASSERT_EQ(wait_for_step(n, "DispatchFailed"), "DispatchFailed");
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // GD accepts again
  const std::map<std::string, std::string> as_supervisor{{"Authorization", "Bearer " + supervisor}};
  EXPECT_EQ(http_request(server->port(), "POST", "/api/v1/redispatches", "{}", as_supervisor).status, 400);
  auto r = http_request(server->port(), "POST", "/api/v1/redispatches",
                        R"({"department": "GD", "reason": "供电公司系统已恢复"})", as_supervisor);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_GE(json::parse(r.body).at("count").as_int64(), 3) << r.body;
  for (const auto& n : numbers) EXPECT_EQ(wait_for_step(n, "Dispatched"), "Dispatched") << n;
  pqxx::connection db(server->db_url());
  pqxx::read_transaction tx(db);
  EXPECT_EQ(tx.exec_params1("SELECT count(*) FROM case_audit a JOIN cases c ON c.id = a.case_id WHERE c.number = $1"
                            " AND a.detail LIKE '%批量重新推送，共%件%'",
                            numbers[0])[0]
                .as<int>(),
            1);
  r = http_request(server->port(), "POST", "/api/v1/redispatches", R"({"department": "GD"})", as_supervisor);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body).at("count").as_int64(), 0) << "nothing left to send";
  EXPECT_EQ(http_request(server->port(), "POST", "/api/v1/redispatches", R"({"department": "GD"})",
                         {{"Authorization", "Bearer " + clerk}})
                .status,
            403);
}

TEST_F(DispatchE2E, ELicensesAreLookedUpOverHttpCachedAndNeverBlockIntake) {
  auto birth = [](const std::string& id_number) {
    return json::object{{"bundle", "CSYJS"},
                        {"applicant", json::object{{"kind", "person"}, {"name", "张三"}, {"id_number", id_number}}},
                        {"contact_phone", "13812345678"},
                        {"materials", json::array{json::object{{"id", "parents_id_cards"}, {"form", "elicense"}},
                                                  json::object{{"id", "marriage_certificate"}, {"form", "elicense"}},
                                                  json::object{{"id", "household_register"}, {"form", "original"}}}},
                        {"decision", json::object{{"kind", "accept"}}}};
  };
  auto post = [&](const json::object& body, const std::string& key) {
    return http_request(server->port(), "POST", "/api/v1/cases", json::serialize(body),
                        {{"Authorization", "Bearer " + clerk}, {"Idempotency-Key", key}});
  };
  // The demo library holds a marriage certificate for this applicant, none for the other.
  EXPECT_EQ(post(birth("11010519491231002X"), "elic-1").status, 201);
  auto none = post(birth("330106199003071236"), "elic-2");
  EXPECT_EQ(none.status, 422);
  EXPECT_EQ(obj(none).at("code").as_string(), "elicense_not_found");

  // The library goes silent: an applicant not in the cache gets "check the paper" within the timeout; one
  // looked up a moment ago is answered from the cache.
  ASSERT_EQ(http_request(sim_port, "POST", "/_control", R"({"down_seconds": 5, "departments": ["ELICENSE"]})").status,
            200);
  const auto started = std::chrono::steady_clock::now();
  auto unavailable = post(birth("330106198511152046"), "elic-3");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
  EXPECT_EQ(unavailable.status, 422);
  EXPECT_EQ(obj(unavailable).at("code").as_string(), "elicense_lookup_unavailable") << unavailable.body;
  EXPECT_EQ(post(birth("11010519491231002X"), "elic-4").status, 201);
  auto cached_none = post(birth("330106199003071236"), "elic-5");  // "none" is cached too
  EXPECT_EQ(obj(cached_none).at("code").as_string(), "elicense_not_found");
}

// 免提交（电子证照核验）: a 出生一件事 applicant whose household register and ID card are in the library hands over
// nothing for them; the case and its receipt say they were verified electronically. With the library down the
// clerk is told which materials to take on paper, and the case then records them as paper.
TEST_F(DispatchE2E, ELicenceMaterialsAreExemptAndPaperOnlyWhenTheLibraryCannotVerify) {
  auto birth = [](json::array materials) {
    return json::object{
        {"bundle", "CSYJS"},
        {"applicant", json::object{{"kind", "person"}, {"name", "李四"}, {"id_number", "330106198511152046"}}},
        {"contact_phone", "13812345678"},
        {"materials", std::move(materials)},
        {"decision", json::object{{"kind", "accept"}}}};
  };
  auto post = [&](const json::object& body, const std::string& key) {
    return http_request(server->port(), "POST", "/api/v1/cases", json::serialize(body),
                        {{"Authorization", "Bearer " + clerk}, {"Idempotency-Key", key}});
  };
  auto satisfied = [](const json::object& c) {
    std::map<std::string, std::string> out;
    for (const auto& m : c.at("materials").as_array())
      out[std::string(m.at("id").as_string())] = std::string(m.at("satisfied").as_string());
    return out;
  };
  // The guide lists the e-licence materials as 免提交.
  auto guide = http_request(server->port(), "GET", "/api/v1/bundles/CSYJS", "", {{"Authorization", "Bearer " + clerk}});
  ASSERT_EQ(guide.status, 200) << guide.body;
  int exempt = 0;
  const json::value guide_json = json::parse(guide.body);
  for (const auto& m : guide_json.at("materials").as_array())
    if (const auto* s = m.as_object().if_contains("submission")) exempt += s->as_string() == "免提交（电子证照核验）";
  EXPECT_EQ(exempt, 3) << guide.body;  // 父母双方身份证明, 父母结婚证, 居民户口簿

  // Only the marriage certificate (not in the library for this applicant) is handed over, on paper.
  auto r = post(birth(json::array{json::object{{"id", "marriage_certificate"}, {"form", "original"}}}), "exempt-1");
  ASSERT_EQ(r.status, 201) << r.body;
  auto seen = satisfied(obj(r));
  EXPECT_EQ(seen["household_register"], "电子证照核验");
  EXPECT_EQ(seen["parents_id_cards"], "电子证照核验");
  EXPECT_EQ(seen["marriage_certificate"], "纸质材料");
  const std::string number(obj(r).at("number").as_string());
  auto receipt = http_request(server->port(), "GET", "/api/v1/cases/" + number + "/documents/receipt", "",
                              {{"Authorization", "Bearer " + clerk}});
  ASSERT_EQ(receipt.status, 200);
  EXPECT_NE(receipt.body.find("居民户口簿（免提交，电子证照核验）"), std::string::npos) << receipt.body;
  EXPECT_NE(receipt.body.find("父母结婚证（原件，纸质材料）"), std::string::npos);

  // Nothing handed over for the marriage certificate: the library has none, so paper is asked for by name.
  auto none = post(birth(json::array{}), "exempt-2");
  ASSERT_EQ(none.status, 422) << none.body;
  EXPECT_EQ(obj(none).at("code").as_string(), "elicense_paper_needed");
  EXPECT_EQ(obj(none).at("title").as_string(), "电子证照库中未找到，请收取纸质材料：父母结婚证");

  // The library goes silent (another applicant, not cached): the clerk is asked for paper within the timeout…
  ASSERT_EQ(http_request(sim_port, "POST", "/_control", R"({"down_seconds": 5, "departments": ["ELICENSE"]})").status,
            200);
  auto other = birth(json::array{json::object{{"id", "marriage_certificate"}, {"form", "original"}}});
  other["applicant"].as_object()["id_number"] = "330106199003071236";
  const auto started = std::chrono::steady_clock::now();
  auto down = post(other, "exempt-3");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
  ASSERT_EQ(down.status, 422) << down.body;
  EXPECT_EQ(obj(down).at("code").as_string(), "elicense_paper_needed");
  EXPECT_TRUE(obj(down).at("unavailable").as_bool());
  const std::string title(obj(down).at("title").as_string());
  EXPECT_TRUE(title.starts_with("电子证照库暂时无法查询，请收取纸质材料：")) << title;
  EXPECT_NE(title.find("居民户口簿"), std::string::npos) << title;
  // …and with the paper handed over the case is accepted and records paper.
  other["materials"].as_array().push_back(json::object{{"id", "household_register"}, {"form", "original"}});
  other["materials"].as_array().push_back(json::object{{"id", "parents_id_cards"}, {"form", "original"}});
  auto paper = post(other, "exempt-4");
  ASSERT_EQ(paper.status, 201) << paper.body;
  seen = satisfied(obj(paper));
  EXPECT_EQ(seen["household_register"], "纸质材料");
  EXPECT_EQ(seen["parents_id_cards"], "纸质材料");
}

// An e-licence material is fetched from the library as a document, not just ticked: the licence's PDF becomes the
// material's file (source 电子证照库). While the library gives no documents the case is still taken (the
// verification is what counts) and marks them 未能调取; the clerk's pre-review asks for them again.
TEST_F(DispatchE2E, ELicenceDocumentsComeFromTheLibraryAndAreAskedForAgainAtTheNextDecision) {
  const json::array materials{json::object{{"id", "marriage_certificate"}, {"form", "original"}}};
  json::object body{
      {"bundle", "CSYJS"},
      {"channel", "online"},
      {"applicant", json::object{{"kind", "person"}, {"name", "李四"}, {"id_number", "330106198511152046"}}},
      {"contact_phone", "13812345678"},
      {"materials", materials}};
  const std::map<std::string, std::string> as_clerk{{"Authorization", "Bearer " + clerk}};
  auto documents_of = [&](const json::object& c) {
    std::map<std::string, std::string> out;
    for (const auto& m : c.at("materials").as_array())
      if (const auto* d = m.as_object().if_contains("licence_document"))
        out[std::string(m.at("id").as_string())] = std::string(d->as_string());
    return out;
  };
  auto library_files = [&](const std::string& number) {
    auto listed = http_request(server->port(), "GET", "/api/v1/cases/" + number + "/files", "", as_clerk);
    EXPECT_EQ(listed.status, 200) << listed.body;
    std::map<std::string, json::object> out;
    const json::object all = obj(listed);
    for (const auto& f : all.at("items").as_array())
      if (f.at("source").as_string() == "elicense") out[std::string(f.at("material").as_string())] = f.as_object();
    return out;
  };

  // The library answers look-ups but gives no documents: submitted, the documents marked not obtained.
  ASSERT_EQ(http_request(sim_port, "POST", "/_control", R"({"down_seconds": 30, "departments": ["ELICENSE_DOCUMENT"]})")
                .status,
            200);
  auto headers = as_clerk;
  headers["Idempotency-Key"] = "licence-documents-1";
  auto submitted = http_request(server->port(), "POST", "/api/v1/cases", json::serialize(body), headers);
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const std::string number(obj(submitted).at("number").as_string());
  EXPECT_EQ(obj(submitted).at("state").as_string(), "Submitted");
  const std::map<std::string, std::string> none{{"household_register", "not_obtained"},
                                                {"parents_id_cards", "not_obtained"}};
  EXPECT_EQ(documents_of(obj(submitted)), none);
  EXPECT_TRUE(library_files(number).empty());

  // The library is back: the clerk's pre-review fetches them; each is a one-page PDF the approver can open.
  ASSERT_EQ(http_request(sim_port, "POST", "/_control", R"({"down_seconds": 0, "departments": ["ELICENSE_DOCUMENT"]})")
                .status,
            200);
  const json::object decision{
      {"materials", materials}, {"decision", json::object{{"kind", "accept"}}}, {"applicant_present", false}};
  auto decided = http_request(server->port(), "POST", "/api/v1/cases/" + number + "/decision",
                              json::serialize(decision), as_clerk);
  ASSERT_EQ(decided.status, 200) << decided.body;
  const std::map<std::string, std::string> obtained{{"household_register", "obtained"},
                                                    {"parents_id_cards", "obtained"}};
  EXPECT_EQ(documents_of(obj(decided)), obtained);
  const auto files = library_files(number);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files.at("household_register").at("file_name").as_string(), "居民户口簿（电子证照）.pdf");
  EXPECT_EQ(files.at("household_register").at("source_name").as_string(), "电子证照库");
  for (const auto& [material, f] : files) {
    EXPECT_EQ(f.at("media_type").as_string(), "application/pdf") << material;
    EXPECT_EQ(f.at("pages").as_int64(), 1) << material;
    auto bytes = http_request(server->port(), "GET", std::string(f.at("url").as_string()), "", as_clerk);
    ASSERT_EQ(bytes.status, 200) << material;
    EXPECT_TRUE(bytes.body.starts_with("%PDF-")) << material;
    EXPECT_EQ(bytes.body.size(), static_cast<std::size_t>(f.at("size_bytes").as_int64()));
  }
}

// Accepted at the counter while the library gave no documents: the case goes on, and the timekeeper role's
// background retry keeps the documents once the library gives them (no clerk action needed).
TEST_F(DispatchE2E, ALicenceDocumentMissingAtTheCounterArrivesInTheBackground) {
  ASSERT_EQ(http_request(sim_port, "POST", "/_control", R"({"down_seconds": 30, "departments": ["ELICENSE_DOCUMENT"]})")
                .status,
            200);
  const json::object body{
      {"bundle", "CSYJS"},
      {"applicant", json::object{{"kind", "person"}, {"name", "李四"}, {"id_number", "330106198511152046"}}},
      {"contact_phone", "13812345678"},
      {"materials", json::array{json::object{{"id", "marriage_certificate"}, {"form", "original"}}}},
      {"decision", json::object{{"kind", "accept"}}}};
  const std::map<std::string, std::string> as_clerk{{"Authorization", "Bearer " + clerk}};
  auto headers = as_clerk;
  headers["Idempotency-Key"] = "licence-documents-later";
  auto accepted = http_request(server->port(), "POST", "/api/v1/cases", json::serialize(body), headers);
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  const std::string number(obj(accepted).at("number").as_string());
  auto marks = [&] {
    std::map<std::string, std::string> out;
    auto view = http_request(server->port(), "GET", "/api/v1/cases/" + number, "", as_clerk);
    const json::object o = obj(view);
    for (const auto& m : o.at("materials").as_array())
      if (const auto* d = m.as_object().if_contains("licence_document"))
        out[std::string(m.at("id").as_string())] = std::string(d->as_string());
    return out;
  };
  EXPECT_EQ(marks(), (std::map<std::string, std::string>{{"household_register", "not_obtained"},
                                                         {"parents_id_cards", "not_obtained"}}));

  ASSERT_EQ(http_request(sim_port, "POST", "/_control", R"({"down_seconds": 0, "departments": ["ELICENSE_DOCUMENT"]})")
                .status,
            200);
  const std::map<std::string, std::string> obtained{{"household_register", "obtained"},
                                                    {"parents_id_cards", "obtained"}};
  for (int i = 0; i < 100 && marks() != obtained; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(marks(), obtained);
  auto listed = http_request(server->port(), "GET", "/api/v1/cases/" + number + "/files", "", as_clerk);
  int library = 0;
  const json::object files = obj(listed);
  for (const auto& f : files.at("items").as_array()) library += f.at("source").as_string() == "elicense";
  EXPECT_EQ(library, 2) << listed.body;
}

// 信用核查: the clerk's check asks the simulator's demo credit registry; a silent service is no error, the clerk
// is told 信用核查暂不可用 within the timeout.
TEST_F(DispatchE2E, CreditCheckAnswersListedCleanOrUnavailableWithoutBlocking) {
  auto check = [&](const std::string& holder) {
    return http_request(server->port(), "POST", "/api/v1/credit-checks",
                        json::serialize(json::object{{"holder", holder}}), {{"Authorization", "Bearer " + clerk}});
  };
  auto listed = check("330106197805120037");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_TRUE(obj(listed).at("available").as_bool());
  EXPECT_TRUE(obj(listed).at("listed").as_bool());
  EXPECT_EQ(obj(listed).at("summary").as_string(), "列入失信被执行人");
  auto both = check("91330106MA2B000022");
  EXPECT_EQ(obj(both).at("summary").as_string(), "列入严重失信主体名单、失信被执行人") << both.body;
  auto clean = check("330106198511152046");
  EXPECT_FALSE(obj(clean).at("listed").as_bool());
  EXPECT_EQ(obj(clean).at("summary").as_string(), "未发现失信记录");
  EXPECT_EQ(check("").status, 400);

  ASSERT_EQ(http_request(sim_port, "POST", "/_control", R"({"down_seconds": 3, "departments": ["CREDIT"]})").status,
            200);
  const auto started = std::chrono::steady_clock::now();
  auto down = check("330106197805120037");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  ASSERT_EQ(down.status, 200) << down.body;
  EXPECT_FALSE(obj(down).at("available").as_bool());
  EXPECT_EQ(obj(down).at("summary").as_string(), "信用核查暂不可用");
  // Intake goes on meanwhile: a case is accepted while the credit service is silent.
  auto birth = json::object{
      {"bundle", "CSYJS"},
      {"applicant", json::object{{"kind", "person"}, {"name", "王五"}, {"id_number", "11010519491231002X"}}},
      {"contact_phone", "13812345678"},
      {"materials", json::array{}},
      {"decision", json::object{{"kind", "accept"}}}};
  auto accepted = http_request(server->port(), "POST", "/api/v1/cases", json::serialize(birth),
                               {{"Authorization", "Bearer " + clerk}, {"Idempotency-Key", "credit-down-1"}});
  EXPECT_EQ(accepted.status, 201) << accepted.body;
}

TEST_F(DispatchE2E, AWithdrawnCaseTellsTheDepartmentThatHadTheTask) {
  const std::string number = accept(hdyd(), "hdyd-withdrawn");
  ASSERT_FALSE(number.empty());
  ASSERT_EQ(wait_for_step(number, "Dispatched"), "Dispatched");  // 供电 has it
  const auto before = sim_stats().at("GD").at("received").as_int64();
  auto w = http_request(server->port(), "POST", "/api/v1/cases/" + number + "/withdrawal",
                        R"({"reason": "申请人撤回"})", {{"Authorization", "Bearer " + clerk}});
  ASSERT_EQ(w.status, 200) << w.body;
  EXPECT_EQ(first_step_state(number), "Cancelled");
  // The cancellation is pushed (signed, with its own idempotency key) and the outbox row is done.
  std::int64_t after = before;
  for (int i = 0; i < 100 && after == before; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    after = sim_stats().at("GD").at("received").as_int64();
  }
  EXPECT_EQ(after, before + 1);
  EXPECT_EQ(sim_stats().at("GD").at("refused").as_int64(), 0);
  pqxx::connection db(server->db_url());
  int done = 0;
  for (int i = 0; i < 40 && done == 0; ++i) {  // the simulator counts before it answers: give the platform a moment
    pqxx::read_transaction tx(db);
    done =
        tx.exec_params1(
              "SELECT count(*) FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.number = $1 AND o.kind = 'cancel' "
              "AND o.done_at IS NOT NULL AND NOT o.failed",
              number)[0]
            .as<int>();
    if (done == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(done, 1);
}

// Observability (issue 21): a push's latency is a histogram per department, and every ow_* metric the Grafana
// dashboard and the Prometheus alert rules of deploy/ query is one this platform serves on /metrics.
TEST_F(DispatchE2E, DashboardAndAlertRulesUseOnlyMetricsThePlatformServes) {
  const std::string number = accept(qykb(), "qykb-metrics");
  ASSERT_FALSE(number.empty());
  ASSERT_EQ(wait_for(number, "ResultReady"), "ResultReady");
  const HttpResult m = http_request(server->port(), "GET", "/metrics");
  ASSERT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("# TYPE ow_dispatch_push_duration_seconds histogram\n"), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("ow_dispatch_push_duration_seconds_count{department=\"SCJG\"} "), std::string::npos);
  EXPECT_NE(m.body.find("ow_ready{dependency=\"postgresql\"} 1\n"), std::string::npos);
  EXPECT_NE(m.body.find("ow_alerts_raised_total{kind=\"overdue\",level=\"red\"} "), std::string::npos);
  int names = 0;
  for (const char* file : {"/deploy/grafana/onewindow-dashboard.json", "/deploy/prometheus/onewindow-alerts.yml"}) {
    std::ifstream in(ow::testing::source_dir() + file);
    ASSERT_TRUE(in) << file;
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    static const std::regex metric(R"(\bow_[a-z_]+[a-z])");
    for (std::sregex_iterator it(s.begin(), s.end(), metric), end; it != end; ++it, ++names) {
      const std::string name = it->str();
      const bool served =
          m.body.find("\n" + name + "{") != std::string::npos || m.body.find("\n" + name + " ") != std::string::npos;
      EXPECT_TRUE(served) << file << " uses " << name << ", which /metrics does not serve";
    }
  }
  EXPECT_GT(names, 20);
}

// W3C trace context (issue 21): the clerk's traceparent reaches every department of the case — the first push
// through the outbox row the intake wrote, the next ones through the department's callback that continued
// it — and the platform's log lines of that work carry its trace id; a request without one starts a new trace.
TEST_F(DispatchE2E, TheRequestsTraceReachesTheDepartmentsAndTheLogLines) {
  const std::string trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
  const std::string incoming = "00-" + trace_id + "-00f067aa0ba902b7-01";
  auto r = http_request(
      server->port(), "POST", "/api/v1/cases", json::serialize(qykb()),
      {{"Authorization", "Bearer " + clerk}, {"Idempotency-Key", "qykb-traced"}, {"traceparent", incoming}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string number(obj(r).at("number").as_string());
  ASSERT_EQ(wait_for(number, "ResultReady"), "ResultReady");
  const std::string untraced = accept(qykb(), "qykb-untraced");
  ASSERT_EQ(wait_for(untraced, "ResultReady"), "ResultReady");

  const json::array receipts = json::parse(http_request(sim_port, "GET", "/_receipts").body).as_array();
  std::set<std::string> reached, untraced_traces;
  for (const auto& v : receipts) {
    const json::object& rec = v.as_object();
    const std::string header(rec.at("traceparent").as_string());
    if (rec.at("case_number").as_string() == number) {
      reached.insert(std::string(rec.at("department").as_string()));
      ASSERT_EQ(header.size(), 55u) << header;
      EXPECT_EQ(header.substr(3, 32), trace_id) << rec.at("department").as_string();
      EXPECT_NE(header.substr(36, 16), "00f067aa0ba902b7");  // the push is its own span
    } else if (rec.at("case_number").as_string() == untraced) {
      ASSERT_EQ(header.size(), 55u) << header;
      untraced_traces.insert(header.substr(3, 32));
    }
  }
  EXPECT_EQ(reached, (std::set<std::string>{"SCJG", "GA", "SW", "RS", "YH"}));
  EXPECT_EQ(untraced_traces.size(), 1u);  // one new trace for that intake and its callbacks
  EXPECT_EQ(untraced_traces.count(trace_id), 0u);

  // The log: the intake request, the callbacks and the pushes, each line with the trace id.
  std::ifstream log(server->log_file());
  std::string line;
  int intake = 0, callbacks = 0;
  while (std::getline(log, line)) {
    if (line.find("\"trace_id\":\"" + trace_id + "\"") == std::string::npos) continue;
    if (line.find("\"route\":\"/api/v1/cases\"") != std::string::npos)
      ++intake;
    else if (line.find("\"route\":\"/api/v1/departments/{code}/events\"") != std::string::npos)
      ++callbacks;
  }
  EXPECT_EQ(intake, 1);
  EXPECT_GE(callbacks, 10);  // received and approved from each of the five departments
}
