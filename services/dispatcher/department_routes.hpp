// HTTP handlers of the department protocol: callbacks and polling.
#pragma once

#include "services/dispatcher/department_events.hpp"
#include "services/platform/router.hpp"

namespace ow::dispatcher {

void add_department_routes(platform::Router& router, DepartmentEvents& events);

}  // namespace ow::dispatcher
