// Work the simulator does after answering a push (fetching its materials, calling the platform back), run at
// a given time by a fixed number of worker threads. A burst of pushes queues jobs; it never starts a thread per
// push (a back-log of thousands of pushes once started ~18,000 threads and crashed the simulator).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace ow::simulator {

class Later {
 public:
  using Clock = std::chrono::steady_clock;
  explicit Later(int workers);
  ~Later();  // drops what has not started, waits for the jobs running
  Later(const Later&) = delete;
  Later& operator=(const Later&) = delete;

  // Runs `job` on a worker at `when` or as soon after as a worker is free (a job waiting on a slow answer holds
  // its worker); jobs due at the same time start in the order they were queued. A job that throws is logged
  // and dropped; the worker goes on.
  void at(Clock::time_point when, std::function<void()> job);
  void now(std::function<void()> job) { at(Clock::now(), std::move(job)); }
  // Jobs not finished: queued (retries waiting included) or running.
  std::size_t busy();

 private:
  void work();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::multimap<std::pair<Clock::time_point, std::uint64_t>, std::function<void()>> jobs_;
  std::uint64_t serial_ = 0;
  std::size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace ow::simulator
