// Test mode only (setting test.time_control): POST /api/v1/test/clock {"offset_seconds": N} sets how far the
// platform's clock runs ahead of the system clock, so browser and e2e tests can move past due instants.
// Never registered unless the platform was started in test mode.
#pragma once

#include <atomic>
#include <cstdint>

#include "services/platform/router.hpp"

namespace ow::platform {

void add_test_clock_route(Router& router, std::atomic<std::int64_t>& offset_seconds);

}  // namespace ow::platform
