// Setting up the chaos test's world, and the fault actions on it.
#include "tests/chaos/chaos_world.hpp"

#include <signal.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "tests/chaos/fault_schedule.hpp"
#include "tests/chaos/push_catalog.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/test_env.hpp"

namespace ow::chaos {

namespace fs = std::filesystem;
namespace json = boost::json;
using ow::testing::run_command;
using ow::testing::source_dir;

namespace {

std::string trimmed(std::string s) {
  s.erase(s.find_last_not_of("\n\r ") + 1);
  return s;
}

std::string pg_url(const std::string& dir, const std::string& role) {
  std::string url;
  if (run_command(source_dir() + "/ops/pg url " + dir + " --role " + role + " --db onewindow", &url) != 0)
    throw std::runtime_error("ops/pg url failed for role " + role);
  return trimmed(url);
}

std::string secret_of(const std::string& code) { return "chaos-secret-of-" + code; }

const std::string kPassword = "password-123";

}  // namespace

ChaosWorld::ChaosWorld(const std::string& dir, std::uint64_t seed, int dispatchers)
    : dir_(dir), pg_dir_(dir + "/pg"), redis_dir_(dir + "/redis") {
  fs::create_directories(dir_ + "/logs");
  for (const auto& e : fs::directory_iterator(dir_ + "/logs")) fs::remove(e.path());

  // PostgreSQL of our own, with a fresh `onewindow` database owned by the owner role.
  pg_port_ = trimmed(ow::testing::start_private_postgres(pg_dir_));
  {
    pqxx::connection c(ow::testing::private_postgres_url(pg_dir_, "postgres"));
    pqxx::nontransaction n(c);
    n.exec("DROP DATABASE IF EXISTS onewindow WITH (FORCE)");
    n.exec("CREATE DATABASE onewindow OWNER ow_owner");
  }
  admin_url_ = ow::testing::private_postgres_url(pg_dir_, "onewindow");
  owner_url_ = pg_url(pg_dir_, "owner");
  app_url_ = pg_url(pg_dir_, "app");

  // Redis of our own.
  std::string port;
  run_command(source_dir() + "/ops/redis stop " + redis_dir_);
  if (run_command(source_dir() + "/ops/redis start " + redis_dir_, &port) != 0)
    throw std::runtime_error("ops/redis could not start Redis in " + redis_dir_);
  redis_port_ = std::stoi(port);

  api_port_ = ow::testing::free_port();
  sim_port_ = ow::testing::free_port();
  while (sim_port_ == api_port_) sim_port_ = ow::testing::free_port();
  write_push_catalog(dir_ + "/files", sim_port_);
  env_["OW_CONFIG"] = source_dir() + "/config/onewindow.yaml";
  env_["OW_DB_URL"] = app_url_;
  env_["OW_DB_CONNECT_TIMEOUT_SECONDS"] = "1";
  env_["OW_REDIS_HOST"] = "127.0.0.1";
  env_["OW_REDIS_PORT"] = std::to_string(redis_port_);
  env_["OW_REDIS_PASSWORD_FILE"] = redis_dir_ + "/password";
  env_["OW_KEYS_PERSONAL_DATA_FILE"] = ow::testing::test_key_file();
  env_["OW_SECURITY_REFUSE_ROOT"] = "false";
  env_["OW_CATALOG_DIR"] = dir_ + "/files/catalog";
  env_["OW_DEPARTMENTS_FILE"] = dir_ + "/files/departments.yaml";
  env_["OW_CALENDAR_WEEKDAY_FALLBACK"] = "true";
  env_["OW_DISPATCHER_POLL_SECONDS"] = "1";
  env_["OW_DISPATCHER_LEASE_SECONDS"] = "3";  // a killed dispatcher's claims are taken over after 3 s
  env_["OW_TIMEKEEPER_INTERVAL_MS"] = "1000";
  for (const auto& code : kPushDepartments) env_["OW_DEPT_SECRET_" + code] = secret_of(code);

  std::string out;
  if (run_command(env_prefix() + "OW_DB_URL='" + owner_url_ + "' " + ow::testing::binary("onewindow") + " migrate 2>&1",
                  &out) != 0)
    throw std::runtime_error("migrate failed: " + out);
  cli("catalog load");
  cli("user add clerk1 --role clerk --region 330106 --hall XH01 --window W01 --name 测试 --password-stdin", kPassword);
  cli("user add sup1 --role supervisor --region 330106 --name 测试 --password-stdin", kPassword);
  std::map<std::string, std::string> sim_env;
  for (const auto& code : kPushDepartments) {
    sim_env["OW_DEPT_SECRET_" + code] = secret_of(code);
    sim_env["OW_DEPT_APIKEY_" + code] = trimmed(cli("apikey add " + code));
  }

  const std::string bin = ow::testing::binary("onewindow");
  auto with_port = [this](int p) {
    auto env = env_;
    env["OW_HTTP_PORT"] = std::to_string(p);
    return env;
  };
  api_ = std::make_unique<ChildProcess>("api", std::vector<std::string>{bin, "serve", "--roles", "api,timekeeper"},
                                        with_port(api_port_), dir_ + "/logs/api.log");
  api_->start();
  if (!api_->wait_healthy(api_port_, std::chrono::seconds(30)))
    throw std::runtime_error("the API process did not start; see " + api_->log_file());
  for (int i = 0; i < dispatchers; ++i) {
    dispatcher_ports_.push_back(ow::testing::free_port());
    dispatchers_.push_back(std::make_unique<ChildProcess>(
        "dispatcher" + std::to_string(i + 1), std::vector<std::string>{bin, "serve", "--roles", "dispatcher"},
        with_port(dispatcher_ports_.back()), dir_ + "/logs/dispatcher" + std::to_string(i + 1) + ".log"));
    dispatchers_.back()->start();
    if (!dispatchers_.back()->wait_healthy(dispatcher_ports_.back(), std::chrono::seconds(30)))
      throw std::runtime_error("a dispatcher did not start; see " + dispatchers_.back()->log_file());
  }
  simulator_ = std::make_unique<ow::testing::SimulatorProcess>(
      sim_port_,
      std::vector<std::string>{"--platform", "http://127.0.0.1:" + std::to_string(api_port_), "--departments",
                               "SCJG,GA,SW,RS,YH", "--delay-ms", "100", "--seed", std::to_string(seed),
                               "--callback-backoff-cap-ms", "1000"},
      sim_env);
  clerk_ = login("clerk1");
  supervisor_ = login("sup1");
}

ChaosWorld::~ChaosWorld() {
  try {
    if (frozen_) thaw_redis();
    simulator_.reset();
    if (api_) api_->terminate(std::chrono::seconds(10));
    for (auto& d : dispatchers_) d->terminate(std::chrono::seconds(10));
    run_command(source_dir() + "/ops/redis stop " + redis_dir_);
    run_command(source_dir() + "/ops/pg stop " + pg_dir_);
  } catch (...) {
  }
}

std::string ChaosWorld::env_prefix() const {
  std::string out;
  for (const auto& [k, v] : env_) out += k + "='" + v + "' ";
  return out;
}

std::string ChaosWorld::cli(const std::string& arguments, const std::string& stdin_text) const {
  std::string command = env_prefix() + ow::testing::binary("onewindow") + " " + arguments;
  if (!stdin_text.empty()) command = "printf '%s\\n' '" + stdin_text + "' | " + command;
  std::string out, err;
  // stdout only (an API key is printed there); stderr to a file so a failure can be shown.
  const std::string err_file = dir_ + "/logs/cli.err";
  if (run_command(command + " 2>" + err_file, &out) != 0) {
    std::stringstream e;
    e << std::ifstream(err_file).rdbuf();
    throw std::runtime_error("onewindow " + arguments + " failed: " + out + e.str());
  }
  return out;
}

std::string ChaosWorld::login(const std::string& user) const {
  const json::object body{{"login", user}, {"password", kPassword}};
  const auto r = ow::testing::http_request(api_port_, "POST", "/api/v1/sessions", json::serialize(body));
  if (r.status != 201) throw std::runtime_error("login of " + user + " answered " + std::to_string(r.status) + r.body);
  return std::string(json::parse(r.body).at("token").as_string());
}

std::vector<std::string> ChaosWorld::platform_logs() const {
  std::vector<std::string> logs{api_->log_file()};
  for (const auto& d : dispatchers_) logs.push_back(d->log_file());
  return logs;
}

void ChaosWorld::kill_api() { api_->kill9(); }

bool ChaosWorld::restart_api() {
  api_->start();
  return api_->wait_healthy(api_port_, std::chrono::seconds(30));
}

void ChaosWorld::kill_dispatcher(int i) { dispatchers_.at(static_cast<std::size_t>(i))->kill9(); }

bool ChaosWorld::restart_dispatcher(int i) {
  auto& d = *dispatchers_.at(static_cast<std::size_t>(i));
  d.start();
  return d.wait_healthy(dispatcher_ports_.at(static_cast<std::size_t>(i)), std::chrono::seconds(30));
}

void ChaosWorld::stop_postgres() { ow::testing::stop_private_postgres(pg_dir_); }

bool ChaosWorld::start_postgres() {
  const std::string port = trimmed(ow::testing::start_private_postgres(pg_dir_));
  if (port != pg_port_)
    throw std::runtime_error("PostgreSQL came back on port " + port + ", not " + pg_port_ +
                             " (its port was taken while it was down): the platform cannot follow");
  return true;
}

void ChaosWorld::stop_redis() { run_command(source_dir() + "/ops/redis stop " + redis_dir_); }

bool ChaosWorld::start_redis() {
  std::string port;
  if (run_command(source_dir() + "/ops/redis start " + redis_dir_, &port) != 0) return false;
  if (std::stoi(port) != redis_port_)
    throw std::runtime_error("Redis came back on port " + trimmed(port) + ", not " + std::to_string(redis_port_));
  return true;
}

pid_t ChaosWorld::redis_pid() const {
  // As root, ops/redis runs the server as `redis` with its pid file in a run directory it names in DIR/rundir.
  std::string run = redis_dir_;
  if (fs::exists(redis_dir_ + "/rundir")) std::getline(std::ifstream(redis_dir_ + "/rundir"), run);
  std::string pid;
  std::getline(std::ifstream(run + "/redis.pid"), pid);
  if (pid.empty()) throw std::runtime_error("no Redis pid file in " + run);
  return static_cast<pid_t>(std::stoi(pid));
}

void ChaosWorld::freeze_redis() {
  if (::kill(redis_pid(), SIGSTOP) != 0) throw std::runtime_error("SIGSTOP to Redis failed");
  frozen_ = true;
}

void ChaosWorld::thaw_redis() {
  ::kill(redis_pid(), SIGCONT);
  frozen_ = false;
}

bool ChaosWorld::control_department(const json::object& control) {
  return ow::testing::http_request(sim_port_, "POST", "/_control", json::serialize(control), {}, 5000).status == 200;
}

json::object ChaosWorld::simulator_stats() const {
  const auto r = ow::testing::http_request(sim_port_, "GET", "/_stats", {}, {}, 5000);
  if (r.status != 200) return {};
  return json::parse(r.body).as_object();
}

}  // namespace ow::chaos
