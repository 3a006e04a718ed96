// GET /api/v1/openapi.json (no login): the OpenAPI document of the department protocol (the task payload,
// cancellations, callback events, polling), compiled in from config/openapi/departments.json.
#pragma once

#include <string_view>

#include "services/platform/router.hpp"

namespace ow::platform {

std::string_view openapi_document();
void add_openapi_route(Router& router);

}  // namespace ow::platform
