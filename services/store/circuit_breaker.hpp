// A circuit breaker for a dependency that may fail or hang (a department's system, Redis): closed while calls
// succeed; open after N consecutive failures (no calls for the cool-down); then half-open — one probe call
// decides whether it closes or opens again. Pure and not thread-safe: the caller passes the time and locks.
#pragma once

#include <chrono>

namespace ow::store {

class CircuitBreaker {
 public:
  using Clock = std::chrono::steady_clock;
  enum class State { closed, open, half_open };

  CircuitBreaker(int failure_threshold, std::chrono::milliseconds cooldown)
      : threshold_(failure_threshold), cooldown_(cooldown) {}

  // May a push start now? In half-open state only one probe at a time.
  bool allow(Clock::time_point now);
  void succeeded();
  void failed(Clock::time_point now);
  State state(Clock::time_point now) const;

 private:
  int threshold_;
  std::chrono::milliseconds cooldown_;
  int consecutive_failures_ = 0;
  bool open_ = false, probing_ = false;
  Clock::time_point opened_at_{};
};

const char* to_string(CircuitBreaker::State s);

}  // namespace ow::store
