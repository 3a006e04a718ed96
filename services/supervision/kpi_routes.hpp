// GET /api/v1/stats and GET /api/v1/reports/weekly (supervisors), follow-ups of bad ratings, and POST
// /api/v1/public/evaluations (the applicant, by case number and query code, checked by `gate`).
#pragma once

#include "services/casework/public_gate.hpp"
#include "services/platform/router.hpp"
#include "services/supervision/kpi_service.hpp"

namespace ow::supervision {

void add_kpi_routes(platform::Router& router, KpiService& service, std::function<calendar::Instant()> now,
                    casework::PublicGate& gate);

}  // namespace ow::supervision
