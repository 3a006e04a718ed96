// A job run on a thread of its own, first at start and then every `every`, until stop() (or destruction). A pass
// that throws is logged and the next one runs on time. Stopping waits at most ~100 ms plus the running pass.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

namespace ow::platform {

class RepeatingJob {
 public:
  // `what` names the job in the log line of a failed pass.
  RepeatingJob(std::string what, std::function<void()> job) : what_(std::move(what)), job_(std::move(job)) {}
  ~RepeatingJob() { stop(); }
  RepeatingJob(const RepeatingJob&) = delete;
  RepeatingJob& operator=(const RepeatingJob&) = delete;

  void start(std::chrono::milliseconds every);
  void stop();
  // Asked to stop: a long pass may end early.
  bool stopping() const { return stopping_; }

 private:
  std::string what_;
  std::function<void()> job_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace ow::platform
