// Test mode only (setting test.time_control): GET /api/v1/test/routes lists the router's own route table
// (method, pattern, who may call it), so that the authorization matrix test can fail on a route it has no row
// for. Never registered unless the platform was started in test mode.
#pragma once

#include "services/platform/router.hpp"

namespace ow::platform {

void add_test_route_table(Router& router);

}  // namespace ow::platform
