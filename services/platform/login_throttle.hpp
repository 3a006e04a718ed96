// Login rate limiting: failed attempts per account and per client address within a sliding window.
// Counted in this process's memory (see the issue note: a Redis-backed limiter for several instances is
// planned); a success clears the account's count. Thread-safe.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace ow::platform {

class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  LoginThrottle(int max_per_account, int max_per_address, std::chrono::seconds window)
      : max_account_(max_per_account), max_address_(max_per_address), window_(window) {}

  // Seconds until another attempt is allowed, 0 when allowed now.
  int retry_after(const std::string& account, const std::string& address, Clock::time_point now = Clock::now());
  void failed(const std::string& account, const std::string& address, Clock::time_point now = Clock::now());
  void succeeded(const std::string& account);

 private:
  int wait_for(std::deque<Clock::time_point>& q, int max, Clock::time_point now);
  const int max_account_, max_address_;
  const std::chrono::seconds window_;
  std::mutex mutex_;
  std::map<std::string, std::deque<Clock::time_point>> accounts_, addresses_;
};

}  // namespace ow::platform
