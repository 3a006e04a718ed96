// The dispatcher against a real PostgreSQL and the real simulator process: two dispatchers at once deliver
// every outbox row exactly once (the simulator sees no duplicate idempotency key), and a crashed
// dispatcher's lease expires so that another takes its rows over.
#include <gtest/gtest.h>

#include <unistd.h>
#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <thread>

#include "adapters/department/signature.hpp"
#include "adapters/elicense/elicense_lookup.hpp"
#include "services/acceptance/intake_request.hpp"
#include "services/acceptance/intake_service.hpp"
#include "services/catalog/catalog_service.hpp"
#include "services/dispatcher/department_events.hpp"
#include "services/dispatcher/dispatcher.hpp"
#include "services/store/dispatch_store.hpp"
#include "services/store/pg_types.hpp"
#include "services/store/statements.hpp"
#include "services/store/user_store.hpp"
#include "tests/support/case_world.hpp"
#include "tests/support/embedded_calendar.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/simulator_process.hpp"
#include "tests/support/test_env.hpp"

using namespace ow;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

struct World : ow::testing::CaseWorld {
  World() : CaseWorld("it_dispatch", calendar::parse_instant("2026-06-01T10:00:00+08:00")) {}
  // A 企业开办 case: its registration step is pushed to SCJG.
  void accept_company(const std::string& key) {
    const json::object body = ow::testing::company_application(false, false);
    auto a = intake.create(clerk, key, json::serialize(body), acceptance::parse_intake_request(body));
    ASSERT_EQ(a.status, 201u) << a.body;
  }
  int pending() {
    return pool.transact([](ow::store::Tx& tx) { return store::dispatch::pending(tx); });
  }
};

adapters::DepartmentEndpoint endpoint(int port) {
  adapters::DepartmentEndpoint e;
  e.code = "SCJG";
  e.url = "http://127.0.0.1:" + std::to_string(port) + "/SCJG";
  e.secret = "s3cret";
  e.concurrency = 3;
  e.backoff_base = 100ms;
  e.backoff_cap = 500ms;
  return e;
}

}  // namespace

TEST(Dispatcher, TwoDispatchersDeliverEveryRowExactlyOnce) {
  World w;
  const int sim_port = ow::testing::free_port();
  // Each push takes 30 ms, so one dispatcher cannot drain the 24 before the other has started.
  ow::testing::SimulatorProcess sim(
      sim_port, {"--platform", "http://127.0.0.1:9", "--departments", "SCJG", "--manual", "SCJG", "--slow-ms", "30"},
      {{"OW_DEPT_SECRET_SCJG", "s3cret"}, {"OW_DEPT_APIKEY_SCJG", "unused"}});
  constexpr int kCases = 24;
  for (int i = 0; i < kCases; ++i) w.accept_company("c" + std::to_string(i));
  ASSERT_EQ(w.pending(), kCases);

  platform::Metrics metrics;
  std::vector<std::unique_ptr<dispatcher::Dispatcher>> dispatchers;
  for (const char* owner : {"A", "B"}) {
    dispatcher::DispatcherOptions o;
    o.owner = owner;
    o.workers = 4;
    o.fallback_poll_seconds = 1;
    dispatchers.push_back(std::make_unique<dispatcher::Dispatcher>(
        w.pool, w.url, w.catalog, w.time, w.clock,
        std::map<std::string, adapters::DepartmentEndpoint>{{"SCJG", endpoint(sim_port)}}, metrics, o));
  }
  for (auto& d : dispatchers) d->start();
  for (int i = 0; i < 200 && w.pending() > 0; ++i) std::this_thread::sleep_for(50ms);
  for (auto& d : dispatchers) d->stop();
  EXPECT_EQ(w.pending(), 0);

  const auto stats = json::parse(ow::testing::http_request(sim_port, "GET", "/_stats").body);
  EXPECT_EQ(stats.at("SCJG").at("received").as_int64(), kCases);
  EXPECT_EQ(stats.at("SCJG").at("duplicates").as_int64(), 0);
  EXPECT_EQ(stats.at("SCJG").at("refused").as_int64(), 0);  // every push correctly signed
  pqxx::connection db(w.url);
  pqxx::read_transaction tx(db);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM tasks WHERE step = 'register' AND state = 'Dispatched'")[0].as<int>(),
            kCases);
  EXPECT_EQ(tx.exec1("SELECT count(DISTINCT leased_by) FROM outbox")[0].as<int>(), 2);  // both took part
}

TEST(Dispatcher, AnExpiredLeaseIsTakenOverByAnotherDispatcher) {
  World w;
  w.accept_company("lease");
  const std::string scjg = "SCJG";
  auto claim = [&](const std::string& owner) {
    return w.pool.transact([&](ow::store::Tx& tx) { return store::dispatch::claim(tx, owner, 1, scjg, 10); });
  };
  ASSERT_EQ(claim("crashed").size(), 1u);  // claimed, never finished
  EXPECT_EQ(claim("other").size(), 0u);    // leased
  std::this_thread::sleep_for(1200ms);
  auto taken = claim("other");
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(taken[0].attempts, 2);  // the crashed attempt counts
}

// Issue 22 (item 6): a department that refuses (4xx) is answering; refusals never open its breaker, so the next
// good push goes at once instead of after the cool-down.
TEST(Dispatcher, RefusalsNeverOpenTheBreaker) {
  World w;
  const int sim_port = ow::testing::free_port();
  ow::testing::SimulatorProcess sim(sim_port, {"--platform", "http://127.0.0.1:9", "--departments", "SCJG"},
                                    {{"OW_DEPT_SECRET_SCJG", "s3cret"}, {"OW_DEPT_APIKEY_SCJG", "unused"}});
  ASSERT_EQ(
      ow::testing::http_request(sim_port, "POST", "/_control", R"({"refuse_seconds": 30, "departments": ["SCJG"]})")
          .status,
      200);
  for (int i = 0; i < 4; ++i) w.accept_company("refused-" + std::to_string(i));
  auto e = endpoint(sim_port);
  e.breaker_failures = 2;  // two failures would open it
  e.breaker_cooldown = 60s;
  platform::Metrics metrics;
  dispatcher::DispatcherOptions o;
  o.workers = 1;
  o.fallback_poll_seconds = 1;
  dispatcher::Dispatcher d(w.pool, w.url, w.catalog, w.time, w.clock, {{"SCJG", e}}, metrics, o);
  d.start();
  for (int i = 0; i < 100 && w.pending() > 0; ++i) std::this_thread::sleep_for(50ms);
  EXPECT_EQ(w.pending(), 0) << "four refusals, each settled as DispatchFailed";
  EXPECT_NE(metrics.render().find("ow_dispatch_breaker_state{department=\"SCJG\"} 0"), std::string::npos)
      << metrics.render();
  // The department accepts again: the next case is pushed now, not after a 60 s cool-down.
  ASSERT_EQ(
      ow::testing::http_request(sim_port, "POST", "/_control", R"({"refuse_seconds": 0, "departments": ["SCJG"]})")
          .status,
      200);
  w.accept_company("accepted");
  for (int i = 0; i < 100 && w.pending() > 0; ++i) std::this_thread::sleep_for(50ms);
  d.stop();
  EXPECT_EQ(w.pending(), 0);
  pqxx::connection db(w.url);
  pqxx::read_transaction tx(db);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM tasks WHERE step = 'register' AND state = 'Dispatched'")[0].as<int>(), 1);
}

// Issue 22 (item 7): leases are short and renewed while the push is in flight — a slow push keeps its row, and a
// crashed dispatcher's row would be free after one short lease (AnExpiredLeaseIsTakenOverByAnotherDispatcher).
TEST(Dispatcher, ALeaseIsRenewedWhileItsPushIsInFlight) {
  World w;
  const int sim_port = ow::testing::free_port();
  ow::testing::SimulatorProcess sim(sim_port,
                                    {"--platform", "http://127.0.0.1:9", "--departments", "SCJG", "--slow-ms", "2500"},
                                    {{"OW_DEPT_SECRET_SCJG", "s3cret"}, {"OW_DEPT_APIKEY_SCJG", "unused"}});
  w.accept_company("slow");
  auto e = endpoint(sim_port);
  e.response_timeout = 5000ms;
  platform::Metrics metrics;
  dispatcher::DispatcherOptions o;
  o.owner = "renewing";
  o.lease_seconds = 1;
  o.fallback_poll_seconds = 1;
  dispatcher::Dispatcher d(w.pool, w.url, w.catalog, w.time, w.clock, {{"SCJG", e}}, metrics, o);
  d.start();
  const std::string scjg = "SCJG";
  auto other_claims = [&] {
    return w.pool.transact([&](ow::store::Tx& tx) { return store::dispatch::claim(tx, "other", 1, scjg, 10); }).size();
  };
  std::this_thread::sleep_for(1500ms);  // past the first lease: in flight, renewed
  EXPECT_EQ(other_claims(), 0u);
  std::this_thread::sleep_for(700ms);
  EXPECT_EQ(other_claims(), 0u);
  for (int i = 0; i < 100 && w.pending() > 0; ++i) std::this_thread::sleep_for(50ms);
  d.stop();
  EXPECT_EQ(w.pending(), 0);
  const auto stats = json::parse(ow::testing::http_request(sim_port, "GET", "/_stats").body);
  EXPECT_EQ(stats.at("SCJG").at("received").as_int64(), 1);
  EXPECT_EQ(stats.at("SCJG").at("duplicates").as_int64(), 0);
}

// Issue 22 (item 1): a slow department keeps its share of the workers and no more. 企业开办's registration goes
// to SCJG, whose system answers in 2 s; 获得用电's first step goes to GD, answering at once. With 4 workers and
// 8 SCJG pushes queued first, the GD push must not wait until SCJG's queue has drained.
TEST(Dispatcher, ASlowDepartmentKeepsItsShareAndAHealthyOneIsServedMeanwhile) {
  World w;
  const int slow_port = ow::testing::free_port(), fast_port = ow::testing::free_port();
  ow::testing::SimulatorProcess slow(slow_port,
                                     {"--platform", "http://127.0.0.1:9", "--departments", "SCJG", "--slow-ms", "2000"},
                                     {{"OW_DEPT_SECRET_SCJG", "s3cret"}, {"OW_DEPT_APIKEY_SCJG", "unused"}});
  ow::testing::SimulatorProcess fast(fast_port, {"--platform", "http://127.0.0.1:9", "--departments", "GD"},
                                     {{"OW_DEPT_SECRET_GD", "s3cret"}, {"OW_DEPT_APIKEY_GD", "unused"}});
  for (int i = 0; i < 8; ++i) w.accept_company("slow-" + std::to_string(i));
  auto scjg = endpoint(slow_port);
  scjg.concurrency = 4;
  auto gd = endpoint(fast_port);
  gd.code = "GD";
  gd.url = "http://127.0.0.1:" + std::to_string(fast_port) + "/GD";
  gd.concurrency = 4;
  platform::Metrics metrics;
  dispatcher::DispatcherOptions o;
  o.workers = 4;  // no more than one department's concurrency
  o.fallback_poll_seconds = 1;
  dispatcher::Dispatcher d(w.pool, w.url, w.catalog, w.time, w.clock, {{"SCJG", scjg}, {"GD", gd}}, metrics, o);
  d.start();
  std::this_thread::sleep_for(300ms);  // SCJG's pushes are in flight, the rest of its queue waits
  const json::object hdyd = ow::testing::power_application();
  ASSERT_EQ(w.intake.create(w.clerk, "healthy", json::serialize(hdyd), acceptance::parse_intake_request(hdyd)).status,
            201u);
  pqxx::connection db(w.url);
  int scjg_waiting_when_gd_went = -1;
  for (int i = 0; i < 200 && scjg_waiting_when_gd_went < 0; ++i) {
    pqxx::read_transaction tx(db);
    const auto r = tx.exec1(
        "SELECT (SELECT count(*) FROM tasks WHERE step = 'accept' AND state = 'Dispatched'),"
        " (SELECT count(*) FROM outbox WHERE department_code = 'SCJG' AND done_at IS NULL)");
    if (r[0].as<int>() == 1)
      scjg_waiting_when_gd_went = r[1].as<int>();
    else
      std::this_thread::sleep_for(25ms);
  }
  EXPECT_GE(scjg_waiting_when_gd_went, 4) << "GD went only after SCJG's queue drained";
  for (int i = 0; i < 300 && w.pending() > 0; ++i) std::this_thread::sleep_for(50ms);
  d.stop();
  EXPECT_EQ(w.pending(), 0);
  const auto stats = json::parse(ow::testing::http_request(slow_port, "GET", "/_stats").body);
  EXPECT_EQ(stats.at("SCJG").at("received").as_int64(), 8);
  EXPECT_EQ(stats.at("SCJG").at("duplicates").as_int64(), 0);
}

// Issue 22 (item 6): the first successful probe after an outage makes the department's backed-off pushes due at
// once — they go within seconds, not after their 10–20 s back-off.
TEST(Dispatcher, TheFirstSuccessfulProbeAfterAnOutageSendsTheWaitingPushesAtOnce) {
  World w;
  const int sim_port = ow::testing::free_port();
  ow::testing::SimulatorProcess sim(sim_port, {"--platform", "http://127.0.0.1:9", "--departments", "SCJG"},
                                    {{"OW_DEPT_SECRET_SCJG", "s3cret"}, {"OW_DEPT_APIKEY_SCJG", "unused"}});
  const auto down_from = std::chrono::steady_clock::now();
  ASSERT_EQ(ow::testing::http_request(sim_port, "POST", "/_control", R"({"down_seconds": 3, "departments": ["SCJG"]})")
                .status,
            200);
  for (int i = 0; i < 4; ++i) w.accept_company("waiting-" + std::to_string(i));
  auto e = endpoint(sim_port);
  e.connect_timeout = 300ms;
  e.response_timeout = 300ms;
  e.backoff_base = 20s;  // a failed push waits 10–20 s before its next attempt
  e.backoff_cap = 60s;
  e.breaker_failures = 2;
  e.breaker_cooldown = 1s;
  platform::Metrics metrics;
  dispatcher::DispatcherOptions o;
  o.workers = 2;
  o.fallback_poll_seconds = 1;
  dispatcher::Dispatcher d(w.pool, w.url, w.catalog, w.time, w.clock, {{"SCJG", e}}, metrics, o);
  d.start();
  // The four fail and back off; the breaker opens; the department returns.
  std::this_thread::sleep_until(down_from + 3500ms);
  EXPECT_EQ(w.pending(), 4);
  const auto back = std::chrono::steady_clock::now();
  w.accept_company("probe");  // its push is the probe
  for (int i = 0; i < 100 && w.pending() > 0; ++i) std::this_thread::sleep_for(50ms);
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - back);
  d.stop();
  EXPECT_EQ(w.pending(), 0) << "the waiting pushes still sat out their back-off";
  EXPECT_LT(took.count(), 5000);
  const auto stats = json::parse(ow::testing::http_request(sim_port, "GET", "/_stats").body);
  EXPECT_EQ(stats.at("SCJG").at("received").as_int64(), 5);
  EXPECT_EQ(stats.at("SCJG").at("duplicates").as_int64(), 0);
}

// Issue 22 (item 1), the case as it was found: 公安 and 税务 answer in 2 s (under the timeout) while 银行 answers
// at once. With 8 workers — two slow departments' worth of concurrency — the healthy department's pushes go at
// their normal pace instead of waiting for the slow queues to drain.
TEST(Dispatcher, TwoSlowDepartmentsDoNotHoldUpAHealthyOne) {
  World w;
  const int sim_port = ow::testing::free_port();
  ow::testing::SimulatorProcess sim(
      sim_port, {"--platform", "http://127.0.0.1:9", "--departments", "SCJG,GA,SW,YH", "--manual", "SCJG,GA,SW,YH"},
      {{"OW_DEPT_SECRET_SCJG", "s3cret"},
       {"OW_DEPT_APIKEY_SCJG", "unused"},
       {"OW_DEPT_SECRET_GA", "s3cret"},
       {"OW_DEPT_APIKEY_GA", "unused"},
       {"OW_DEPT_SECRET_SW", "s3cret"},
       {"OW_DEPT_APIKEY_SW", "unused"},
       {"OW_DEPT_SECRET_YH", "s3cret"},
       {"OW_DEPT_APIKEY_YH", "unused"}});
  std::map<std::string, adapters::DepartmentEndpoint> endpoints;
  for (const char* code : {"SCJG", "GA", "SW", "YH"}) {
    auto e = endpoint(sim_port);
    e.code = code;
    e.url = "http://127.0.0.1:" + std::to_string(sim_port) + "/" + code;
    e.concurrency = 4;
    endpoints[code] = e;
  }
  std::vector<std::string> numbers;
  for (int i = 0; i < 8; ++i) {
    const json::object body = ow::testing::company_application(true, true);  // 税务 and 银行 steps included
    auto a = w.intake.create(w.clerk, "two-slow-" + std::to_string(i), json::serialize(body),
                             acceptance::parse_intake_request(body));
    ASSERT_EQ(a.status, 201u) << a.body;
    numbers.emplace_back(json::parse(a.body).at("number").as_string());
  }
  platform::Metrics metrics;
  dispatcher::DispatcherOptions o;
  o.workers = 8;
  o.fallback_poll_seconds = 1;
  dispatcher::Dispatcher d(w.pool, w.url, w.catalog, w.time, w.clock, endpoints, metrics, o);
  d.start();
  for (int i = 0; i < 100 && w.pending() > 0; ++i) std::this_thread::sleep_for(50ms);
  ASSERT_EQ(w.pending(), 0) << "the eight registrations were not pushed";
  ASSERT_EQ(ow::testing::http_request(sim_port, "POST", "/_control",
                                      R"({"slow_seconds": 60, "slow_ms": 2000, "departments": ["GA", "SW"]})")
                .status,
            200);
  // 市场监管 registers every company: the seal (公安), tax (税务), social insurance (人社, inbox) and bank (银行)
  // steps become ready at once — 24 pushes, 16 of them to the two slow departments.
  dispatcher::DepartmentEvents events(w.pool, w.catalog, w.time, w.clock, endpoints);
  platform::Actor scjg;
  scjg.role = platform::Role::department_system;
  scjg.login = "SCJG";
  auto send = [&](const json::object& event) {
    const std::string body = json::serialize(event);
    const std::string ts = std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    return events.receive(scjg, {"SCJG", ts, adapters::sign("s3cret", ts, body), body}).status;
  };
  for (const auto& n : numbers) {
    ASSERT_EQ(send({{"id", n + "-r"}, {"type", "received"}, {"case_number", n}, {"step", "register"}}), 200);
    ASSERT_EQ(send({{"id", n + "-a"},
                    {"type", "approved"},
                    {"case_number", n},
                    {"step", "register"},
                    {"produced", json::object{{"business_licence", "SCJG-" + n}}}}),
              200);
  }
  const auto approved = std::chrono::steady_clock::now();
  pqxx::connection db(w.url);
  auto count = [&](const std::string& sql) {
    pqxx::read_transaction tx(db);
    return tx.exec1(sql)[0].as<int>();
  };
  int slow_waiting = -1;
  for (int i = 0; i < 200; ++i) {
    if (count("SELECT count(*) FROM tasks WHERE step = 'bank_account' AND state = 'Dispatched'") == 8) {
      slow_waiting = count("SELECT count(*) FROM outbox WHERE department_code IN ('GA', 'SW') AND done_at IS NULL");
      break;
    }
    std::this_thread::sleep_for(20ms);
  }
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - approved);
  std::cout << "银行's 8 pushes done " << took.count() << " ms after registration, with " << slow_waiting
            << " pushes to the slow departments still waiting\n";
  EXPECT_GE(slow_waiting, 8) << "银行 went only after the slow departments' queues drained";
  EXPECT_LT(took.count(), 2000) << "银行 waited behind a 2 s push";
  for (int i = 0; i < 300 && w.pending() > 0; ++i) std::this_thread::sleep_for(50ms);
  d.stop();
  EXPECT_EQ(w.pending(), 0);
  const auto stats = json::parse(ow::testing::http_request(sim_port, "GET", "/_stats").body);
  for (const char* code : {"GA", "SW", "YH"}) {
    EXPECT_EQ(stats.at(code).at("received").as_int64(), 8) << code;
    EXPECT_EQ(stats.at(code).at("duplicates").as_int64(), 0) << code;
  }
}
