// What the dispatcher's batching must not change (issue 23, goal 1): answers of several cases written
// together keep each case's audit chain, count every change in the case's version and are seen by reads
// later in the same transaction; pushes claimed ahead of a free slot are given back when the dispatcher stops.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <thread>

#include "services/acceptance/intake_request.hpp"
#include "services/casework/case_runner.hpp"
#include "services/casework/pg_case_repository.hpp"
#include "services/dispatcher/dispatcher.hpp"
#include "services/store/audit_chain_store.hpp"
#include "services/store/dispatch_store.hpp"
#include "services/store/pg_types.hpp"
#include "tests/support/case_world.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/simulator_process.hpp"
#include "tests/support/test_env.hpp"

using namespace ow;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

struct World : ow::testing::CaseWorld {
  World() : CaseWorld("it_batching", calendar::parse_instant("2026-06-01T10:00:00+08:00")) {}
  std::string accept_company(const std::string& key) {  // a 企业开办 case; its number
    const json::object body = ow::testing::company_application(false, false);
    auto a = intake.create(clerk, key, json::serialize(body), acceptance::parse_intake_request(body));
    EXPECT_EQ(a.status, 201u) << a.body;
    return std::string(json::parse(a.body).at("number").as_string());
  }
  std::int64_t id_of(const std::string& number) {
    return pool.transact([&](store::Tx& tx) { return *store::audit_chain::case_id_of(tx, number); });
  }
};

int one_int(const std::string& url, const std::string& sql) {
  pqxx::connection db(url);
  pqxx::read_transaction tx(db);
  return tx.exec1(sql)[0].as<int>();
}

}  // namespace

TEST(DispatchBatching, AnswersOfSeveralCasesWrittenTogetherKeepEachChainAndVersion) {
  World w;
  std::vector<std::int64_t> ids;
  for (const char* key : {"b1", "b2", "b3"}) ids.push_back(w.id_of(w.accept_company(key)));
  const calendar::ClockMath math(w.time);
  casework::PgCaseRepository repository(w.pool, math);
  const casework::CaseRunner runner(
      repository, [&](int v) { return w.catalog.version(v); }, w.catalog.minutes_per_day(), math);
  auto version = [&](std::int64_t id) {
    return one_int(w.url, "SELECT version FROM cases WHERE id = " + std::to_string(id));
  };
  std::map<std::int64_t, int> before, applied;
  for (const auto id : ids) before[id] = version(id);

  repository.transact([&](casework::CaseTransaction& tx) {
    tx.gather_writes();
    auto files = tx.lock_all({ids[2], ids[0], ids[1], ids[0]});  // any order, a case named twice: each once
    ASSERT_EQ(files.size(), 3u);
    for (auto& [id, file] : files) {
      std::vector<std::string> dispatching;
      for (const auto& t : file.record.tasks)
        if (t.state == machines::TaskState::Dispatching) dispatching.push_back(t.step);
      ASSERT_FALSE(dispatching.empty());
      // Every push of the case answered in this one transaction: several decisions on one case.
      for (const auto& step : dispatching) {
        runner.apply(tx, file, flow::TaskTransition{step, machines::TaskEvent::dispatched, ""}, "dispatcher",
                     w.now.load());
        ++applied[id];
      }
    }
    // A read later in the transaction sees what was gathered so far.
    bool seen = false;
    for (const auto& a : tx.audit(ids[0])) seen = seen || a.event == "dispatched";
    EXPECT_TRUE(seen);
    // And a write gathered after that read goes out too: the last case once more (nothing else waits).
    auto again = tx.lock_all({ids[2]});
    EXPECT_EQ(again.at(ids[2]).record.task("register")->state, machines::TaskState::Dispatched);
  });

  for (const auto id : ids) {
    EXPECT_GE(applied[id], 1);
    EXPECT_EQ(version(id), before[id] + applied[id]) << "case " << id;  // each decision counted
    EXPECT_EQ(
        one_int(w.url, "SELECT count(*) FROM tasks WHERE state = 'Dispatching' AND case_id = " + std::to_string(id)),
        0);
    EXPECT_EQ(one_int(w.url,
                      "SELECT count(*) FROM case_audit WHERE event = 'dispatched' AND case_id = " + std::to_string(id)),
              applied[id]);
    const auto broken = w.pool.transact([&](store::Tx& tx) { return store::audit_chain::verify_case(tx, id); });
    EXPECT_FALSE(broken.has_value()) << "case " << id;
  }
}

TEST(DispatchBatching, PushesClaimedAheadAreGivenBackWhenTheDispatcherStops) {
  World w;
  const int sim_port = ow::testing::free_port();
  // Each push takes 600 ms: with one slot, the dispatcher holds one push in flight and one claimed ahead.
  ow::testing::SimulatorProcess sim(
      sim_port, {"--platform", "http://127.0.0.1:9", "--departments", "SCJG", "--manual", "SCJG", "--slow-ms", "600"},
      {{"OW_DEPT_SECRET_SCJG", "s3cret"}, {"OW_DEPT_APIKEY_SCJG", "unused"}});
  for (const char* key : {"p1", "p2", "p3", "p4"}) w.accept_company(key);
  adapters::DepartmentEndpoint e;
  e.code = "SCJG";
  e.url = "http://127.0.0.1:" + std::to_string(sim_port) + "/SCJG";
  e.secret = "s3cret";
  e.concurrency = 1;
  platform::Metrics metrics;
  dispatcher::DispatcherOptions o;
  o.owner = "A";
  o.workers = 4;
  o.fallback_poll_seconds = 1;
  dispatcher::Dispatcher d(w.pool, w.url, w.catalog, w.time, w.clock, {{"SCJG", e}}, metrics, o);
  d.start();
  for (int i = 0; i < 100 && one_int(w.url, "SELECT count(*) FROM outbox WHERE leased_by = 'A'") < 2; ++i)
    std::this_thread::sleep_for(20ms);
  EXPECT_EQ(one_int(w.url, "SELECT count(*) FROM outbox WHERE leased_by = 'A' AND done_at IS NULL"), 2);
  d.stop();  // the push in flight is answered and recorded; the one claimed ahead is given back untried

  EXPECT_EQ(one_int(w.url, "SELECT count(*) FROM outbox WHERE done_at IS NOT NULL"), 1);
  EXPECT_EQ(one_int(w.url,
                    "SELECT count(*) FROM outbox WHERE done_at IS NULL AND (leased_by IS NOT NULL OR "
                    "lease_until IS NOT NULL OR attempts <> 0)"),
            0);  // free for any dispatcher at once, its attempt not counted
  const auto stats = json::parse(ow::testing::http_request(sim_port, "GET", "/_stats").body);
  EXPECT_EQ(stats.at("SCJG").at("received").as_int64(), 1);
}
