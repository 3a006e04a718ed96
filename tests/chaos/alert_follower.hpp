// A supervisor's live alert stream as a browser's EventSource follows it: on its own thread, reconnecting
// whenever the stream drops or cannot be opened (the API process is killed during the run), each time with
// Last-Event-ID set to the last event id received. Records every alert id it was given, repeats included.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ow::chaos {

class AlertFollower {
 public:
  AlertFollower(int port, std::string token);
  ~AlertFollower();
  AlertFollower(const AlertFollower&) = delete;
  AlertFollower& operator=(const AlertFollower&) = delete;

  void start();
  void stop();
  std::vector<std::int64_t> received() const;              // alert ids in arrival order, repeats included
  int connections() const { return connections_.load(); }  // streams that were opened (200)

 private:
  void run();
  // One connection: reads until the stream ends, fails or stop() is called.
  void follow_once();
  void on_event(const std::string& block);

  int port_;
  std::string token_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<std::int64_t> received_;
  std::string last_event_id_ = "0";  // the first connection replays from the start (nothing exists yet)
};

}  // namespace ow::chaos
