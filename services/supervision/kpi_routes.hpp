// GET /api/v1/stats (supervisors) and POST /api/v1/public/evaluations (the applicant, by case number and the
// last four digits of the contact phone).
#pragma once

#include "services/platform/router.hpp"
#include "services/supervision/kpi_service.hpp"

namespace ow::supervision {

void add_kpi_routes(platform::Router& router, KpiService& service);

}  // namespace ow::supervision
