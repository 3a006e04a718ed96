// POST and GET /api/v1/inspections (supervisors).
#pragma once

#include "services/platform/router.hpp"
#include "services/supervision/inspection_desk.hpp"

namespace ow::supervision {

void add_inspection_routes(platform::Router& router, InspectionDesk& desk);

}  // namespace ow::supervision
