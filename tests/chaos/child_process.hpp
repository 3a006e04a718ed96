// A child process of the chaos test (a `onewindow serve` of one role): started with fork/exec and an
// environment of its own, its stderr and stdout appended to one log file across restarts, killed with
// SIGKILL or stopped with SIGTERM, and started again with the same command line (so on the same port).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace ow::chaos {

class ChildProcess {
 public:
  ChildProcess(std::string name, std::vector<std::string> argv, std::map<std::string, std::string> env,
               std::string log_file);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Forks and execs; the child dies with the thread that started it (call from the test's main thread).
  void start();
  // Polls GET /healthz on `port` until it answers 200; false when the limit passed or the child exited.
  bool wait_healthy(int port, std::chrono::milliseconds limit);
  void kill9();  // SIGKILL and reap
  // SIGTERM, then waits; the exit status, or -1 when it was killed by a signal or did not exit in time.
  int terminate(std::chrono::milliseconds limit);
  bool running();
  pid_t pid() const { return pid_; }
  const std::string& name() const { return name_; }
  const std::string& log_file() const { return log_; }

 private:
  std::string name_;
  std::vector<std::string> argv_;
  std::map<std::string, std::string> env_;
  std::string log_;
  pid_t pid_ = -1;
};

}  // namespace ow::chaos
