// What a department's answer means for a push, and how long to wait before the next attempt: exponential
// backoff with full jitter, capped.
#pragma once

#include <chrono>

#include "adapters/department/http_client.hpp"

namespace ow::dispatcher {

enum class Outcome { delivered, retryable, refused };

// 2xx delivered; no answer, 5xx, 408 and 429 retryable; any other status refused (no retry).
Outcome classify(const adapters::HttpAnswer& a);

// Whether a push that failed is given up (DispatchFailed) rather than retried: a refusal at once; a retryable
// failure once `attempts` reaches `max_attempts` (when > 0) or `retry_for` has passed since its first attempt
// — a department down for hours keeps its pushes, tried at the capped backoff, until it is back.
bool give_up(Outcome outcome, int attempts, double tried_seconds, int max_attempts, std::chrono::seconds retry_for);

// Delay before attempt `attempt + 1` after `attempt` failed (attempt ≥ 1): a uniform draw in
// [d/2, d] where d = min(cap, base · 2^(attempt−1)); `unit` is a random number in [0, 1).
std::chrono::milliseconds retry_delay(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds cap,
                                      double unit);
// The same, but never sooner than the department asked (its Retry-After, with 429 or 503), and still at most
// `cap`: a department that says when it can take more is not probed before then.
std::chrono::milliseconds retry_delay(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds cap,
                                      double unit, std::chrono::seconds retry_after);

}  // namespace ow::dispatcher
