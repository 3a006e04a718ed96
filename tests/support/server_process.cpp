// Child-process management for e2e tests.
#include "tests/support/server_process.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <thread>

#include "tests/support/http_client.hpp"
#include "tests/support/response_record.hpp"
#include "tests/support/test_env.hpp"

namespace ow::testing {

ServerProcess::ServerProcess(const std::string& database, std::map<std::string, std::string> env)
    : env_(std::move(env)) {
  // ctest runs each test in its own process, possibly in parallel: one database per process.
  const std::string unique = database + "_" + std::to_string(::getpid());
  // The server connects as the platform's own role; migrations run as the owner; db_url() is the superuser's,
  // for the test's own set-up and checks. A test that brings its own database gives one URL for all three.
  std::string migrate_url;
  if (env_.contains("OW_DB_URL")) {
    db_url_ = migrate_url = env_["OW_DB_URL"];
  } else {
    db_url_ = fresh_database(unique);
    migrate_url = url_of_database(test_servers().owner_url, unique);
    env_["OW_DB_URL"] = url_of_database(test_servers().app_url, unique);
  }
  // A port given (a test that must name the platform's URL to another process first), else a free one.
  port_ = env_.contains("OW_HTTP_PORT") ? std::stoi(env_["OW_HTTP_PORT"]) : free_port();
  env_["OW_HTTP_PORT"] = std::to_string(port_);
  record_responses_of_port(port_);
  if (!env_.contains("OW_REDIS_HOST")) env_["OW_REDIS_HOST"] = test_servers().redis_host;
  if (!env_.contains("OW_REDIS_PORT")) env_["OW_REDIS_PORT"] = std::to_string(test_servers().redis_port);
  if (!env_.contains("OW_REDIS_PASSWORD_FILE") && !env_.contains("OW_REDIS_PASSWORD"))
    env_["OW_REDIS_PASSWORD_FILE"] = test_servers().redis_password_file;
  env_["OW_CONFIG"] = source_dir() + "/config/onewindow.yaml";
  if (!env_.contains("OW_KEYS_PERSONAL_DATA_FILE")) env_["OW_KEYS_PERSONAL_DATA_FILE"] = test_key_file();
  if (!env_.contains("OW_ARCHIVE_DIR"))  // archive packages beside the test's logs, never in the source tree
    env_["OW_ARCHIVE_DIR"] = std::string(OW_TEST_BIN_DIR) + "/../" + unique + ".archive";
  // CI runs the tests as root; the server refuses root unless told this is a sandbox (ops/run drops to the
  // `onewindow` user instead, tests/e2e/run_as_service_user_test checks that).
  if (!env_.contains("OW_SECURITY_REFUSE_ROOT")) env_["OW_SECURITY_REFUSE_ROOT"] = "false";
  // The test Redis is shared by every test process: each server counts login failures under its own keys.
  if (!env_.contains("OW_AUTH_LOGIN_THROTTLE_PREFIX"))
    env_["OW_AUTH_LOGIN_THROTTLE_PREFIX"] = "test:" + unique + ":login:";
  std::string out;
  if (run_command(env_prefix() + "OW_DB_URL='" + migrate_url + "' " + binary("onewindow") + " migrate 2>&1", &out) != 0)
    throw std::runtime_error("migrate failed: " + out);
  log_ = std::string(OW_TEST_BIN_DIR) + "/../" + unique + ".server.log";
  pid_ = ::fork();
  if (pid_ == 0) {
    // Die with the test process: a crashed test must not leave a server holding ctest's output pipe open.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    for (const auto& [k, v] : env_) ::setenv(k.c_str(), v.c_str(), 1);
    FILE* f = std::freopen(log_.c_str(), "w", stderr);
    (void)f;
    const std::string bin = binary("onewindow");
    ::execl(bin.c_str(), bin.c_str(), "serve", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  for (int i = 0; i < 300; ++i) {
    if (http_request(port_, "GET", "/healthz", {}, {}, 500).status == 200) return;
    int status;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("onewindow serve exited at start-up; see " + log_);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("onewindow serve did not answer /healthz; see " + log_);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status;
    ::waitpid(pid_, &status, 0);
  }
}

std::string ServerProcess::env_prefix() const {
  std::string out;
  for (const auto& [k, v] : env_) out += k + "='" + v + "' ";
  return out;
}

int ServerProcess::cli(const std::string& arguments, std::string* output, const std::string& stdin_text) const {
  std::string command = env_prefix() + binary("onewindow") + " " + arguments + " 2>&1";
  if (!stdin_text.empty()) command = "printf '%s\\n' '" + stdin_text + "' | " + command;
  return run_command(command, output);
}

std::string ServerProcess::login(const std::string& login, const std::string& password) const {
  boost::json::object body{{"login", login}, {"password", password}};
  auto r = http_request(port_, "POST", "/api/v1/sessions", boost::json::serialize(body));
  EXPECT_EQ(r.status, 201) << r.body;
  if (r.status != 201) return {};
  return std::string(boost::json::parse(r.body).at("token").as_string());
}

std::string ServerProcess::catalog_and_clerk() const {
  std::string out;
  EXPECT_EQ(cli("catalog load", &out), 0) << out;
  EXPECT_EQ(cli("user add clerk1 --role clerk --region 330106 --hall XH01 --window W01 --name 测试 --password-stdin",
                &out, "password-123"),
            0)
      << out;
  return login("clerk1", "password-123");
}

int ServerProcess::terminate(int timeout_ms) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  for (int waited = 0; waited < timeout_ms; waited += 20) {
    int status;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

}  // namespace ow::testing
