// What a department's answer means for a push, and how long to wait before the next attempt: exponential
// backoff with full jitter, capped.
#pragma once

#include <chrono>

#include "adapters/department/http_client.hpp"

namespace ow::dispatcher {

enum class Outcome { delivered, retryable, refused };

// 2xx delivered; no answer, 5xx, 408 and 429 retryable; any other status refused (no retry).
Outcome classify(const adapters::HttpAnswer& a);

// Delay before attempt `attempt + 1` after `attempt` failed (attempt ≥ 1): a uniform draw in
// [d/2, d] where d = min(cap, base · 2^(attempt−1)); `unit` is a random number in [0, 1).
std::chrono::milliseconds retry_delay(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds cap,
                                      double unit);

}  // namespace ow::dispatcher
