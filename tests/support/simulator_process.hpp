// The department simulator (`onewindow-dept-sim`) as a child process of a test: started on a given port
// with the given departments (secrets and API keys through its environment), dies with the test.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace ow::testing {

class SimulatorProcess {
 public:
  SimulatorProcess(int port, const std::vector<std::string>& arguments, const std::map<std::string, std::string>& env);
  ~SimulatorProcess();
  SimulatorProcess(const SimulatorProcess&) = delete;
  SimulatorProcess& operator=(const SimulatorProcess&) = delete;
  int port() const { return port_; }

 private:
  int port_ = 0;
  int pid_ = -1;
};

}  // namespace ow::testing
