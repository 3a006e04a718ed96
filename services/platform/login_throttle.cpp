// Sliding-window counters of failed logins.
#include "services/platform/login_throttle.hpp"

namespace ow::platform {

int LoginThrottle::wait_for(std::deque<Clock::time_point>& q, int max, Clock::time_point now) {
  while (!q.empty() && q.front() + window_ <= now) q.pop_front();
  if (static_cast<int>(q.size()) < max) return 0;
  auto wait = std::chrono::duration_cast<std::chrono::seconds>(q.front() + window_ - now).count();
  return static_cast<int>(wait < 1 ? 1 : wait);
}

int LoginThrottle::retry_after(const std::string& account, const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  int a = wait_for(accounts_[account], max_account_, now);
  int b = wait_for(addresses_[address], max_address_, now);
  return a > b ? a : b;
}

void LoginThrottle::failed(const std::string& account, const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  accounts_[account].push_back(now);
  addresses_[address].push_back(now);
  // Keep memory bounded under a flood of distinct names.
  if (accounts_.size() > 100000) accounts_.clear();
  if (addresses_.size() > 100000) addresses_.clear();
}

void LoginThrottle::succeeded(const std::string& account) {
  std::lock_guard lock(mutex_);
  accounts_.erase(account);
}

}  // namespace ow::platform
