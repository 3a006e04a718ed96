// The per-department push counters of the dispatcher's /metrics, with their help texts; each is registered at 0
// when the dispatcher starts.
#pragma once

#include <cstdint>
#include <string>

#include "services/platform/metrics.hpp"

namespace ow::dispatcher {

struct Counter {
  const char* name;
  const char* help;
};
inline constexpr Counter kSent{"ow_dispatch_pushes_sent_total", "pushes sent (any outcome)"};
inline constexpr Counter kDelivered{"ow_dispatch_delivered_total", "pushes a department accepted"};
inline constexpr Counter kRetries{"ow_dispatch_retries_total", "pushes to be retried after a failure"};
inline constexpr Counter kFailed{"ow_dispatch_failed_total", "pushes given up (DispatchFailed)"};

void count(platform::Metrics& metrics, const Counter& c, const std::string& department, std::uint64_t by = 1);

}  // namespace ow::dispatcher
