// The push departments of 出生一件事 for e2e tests: their catalog, settings, keys and the simulator's fetches.
#include "tests/support/push_departments.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/support/test_env.hpp"

namespace ow::testing {

namespace fs = std::filesystem;
namespace json = boost::json;

const std::vector<std::string>& birth_departments() {
  static const std::vector<std::string> codes = {"WJ", "GA", "YB", "RS"};
  return codes;
}

std::map<std::string, std::string> push_departments_env(const fs::path& dir, int sim_port) {
  fs::remove_all(dir);
  fs::create_directories(dir / "catalog");
  for (const auto& e : fs::directory_iterator(source_dir() + "/config/catalog"))
    fs::copy(e.path(), dir / "catalog" / e.path().filename());
  std::stringstream text;
  text << std::ifstream(dir / "catalog" / "departments.yaml").rdbuf();
  std::string catalog = text.str();
  for (const char* code : {"WJ", "YB", "RS"}) {  // 公安 pushes already
    const std::string inbox = "transport: inbox}";
    const auto at = catalog.find(inbox, catalog.find(std::string("code: ") + code + ","));
    catalog.replace(at, inbox.size(), "transport: push}");
  }
  std::ofstream(dir / "catalog" / "departments.yaml") << catalog;
  std::ofstream deps(dir / "departments.yaml");
  deps << "departments:\n";
  for (const auto& code : birth_departments())
    deps << "  - {code: " << code << ", url: \"http://127.0.0.1:" << sim_port << "/" << code
         << "\", secret_env: OW_DEPT_SECRET_" << code
         << ", connect_timeout_ms: 500, response_timeout_ms: 2000, concurrency: 2, max_attempts: 60,"
            " backoff_base_ms: 100, backoff_cap_ms: 300, breaker_failures: 50, breaker_cooldown_ms: 200}\n";
  std::map<std::string, std::string> env{{"OW_CATALOG_DIR", (dir / "catalog").string()},
                                         {"OW_DEPARTMENTS_FILE", (dir / "departments.yaml").string()},
                                         {"OW_CALENDAR_WEEKDAY_FALLBACK", "true"},
                                         {"OW_DISPATCHER_POLL_SECONDS", "1"},
                                         {"OW_TEST_TIME_CONTROL", "true"},
                                         {"OW_FILES_LINK_TTL_SECONDS", "3600"},
                                         {"OW_ARCHIVE_DIR", (dir / "archive").string()},
                                         {"OW_ARCHIVE_INTERVAL_SECONDS", "1"},
                                         {"OW_ARCHIVE_AFTER_SECONDS", "0"}};
  for (const auto& code : birth_departments()) env["OW_DEPT_SECRET_" + code] = "secret-of-" + code;
  return env;
}

std::map<std::string, std::string> department_keys(const ServerProcess& server,
                                                   std::map<std::string, std::string>& keys) {
  std::map<std::string, std::string> sim_env;
  for (const auto& code : birth_departments()) {
    std::string key;
    EXPECT_EQ(server.cli("apikey add " + code, &key), 0) << key;
    key.erase(key.find_last_not_of("\n") + 1);
    keys[code] = key;
    sim_env["OW_DEPT_SECRET_" + code] = "secret-of-" + code;
    sim_env["OW_DEPT_APIKEY_" + code] = key;
  }
  return sim_env;
}

std::vector<json::object> material_fetches(int sim_port, const std::string& number, std::size_t count) {
  std::vector<json::object> out;
  for (int i = 0; i < 50; ++i) {
    out.clear();
    const json::value all = json::parse(http_request(sim_port, "GET", "/_material_fetches").body);
    for (const auto& f : all.as_array())
      if (f.at("case_number").as_string() == number) out.push_back(f.as_object());
    if (out.size() >= count) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return out;
}

HttpResult fetch_link_later(int platform_port, const std::string& url, const std::string& key, int seconds) {
  const auto set_clock = [&](int offset) {
    const std::string body = "{\"offset_seconds\": " + std::to_string(offset) + "}";
    EXPECT_EQ(http_request(platform_port, "POST", "/api/v1/test/clock", body).status, 200);
  };
  set_clock(seconds);
  auto answer = http_request(platform_port, "GET", url, {}, {{"X-Api-Key", key}});
  set_clock(0);
  return answer;
}

std::string case_state(int platform_port, const std::string& token, const std::string& number) {
  auto r = http_request(platform_port, "GET", "/api/v1/cases/" + number, {}, {{"Authorization", "Bearer " + token}});
  return r.status == 200 ? std::string(json::parse(r.body).at("state").as_string()) : "";
}

bool wait_for_case_state(int platform_port, const std::string& token, const std::string& number,
                         const std::string& state, int seconds) {
  for (int i = 0; i < seconds * 10; ++i) {
    if (case_state(platform_port, token, number) == state) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

PushDepartmentsWorld::PushDepartmentsWorld(const std::string& database, const fs::path& work_dir, int sim_port,
                                           const std::map<std::string, std::string>& platform_env,
                                           const std::vector<std::string>& sim_args,
                                           const std::map<std::string, std::string>& sim_env)
    : dir(work_dir) {
  auto env = push_departments_env(dir, sim_port);
  for (const auto& [k, v] : platform_env) env[k] = v;
  server = std::make_unique<ServerProcess>(database, env);
  clerk = server->catalog_and_clerk();
  auto simulator_env = department_keys(*server, keys);
  for (const auto& [k, v] : sim_env) simulator_env[k] = v;
  std::vector<std::string> args{"--platform",    "http://127.0.0.1:" + std::to_string(server->port()),
                                "--departments", "WJ,GA,YB,RS",
                                "--delay-ms",    "100"};
  args.insert(args.end(), sim_args.begin(), sim_args.end());
  sim = std::make_unique<SimulatorProcess>(sim_port, args, simulator_env);
}

PushDepartmentsWorld::~PushDepartmentsWorld() {
  sim.reset();
  EXPECT_EQ(server->terminate(), 0);
  server.reset();
  fs::remove_all(dir);
}

}  // namespace ow::testing
