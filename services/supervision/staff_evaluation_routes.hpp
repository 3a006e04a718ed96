// GET /api/v1/reports/staff-quarterly?quarter=2026-Q4&format=json|csv|html&region= (supervisors).
#pragma once

#include <functional>

#include "services/catalog/catalog_service.hpp"
#include "services/platform/router.hpp"
#include "services/store/pg_pool.hpp"

namespace ow::supervision {

void add_staff_evaluation_routes(platform::Router& router, store::PgPool& pool,
                                 catalog_service::CatalogService& catalog);

}  // namespace ow::supervision
