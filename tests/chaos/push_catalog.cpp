// The push catalog and departments file of the chaos and cluster tests.
#include "tests/chaos/push_catalog.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "tests/chaos/fault_schedule.hpp"
#include "tests/support/test_env.hpp"

namespace ow::chaos {

namespace fs = std::filesystem;

void write_push_catalog(const std::string& files_dir, int sim_port) {
  // The demo catalog with 人社 on push transport, so all five 企业开办 steps are pushed to the simulator.
  fs::remove_all(files_dir);
  fs::create_directories(files_dir + "/catalog");
  for (const auto& e : fs::directory_iterator(ow::testing::source_dir() + "/config/catalog"))
    fs::copy(e.path(), files_dir + "/catalog/" + e.path().filename().string());
  std::stringstream text;
  text << std::ifstream(files_dir + "/catalog/departments.yaml").rdbuf();
  std::string s = text.str();
  const std::string from = "region: \"330106\", transport: inbox}";
  const auto rs = s.find(from, s.find("code: RS"));
  if (rs == std::string::npos) throw std::runtime_error("the demo catalog's RS line has changed");
  s.replace(rs, from.size(), "region: \"330106\", transport: push}");
  std::ofstream(files_dir + "/catalog/departments.yaml") << s;
  // Every push department at the simulator: quick retries, a 5 s answer timeout (slow windows stay below it).
  std::ofstream deps(files_dir + "/departments.yaml");
  deps << "departments:\n";
  for (const auto& code : kPushDepartments)
    deps << "  - {code: " << code << ", url: \"http://127.0.0.1:" << sim_port << "/" << code
         << "\", secret_env: OW_DEPT_SECRET_" << code
         << ", connect_timeout_ms: 500, response_timeout_ms: 5000, concurrency: 4, max_attempts: 60, "
            "backoff_base_ms: 100, backoff_cap_ms: 1000, breaker_failures: 3, breaker_cooldown_ms: 500}\n";
}

}  // namespace ow::chaos
