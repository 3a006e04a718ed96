// Everything the chaos test runs against, all real processes of its own: a private PostgreSQL and Redis
// (it restarts, stops and freezes them), the department simulator, one `onewindow serve --roles
// api,timekeeper` and N `--roles dispatcher` processes against one database; a clerk and a supervisor logged
// in. The fault actions are methods; the destructor heals and stops everything.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/chaos/child_process.hpp"
#include "tests/support/simulator_process.hpp"

namespace ow::chaos {

class ChaosWorld {
 public:
  // dir: where PostgreSQL's and Redis's files, the platform's config files and the logs go.
  ChaosWorld(const std::string& dir, std::uint64_t seed, int dispatchers);
  ~ChaosWorld();
  ChaosWorld(const ChaosWorld&) = delete;
  ChaosWorld& operator=(const ChaosWorld&) = delete;

  int api_port() const { return api_port_; }
  int sim_port() const { return sim_port_; }
  int dispatchers() const { return static_cast<int>(dispatchers_.size()); }
  pid_t dispatcher_pid(int i) const { return dispatchers_.at(static_cast<std::size_t>(i))->pid(); }
  const std::string& admin_url() const { return admin_url_; }  // the platform's database, as superuser
  const std::string& clerk_token() const { return clerk_; }
  const std::string& supervisor_token() const { return supervisor_; }
  std::vector<std::string> platform_logs() const;  // the API's first, then the dispatchers'

  // Fault actions; the restarting ones return whether the component answers again.
  void kill_api();
  bool restart_api();
  void kill_dispatcher(int i);
  bool restart_dispatcher(int i);
  void stop_postgres();
  bool start_postgres();
  void stop_redis();
  bool start_redis();
  void freeze_redis();
  void thaw_redis();
  // POST /_control to the simulator (down_seconds, refuse_seconds, slow_seconds windows).
  bool control_department(const boost::json::object& control);
  boost::json::object simulator_stats() const;

 private:
  std::string cli(const std::string& arguments, const std::string& stdin_text = {}) const;
  std::string env_prefix() const;
  std::string login(const std::string& user) const;
  pid_t redis_pid() const;

  std::string dir_, pg_dir_, redis_dir_, pg_port_;
  std::string admin_url_, owner_url_, app_url_;
  int redis_port_ = 0, api_port_ = 0, sim_port_ = 0;
  bool frozen_ = false;
  std::map<std::string, std::string> env_;  // every platform process's and CLI's
  std::unique_ptr<ChildProcess> api_;
  std::vector<std::unique_ptr<ChildProcess>> dispatchers_;
  std::vector<int> dispatcher_ports_;
  std::unique_ptr<ow::testing::SimulatorProcess> simulator_;
  std::string clerk_, supervisor_;
};

}  // namespace ow::chaos
