// 出生一件事's four departments (卫健, 公安, 医保, 人社) on push transport against the department simulator, for
// e2e tests of material links and the electronic archive: the demo catalog copied with the inbox departments
// moved to push, a departments file pointing the four at the simulator with quick retries, archive settings
// that archive a concluded case at once; each department's API key issued through the CLI; the simulator's
// record of its material fetches; a link fetched later on the platform's test clock; a case's state polled.
// PushDepartmentsWorld starts and stops the platform and the simulator of a suite with all of that.
#pragma once

#include <boost/json/object.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/simulator_process.hpp"

namespace ow::testing {

// WJ, GA, YB, RS: the four steps of 出生一件事.
const std::vector<std::string>& birth_departments();

// Empties `dir`, writes its catalog/ and departments.yaml and returns the platform's environment: catalog and
// departments files, weekday calendar, 1 s dispatcher poll, the test clock route, links living an hour, archive
// packages under dir/archive written each second for cases concluded 0 s before.
std::map<std::string, std::string> push_departments_env(const std::filesystem::path& dir, int sim_port);

// Issues each department's API key (`onewindow apikey add`) into `keys` and returns the simulator's environment
// (OW_DEPT_SECRET_* and OW_DEPT_APIKEY_* of the four).
std::map<std::string, std::string> department_keys(const ServerProcess& server,
                                                   std::map<std::string, std::string>& keys);

// The simulator's fetches of case `number`'s material links, waiting up to 5 s until at least `count` are there.
std::vector<boost::json::object> material_fetches(int sim_port, const std::string& number, std::size_t count);

// GET `url` with the department's key `seconds` later on the platform's test clock (set back to now after).
HttpResult fetch_link_later(int platform_port, const std::string& url, const std::string& key, int seconds);

// The case's state as staff `token` reads it ("" when it cannot), and a wait of up to `seconds` for `state`.
std::string case_state(int platform_port, const std::string& token, const std::string& number);
bool wait_for_case_state(int platform_port, const std::string& token, const std::string& number,
                         const std::string& state, int seconds = 30);

// The platform (database `database`, the push departments' settings under `dir` plus `platform_env`; the demo
// catalog loaded, clerk1 logged in) and the simulator on `sim_port` playing the four departments with their keys
// (its arguments and environment extended by `sim_args` and `sim_env`). Stopped, and `dir` removed, at the end.
struct PushDepartmentsWorld {
  PushDepartmentsWorld(const std::string& database, const std::filesystem::path& dir, int sim_port,
                       const std::map<std::string, std::string>& platform_env = {},
                       const std::vector<std::string>& sim_args = {},
                       const std::map<std::string, std::string>& sim_env = {});
  ~PushDepartmentsWorld();

  std::filesystem::path dir;
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<SimulatorProcess> sim;
  std::string clerk;                        // clerk1's bearer token
  std::map<std::string, std::string> keys;  // each department's API key
};

}  // namespace ow::testing
