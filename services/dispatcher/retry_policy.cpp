// Push outcome classification and backoff.
#include "services/dispatcher/retry_policy.hpp"

#include <algorithm>

namespace ow::dispatcher {

Outcome classify(const adapters::HttpAnswer& a) {
  if (a.status >= 200 && a.status < 300) return Outcome::delivered;
  if (a.status == 0 || a.status >= 500 || a.status == 408 || a.status == 429) return Outcome::retryable;
  return Outcome::refused;
}

bool give_up(Outcome outcome, int attempts, double tried_seconds, int max_attempts, std::chrono::seconds retry_for) {
  if (outcome == Outcome::refused) return true;
  if (outcome == Outcome::delivered) return false;
  return (max_attempts > 0 && attempts >= max_attempts) || tried_seconds >= static_cast<double>(retry_for.count());
}

std::chrono::milliseconds retry_delay(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds cap,
                                      double unit) {
  const int shift = std::clamp(attempt - 1, 0, 30);
  const double full =
      std::min(static_cast<double>(cap.count()), static_cast<double>(base.count()) * static_cast<double>(1LL << shift));
  return std::chrono::milliseconds(static_cast<long long>(full / 2 + full / 2 * std::clamp(unit, 0.0, 1.0)));
}

std::chrono::milliseconds retry_delay(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds cap,
                                      double unit, std::chrono::seconds retry_after) {
  const auto own = retry_delay(attempt, base, cap, unit);
  return std::min(cap, std::max(own, std::chrono::duration_cast<std::chrono::milliseconds>(retry_after)));
}

}  // namespace ow::dispatcher
