// The cluster test (issue 21, ctest label `cluster`): `ops/cluster start` — three api instances, two
// dispatchers and two timekeepers behind HAProxy, a PostgreSQL primary with a streaming replica, a Redis
// master with a replica and three Sentinels, the department simulator — then, while a bounded 企业开办 intake
// load runs through the balancer (4 clerk clients retrying their own Idempotency-Key) and a supervisor's alert
// stream follows through the balancer (reconnecting with Last-Event-ID), it kills one api instance and one
// dispatcher with kill -9, promotes the PostgreSQL replica (the primary stopped), fails Redis over (the master
// stopped; the Sentinels promote the replica), and makes one department refuse for a while (so that alerts
// are raised). After dispatch settles it checks:
//   1. every acknowledged intake is stored exactly once, nothing stored that no client was told of;
//   2. every ready task was pushed once, but for what the killed dispatcher had in flight (sent again once its
//      leases ran out, answered "duplicate" by the department's Idempotency-Key check): nothing repeated by
//      the failovers;
//   3. every stored alert was raised once and reached the stream exactly once;
//   4. clients saw only 503 and connection errors, each resolved by their retry.
// About 2 minutes; not in ops/test by default (ops/test --cluster runs it). By itself:
// ctest --test-dir build -L cluster --output-on-failure.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <thread>

#include "services/store/vault.hpp"
#include "tests/chaos/alert_follower.hpp"
#include "tests/chaos/chaos_checks.hpp"
#include "tests/chaos/fault_schedule.hpp"
#include "tests/chaos/intake_load.hpp"
#include "tests/chaos/push_catalog.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/test_env.hpp"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;
using ow::chaos::Clock;
using ow::testing::run_command;
using ow::testing::source_dir;

std::map<std::string, std::string> read_env_file(const std::string& path) {
  std::map<std::string, std::string> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    const auto eq = line.find('=');
    if (eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return out;
}

int port_of(const std::string& url) { return std::stoi(url.substr(url.rfind(':') + 1)); }

// The whole cluster, stopped (and its files kept for a look) at the end.
struct Cluster {
  std::string dir = (fs::current_path() / "cluster-env").string();
  std::map<std::string, std::string> env;
  int lb_port = 0, sim_port = 0;
  std::string admin_url;

  std::string ops(const std::string& words) const {
    std::string out;
    const int rc = run_command(source_dir() + "/ops/cluster " + words + " 2>>" + dir + "/ops.log", &out);
    if (rc != 0) throw std::runtime_error("ops/cluster " + words + " failed; see " + dir + "/ops.log");
    return out;
  }
  void start() {
    run_command(source_dir() + "/ops/cluster stop " + dir + " 2>/dev/null");
    fs::remove_all(dir);
    fs::create_directories(dir);
    sim_port = ow::testing::free_port();
    ow::chaos::write_push_catalog(dir + "/files", sim_port);
    std::string departments;
    for (const auto& code : ow::chaos::kPushDepartments) departments += (departments.empty() ? "" : " ") + code;
    const std::string settings =
        "OW_BIN_DIR='" + fs::path(ow::testing::binary("onewindow")).parent_path().string() +
        "' OW_CLUSTER_SIM_PORT=" + std::to_string(sim_port) + " OW_CLUSTER_PUSH_DEPARTMENTS='" + departments +
        "' OW_CATALOG_DIR='" + dir + "/files/catalog' OW_DEPARTMENTS_FILE='" + dir +
        "/files/departments.yaml' OW_DISPATCHER_POLL_SECONDS=1 " +
        "OW_DISPATCHER_LEASE_SECONDS=3 OW_TIMEKEEPER_INTERVAL_MS=1000 OW_DEPT_SIM_DELAY_MS=100 ";
    std::string out;
    if (run_command(settings + source_dir() + "/ops/cluster start " + dir + " --api 3 2>>" + dir + "/ops.log", &out) !=
        0)
      throw std::runtime_error("ops/cluster start failed; see " + dir + "/ops.log");
    env = read_env_file(dir + "/cluster.env");
    lb_port = port_of(env.at("OW_CLUSTER_URL"));
    admin_url = "postgresql://ow@127.0.0.1:" + env.at("OW_CLUSTER_PG_PRIMARY_PORT") +
                ",127.0.0.1:" + env.at("OW_CLUSTER_PG_REPLICA_PORT") +
                "/onewindow?passfile=" + env.at("OW_CLUSTER_PG_ADMIN_PASSFILE") +
                "&target_session_attrs=read-write&connect_timeout=2";
    store_keys();
  }
  // The checks read sealed rows (the idempotency answers naming each case): the cluster's key file.
  void store_keys() const { ow::store::use_vault_file(dir + "/secrets/personal-data.keys"); }
  ~Cluster() { run_command(source_dir() + "/ops/cluster stop " + dir + " 2>/dev/null"); }

  std::string login(const std::string& user) const {
    std::ifstream in(env.at("OW_CLUSTER_USERS_PASSWORD_FILE"));
    std::string password;
    std::getline(in, password);
    const json::object body{{"login", user}, {"password", password}};
    const auto r = ow::testing::http_request(lb_port, "POST", "/api/v1/sessions", json::serialize(body));
    if (r.status != 201) throw std::runtime_error("login of " + user + " answered " + std::to_string(r.status));
    return std::string(json::parse(r.body).at("token").as_string());
  }
  // The api instance (api1, api2, …) whose /metrics counts an open alert stream; api1 when none does.
  std::string stream_holder() const {
    for (int i = 1; fs::exists(dir + "/pids/api" + std::to_string(i) + ".port"); ++i) {
      std::ifstream in(dir + "/pids/api" + std::to_string(i) + ".port");
      int port = 0;
      in >> port;
      const auto r = ow::testing::http_request(port, "GET", "/metrics", {}, {}, 2000);
      const auto at = r.body.find("\now_alert_streams_open ");
      if (r.status == 200 && at != std::string::npos && std::stod(r.body.substr(at + 23)) > 0)
        return "api" + std::to_string(i);
    }
    return "api1";
  }
  json::object simulator_stats() const {
    const auto r = ow::testing::http_request(sim_port, "GET", "/_stats", {}, {}, 5000);
    return r.status == 200 ? json::parse(r.body).as_object() : json::object{};
  }
};

long callbacks_pending(const json::object& stats) {
  long n = 0;
  for (const auto& [code, d] : stats) n += static_cast<long>(d.as_object().at("callbacks_pending").as_int64());
  return n;
}

void step(const std::string& what) {
  const auto t = std::time(nullptr);
  char at[16];
  std::strftime(at, sizeof at, "%H:%M:%S", std::gmtime(&t));
  std::cout << "  " << at << " " << what << "\n" << std::flush;
}

TEST(Cluster, FailoversUnderLoadLoseAndRepeatNothing) {
  Cluster cluster;
  cluster.start();
  step("cluster up behind http://127.0.0.1:" + std::to_string(cluster.lb_port));
  ow::chaos::AlertFollower alerts(cluster.lb_port, cluster.login("supervisor"));
  alerts.start();
  const std::string body = json::serialize(ow::testing::company_application(true, true));
  ow::chaos::IntakeLoad load(cluster.lb_port, cluster.login("clerk"), body, 4, 200ms);
  load.start();

  std::this_thread::sleep_for(8s);
  // The supervisor's figures are read from the replica (db.reports_url), and say so.
  const std::string supervisor = cluster.login("supervisor");
  const auto stats_source = [&] {
    const auto r = ow::testing::http_request(cluster.lb_port, "GET", "/api/v1/stats", {},
                                             {{"Authorization", "Bearer " + supervisor}}, 5000);
    if (r.status != 200) return "answered " + std::to_string(r.status);
    const auto data = json::parse(r.body).at("data").as_object();
    EXPECT_GE(data.at("staleness_seconds").as_double(), 0.0);
    return std::string(data.at("source").as_string());
  };
  EXPECT_EQ(stats_source(), "replica");
  // Alerts to follow: a department that refuses for a while (its tasks fail with dispatch_failed alerts).
  const json::object refuse{{"refuse_seconds", 6.0}, {"departments", json::array{"GA"}}};
  EXPECT_EQ(ow::testing::http_request(cluster.sim_port, "POST", "/_control", json::serialize(refuse)).status, 200);
  std::this_thread::sleep_for(4s);
  // The api instance the balancer gave the alert stream to (its /metrics counts the streams open on it): killing
  // that one makes the stream reconnect through the balancer to another instance.
  const std::string holder = cluster.stream_holder();
  step("kill -9 " + holder + " (it holds the alert stream) and dispatcher1");
  cluster.ops("kill " + cluster.dir + " " + holder);
  cluster.ops("kill " + cluster.dir + " dispatcher1");
  std::this_thread::sleep_for(8s);
  // The pushes dispatcher1 had sent when it died unanswered or unrecorded went again once their 3-second
  // leases ran out (answered "duplicate" by the department, which deduplicates by Idempotency-Key): no
  // dispatcher can know whether a push it sent just before a kill -9 arrived. From here on none may repeat.
  const auto after_kill = cluster.simulator_stats();
  step("PostgreSQL: primary stopped, replica promoted");
  cluster.ops("pg-failover " + cluster.dir);
  std::this_thread::sleep_for(12s);
  step("Redis: master stopped, Sentinels fail over");
  cluster.ops("redis-failover " + cluster.dir);
  std::this_thread::sleep_for(20s);
  load.stop(60s);
  step("load stopped");
  // The promoted replica is the primary now: the reports read it (prefer-standby finds no standby).
  EXPECT_EQ(stats_source(), "primary");

  ow::chaos::Settling s;
  for (const auto limit = Clock::now() + 120s;;) {
    s = ow::chaos::settling(cluster.admin_url, callbacks_pending(cluster.simulator_stats()));
    if (s.settled() || Clock::now() > limit) break;
    std::this_thread::sleep_for(500ms);
  }
  ASSERT_TRUE(s.settled()) << "dispatch did not settle within 120 s: " << s.text();
  step("settled: " + s.text());

  const auto stored_alerts = ow::chaos::alert_ids(cluster.admin_url);
  for (const auto until = Clock::now() + 20s; Clock::now() < until;) {
    const auto got = alerts.received();
    const std::set<std::int64_t> have(got.begin(), got.end());
    if (std::all_of(stored_alerts.begin(), stored_alerts.end(), [&](auto id) { return have.contains(id); })) break;
    std::this_thread::sleep_for(200ms);
  }
  std::this_thread::sleep_for(1s);
  alerts.stop();

  // 1. Acknowledged intakes stored once.
  const auto intakes = load.intakes();
  const auto cases = ow::chaos::stored_cases(cluster.admin_url);
  std::map<std::string, std::string> number_of_key;
  long unacknowledged = 0;
  for (const auto& i : intakes) {
    if (i.acknowledged)
      number_of_key[i.key] = i.number;
    else
      ++unacknowledged;
  }
  std::set<std::string> numbers;
  for (const auto& c : cases) {
    EXPECT_TRUE(number_of_key.contains(c.key) && number_of_key[c.key] == c.number)
        << c.number << " stored under key '" << c.key << "' that no client was acknowledged";
    numbers.insert(c.number);
  }
  for (const auto& [key, number] : number_of_key)
    EXPECT_TRUE(numbers.contains(number)) << key << " → " << number << " lost";
  EXPECT_EQ(unacknowledged, 0);
  EXPECT_EQ(cases.size(), number_of_key.size());
  EXPECT_GT(cases.size(), 20u) << "the load hardly ran";

  // 2. Every ready task pushed once, but for the re-sending of what the killed dispatcher had in flight: at
  //    most its 4 slots per department, all before the failovers (a PostgreSQL promotion or a Redis switch
  //    repeats nothing: the replication is synchronous, and a new primary's leases are not taken over at once).
  const auto sim = cluster.simulator_stats();
  long resent = 0;
  for (const auto& code : ow::chaos::kPushDepartments) {
    const auto duplicates = [&](const json::object& stats) {
      return stats.contains(code) ? stats.at(code).as_object().at("duplicates").as_int64() : 0;
    };
    EXPECT_EQ(duplicates(sim), duplicates(after_kill)) << code << " saw a push twice after the failovers";
    EXPECT_LE(duplicates(after_kill), 4) << code << ": more pushes repeated than the killed dispatcher had in flight";
    resent += duplicates(sim);
  }

  // 3. Alerts raised once, each received once through the balancer.
  const auto received = alerts.received();
  std::map<std::int64_t, int> times;
  for (auto id : received) ++times[id];
  for (auto id : stored_alerts) EXPECT_EQ(times[id], 1) << "alert " << id << " received " << times[id] << " times";
  EXPECT_FALSE(stored_alerts.empty()) << "no alert was raised (the refusal window made none)";
  EXPECT_EQ(std::set<std::int64_t>(stored_alerts.begin(), stored_alerts.end()).size(), stored_alerts.size());
  EXPECT_GE(alerts.connections(), 2) << "the stream never had to reconnect";

  // 4. Only 503 and connection errors, each resolved by a retry (unacknowledged == 0 above).
  std::map<std::string, long> outcomes;
  for (const auto& a : load.attempts()) {
    const std::string what = a.status == 0 ? a.failure : std::to_string(a.status);
    ++outcomes[what];
    EXPECT_TRUE(a.status == 201 || a.status == 503 || a.status == 0) << "an intake was answered " << a.status;
  }
  std::string summary;
  for (const auto& [what, n] : outcomes) summary += " " + what + "×" + std::to_string(n);
  step("intake attempts:" + summary + "; pushes sent again after the kill " + std::to_string(resent) + "; cases " +
       std::to_string(cases.size()) + ", alerts " + std::to_string(stored_alerts.size()) + ", stream connections " +
       std::to_string(alerts.connections()));
}

}  // namespace
