// The bounded intake load: N clerk clients, each posting one 企业开办 intake at a time with a unique
// Idempotency-Key and retrying the SAME key (after Retry-After, capped at 1 s) on any failure until it is
// answered 201, then thinking a little before the next. Every attempt is recorded with its outcome and time.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ow::chaos {

using Clock = std::chrono::steady_clock;

struct Attempt {
  int client = 0;
  std::string key;
  int status = 0;       // 0: no HTTP answer
  std::string failure;  // for status 0: "connection refused", "connection reset", "timeout", "closed", …
  Clock::time_point start, end;
  double ms() const { return std::chrono::duration<double, std::milli>(end - start).count(); }
};

struct Intake {
  std::string key;
  std::string number;  // the case number the 201 named
  bool acknowledged = false;
  Clock::time_point first_try, acknowledged_at;
  int attempts = 0;
};

class IntakeLoad {
 public:
  IntakeLoad(int port, std::string token, std::string body, int clients, std::chrono::milliseconds think);
  ~IntakeLoad();
  void start();
  // No new intake from now on; each client still retries the one it holds until `finish_within` has passed.
  void stop(std::chrono::seconds finish_within);
  std::vector<Attempt> attempts() const;
  std::vector<Intake> intakes() const;

 private:
  void client(int index);

  int port_;
  std::string token_, body_;
  int clients_;
  std::chrono::milliseconds think_;
  std::atomic<bool> stop_new_{false};
  std::atomic<Clock::rep> give_up_at_{Clock::time_point::max().time_since_epoch().count()};
  std::vector<std::thread> threads_;
  mutable std::mutex mutex_;
  std::vector<Attempt> attempts_;
  std::vector<Intake> intakes_;
};

// What a failed attempt's error text means, in a few words.
std::string failure_kind(const std::string& error);

}  // namespace ow::chaos
