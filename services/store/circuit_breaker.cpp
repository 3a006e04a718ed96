// Circuit breaker state changes.
#include "services/store/circuit_breaker.hpp"

namespace ow::store {

CircuitBreaker::State CircuitBreaker::state(Clock::time_point now) const {
  if (!open_) return State::closed;
  return now - opened_at_ >= cooldown_ ? State::half_open : State::open;
}

bool CircuitBreaker::allow(Clock::time_point now) {
  switch (state(now)) {
    case State::closed: return true;
    case State::open: return false;
    case State::half_open:
      if (probing_) return false;
      probing_ = true;
      return true;
  }
  return false;
}

void CircuitBreaker::succeeded() {
  consecutive_failures_ = 0;
  open_ = probing_ = false;
}

void CircuitBreaker::failed(Clock::time_point now) {
  ++consecutive_failures_;
  if (probing_ || consecutive_failures_ >= threshold_) {
    open_ = true;
    opened_at_ = now;
  }
  probing_ = false;
}

const char* to_string(CircuitBreaker::State s) {
  switch (s) {
    case CircuitBreaker::State::closed: return "closed";
    case CircuitBreaker::State::open: return "open";
    case CircuitBreaker::State::half_open: return "half_open";
  }
  return "?";
}

}  // namespace ow::store
