// Starting and stopping the simulator child.
#include "tests/support/simulator_process.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "tests/support/http_client.hpp"
#include "tests/support/test_env.hpp"

namespace ow::testing {

SimulatorProcess::SimulatorProcess(int port, const std::vector<std::string>& arguments,
                                   const std::map<std::string, std::string>& env)
    : port_(port) {
  const std::string bin = binary("onewindow-dept-sim");
  const std::string log =
      std::string(OW_TEST_BIN_DIR) + "/../dept_sim_" + std::to_string(::getpid()) + "_" + std::to_string(port) + ".log";
  std::vector<std::string> args{bin, "--port", std::to_string(port)};
  args.insert(args.end(), arguments.begin(), arguments.end());
  pid_ = ::fork();
  if (pid_ == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
    if (!std::freopen(log.c_str(), "w", stderr) || !std::freopen("/dev/null", "w", stdout)) ::_exit(126);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(bin.c_str(), argv.data());
    ::_exit(127);
  }
  for (int i = 0; i < 200; ++i) {
    if (http_request(port_, "GET", "/_stats", {}, {}, 500).status == 200) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  throw std::runtime_error("onewindow-dept-sim did not start; see " + log);
}

SimulatorProcess::~SimulatorProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status;
    ::waitpid(pid_, &status, 0);
  }
}

}  // namespace ow::testing
