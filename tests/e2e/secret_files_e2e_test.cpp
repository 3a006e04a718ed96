// Secrets from files (*_FILE, mode 0600) with the real binaries: the CLI reads the database URL from
// OW_DB_URL_FILE; the platform signs its pushes with a department secret from OW_DEPT_SECRET_<CODE>_FILE and
// the simulator verifies them and calls back with secret and API key from its own files, so a 企业开办 case's
// first step is approved with no secret in either environment. A file open to group or others, a missing
// file, or both forms at once stop the program at start with one line that names the variable. As root,
// `onewindow serve` refuses to run unless security.refuse_root is false.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/simulator_process.hpp"
#include "tests/support/test_env.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
using ow::testing::binary;
using ow::testing::http_request;
using ow::testing::run_command;

namespace {

struct SecretDir {
  fs::path dir = fs::current_path() / ("secret-files-" + std::to_string(::getpid()));
  SecretDir() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~SecretDir() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& content, mode_t mode = 0600) const {
    const fs::path p = dir / name;
    std::ofstream(p) << content;
    ::chmod(p.c_str(), mode);
    return p.string();
  }
};

// Runs `command` (a `onewindow` or simulator command line) with `env` and nothing of the test's OW_* settings
// that could mask what is tested; stderr merged into the output.
int run_with(const std::map<std::string, std::string>& env, const std::string& command, std::string* out) {
  std::string line = "env -u OW_DB_URL -u OW_DB_URL_FILE ";
  for (const auto& [k, v] : env) line += k + "='" + v + "' ";
  return run_command(line + "timeout 20 " + command + " 2>&1", out);
}

bool one_line(const std::string& text) { return !text.empty() && text.find('\n') == text.size() - 1; }

}  // namespace

TEST(SecretFilesE2E, TheDatabaseUrlFromAPrivateFileAndOneLineRefusals) {
  SecretDir d;
  const std::string url = ow::testing::fresh_database("e2e_secret_files_" + std::to_string(::getpid()));
  const std::string file = d.write("db_url", url + "\n");
  const std::map<std::string, std::string> base{{"OW_CONFIG", ow::testing::source_dir() + "/config/onewindow.yaml"}};
  auto with = [&](std::map<std::string, std::string> extra) {
    extra.insert(base.begin(), base.end());
    return extra;
  };
  std::string out;
  EXPECT_EQ(run_with(with({{"OW_DB_URL_FILE", file}}), binary("onewindow") + " migrate", &out), 0) << out;
  EXPECT_EQ(run_with(with({{"OW_DB_URL_FILE", file}}), binary("onewindow") + " migrate --status", &out), 0) << out;

  ::chmod(file.c_str(), 0644);
  EXPECT_EQ(run_with(with({{"OW_DB_URL_FILE", file}}), binary("onewindow") + " migrate --status", &out), 2) << out;
  EXPECT_NE(out.find("OW_DB_URL_FILE: " + file + " is open to group or others (mode 0644)"), std::string::npos) << out;
  EXPECT_EQ(out.find(url), std::string::npos) << "the secret must not be shown: " << out;
  EXPECT_TRUE(one_line(out)) << out;

  ::chmod(file.c_str(), 0600);
  EXPECT_EQ(
      run_with(with({{"OW_DB_URL_FILE", file}, {"OW_DB_URL", url}}), binary("onewindow") + " migrate --status", &out),
      2)
      << out;
  EXPECT_NE(out.find("both OW_DB_URL and OW_DB_URL_FILE are set"), std::string::npos) << out;
  EXPECT_EQ(run_with(with({{"OW_DB_URL_FILE", file + ".missing"}}), binary("onewindow") + " migrate --status", &out), 2)
      << out;
  EXPECT_NE(out.find("OW_DB_URL_FILE: " + file + ".missing: cannot read (No such file or directory)"),
            std::string::npos)
      << out;
  EXPECT_TRUE(one_line(out)) << out;
}

TEST(SecretFilesE2E, PlatformAndSimulatorSignAndCallBackWithSecretsFromFiles) {
  SecretDir d;
  const int sim_port = ow::testing::free_port();
  const std::string secret_file = d.write("OW_DEPT_SECRET_SCJG", "file-secret-of-scjg\n");
  const std::map<std::string, std::string> platform_env{
      {"OW_DEPT_SIM_URL", "http://127.0.0.1:" + std::to_string(sim_port)},
      {"OW_DEPT_SECRET_SCJG_FILE", secret_file},
      {"OW_CALENDAR_WEEKDAY_FALLBACK", "true"},
      {"OW_DISPATCHER_POLL_SECONDS", "1"}};
  ow::testing::ServerProcess server("e2e_secret_files", platform_env);
  std::string out;
  ASSERT_EQ(server.cli("catalog load", &out), 0) << out;
  ASSERT_EQ(
      server.cli("user add clerk1 --role clerk --region 330106 --hall XH01 --window W01 --name 测试 --password-stdin",
                 &out, "password-123"),
      0)
      << out;
  std::string key;
  ASSERT_EQ(server.cli("apikey add SCJG", &key), 0) << key;
  const std::string key_file = d.write("OW_DEPT_APIKEY_SCJG", key);  // with the CLI's newline

  {
    // The simulator refuses a key file others can read, and starts with private files.
    const std::string open_key = d.write("open_key", key, 0644);
    const std::string sim = binary("onewindow-dept-sim") + " --platform http://127.0.0.1:9 --departments SCJG --port 0";
    EXPECT_EQ(run_with({{"OW_DEPT_SECRET_SCJG_FILE", secret_file}, {"OW_DEPT_APIKEY_SCJG_FILE", open_key}}, sim, &out),
              2)
        << out;
    EXPECT_NE(out.find("OW_DEPT_APIKEY_SCJG_FILE: " + open_key + " is open to group or others"), std::string::npos)
        << out;
    EXPECT_TRUE(one_line(out)) << out;
  }
  ow::testing::SimulatorProcess sim(
      sim_port,
      {"--platform", "http://127.0.0.1:" + std::to_string(server.port()), "--departments", "SCJG", "--delay-ms", "100",
       "--approve-probability", "1", "--seed", "3"},
      {{"OW_DEPT_SECRET_SCJG_FILE", secret_file}, {"OW_DEPT_APIKEY_SCJG_FILE", key_file}});

  const std::string clerk = server.login("clerk1", "password-123");
  auto accepted = http_request(server.port(), "POST", "/api/v1/cases",
                               json::serialize(ow::testing::company_application(true, true)),
                               {{"Authorization", "Bearer " + clerk}, {"Idempotency-Key", "secret-files-1"}});
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  const std::string number(json::parse(accepted.body).at("number").as_string());
  std::string state;
  for (int i = 0; i < 150 && state != "Approved"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto view = json::parse(
        http_request(server.port(), "GET", "/api/v1/cases/" + number, {}, {{"Authorization", "Bearer " + clerk}}).body);
    for (const auto& t : view.at("tasks").as_array())
      if (t.at("step").as_string() == "register") state = std::string(t.at("state").as_string());
  }
  EXPECT_EQ(state, "Approved")
      << "the push (signed with the platform's file secret) or the callback (key and secret from the "
         "simulator's files) was refused; see "
      << server.log_file();
  auto stats = json::parse(http_request(sim_port, "GET", "/_stats").body);
  EXPECT_EQ(stats.at("SCJG").at("received").as_int64(), 1) << stats;
  EXPECT_EQ(stats.at("SCJG").at("refused").as_int64(), 0) << stats;

  // The platform refuses to start with a secret file open to others — one line naming the variable.
  ::chmod(secret_file.c_str(), 0640);
  std::map<std::string, std::string> env = platform_env;
  env.insert({{"OW_CONFIG", ow::testing::source_dir() + "/config/onewindow.yaml"},
              {"OW_DB_URL_FILE", d.write("db_url", server.db_url())},
              {"OW_HTTP_PORT", std::to_string(ow::testing::free_port())},
              {"OW_SECURITY_REFUSE_ROOT", "false"}});
  EXPECT_EQ(run_with(env, binary("onewindow") + " serve", &out), 1) << out;
  EXPECT_NE(out.find("OW_DEPT_SECRET_SCJG_FILE: " + secret_file + " is open to group or others (mode 0640)"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("file-secret-of-scjg"), std::string::npos) << out;
  EXPECT_TRUE(one_line(out)) << out;
  EXPECT_EQ(server.terminate(), 0);
}

TEST(SecretFilesE2E, ServeRefusesRootUnlessTheSandboxSettingSaysSo) {
  const std::map<std::string, std::string> env{{"OW_CONFIG", ow::testing::source_dir() + "/config/onewindow.yaml"},
                                               {"OW_DB_URL", "postgresql://ow@127.0.0.1:9/nowhere"},
                                               {"OW_HTTP_PORT", std::to_string(ow::testing::free_port())},
                                               {"OW_DB_CONNECT_TIMEOUT_SECONDS", "1"}};
  std::string out;
  const int status = run_command(
      "env -u OW_SECURITY_REFUSE_ROOT " +
          [&] {
            std::string s;
            for (const auto& [k, v] : env) s += k + "='" + v + "' ";
            return s;
          }() +
          "timeout 20 " + binary("onewindow") + " serve 2>&1",
      &out);
  EXPECT_EQ(status, 1) << out;
  if (::geteuid() == 0) {
    // CI runs as root: the refusal comes before anything else is touched.
    EXPECT_NE(out.find("onewindow serve: refusing to run as root"), std::string::npos) << out;
    EXPECT_TRUE(one_line(out)) << out;
  } else {
    // Not root: it goes on and fails only on the unreachable database.
    EXPECT_EQ(out.find("refusing to run as root"), std::string::npos) << out;
    EXPECT_NE(out.find("PostgreSQL"), std::string::npos) << out;
  }
}
