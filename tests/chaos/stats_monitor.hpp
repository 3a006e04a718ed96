// Polls the simulator's /_stats on its own thread a few times a second during the run, so that duplicate
// pushes (which the simulator only counts) can be placed in time and laid at the door of the fault before them.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ow::chaos {

struct StatsSample {
  std::chrono::steady_clock::time_point at;
  std::map<std::string, long> duplicates, received;  // per department
};

class StatsMonitor {
 public:
  explicit StatsMonitor(int simulator_port);
  ~StatsMonitor();
  void start();
  void stop();
  std::vector<StatsSample> samples() const;
  // Duplicates (all departments) first seen in [from, to): the rise between the last sample before `from`
  // and the last sample before `to`.
  long duplicates_between(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to) const;

 private:
  int port_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<StatsSample> samples_;
};

}  // namespace ow::chaos
