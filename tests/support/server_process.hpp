// Runs `onewindow serve` as a child process for e2e tests: its own database (migrated), the test Redis,
// a free port; waits until /healthz answers. Stops it with SIGTERM and reports the exit status.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>

namespace ow::testing {

class ServerProcess {
 public:
  // Creates and migrates database `database`, then starts the server with `env` added to the environment
  // (OW_HTTP_PORT in it: that port, else a free one).
  explicit ServerProcess(const std::string& database, std::map<std::string, std::string> env = {});
  ~ServerProcess();

  int port() const { return port_; }
  const std::string& db_url() const { return db_url_; }
  // Runs a `onewindow` subcommand against this server's database; returns its exit status.
  int cli(const std::string& arguments, std::string* output = nullptr, const std::string& stdin_text = {}) const;
  // Logs in and returns the bearer token (fails the test when login does not answer 201).
  std::string login(const std::string& login, const std::string& password) const;
  // Loads the demo catalog, adds clerk `clerk1` (region 330106, hall XH01, window W01, password
  // "password-123") and returns its bearer token (fails the test on any error).
  std::string catalog_and_clerk() const;
  // SIGTERM, then waits; returns the exit status (or -1 when killed by a signal / timed out).
  int terminate(int timeout_ms = 30000);
  pid_t pid() const { return pid_; }
  const std::string& log_file() const { return log_; }

 private:
  std::string env_prefix() const;
  std::map<std::string, std::string> env_;
  std::string db_url_, log_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace ow::testing
