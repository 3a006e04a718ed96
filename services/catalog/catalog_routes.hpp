// The catalog API: bundle search, merged guides, items, departments, versions, and the admin reload.
#pragma once

#include "services/catalog/catalog_service.hpp"
#include "services/platform/router.hpp"

namespace ow::catalog_service {

// GET /api/v1/bundles?q=&audience=, GET /api/v1/bundles/{code}[?version=], GET /api/v1/items/{code}[?version=],
// GET /api/v1/departments, GET /api/v1/catalog/versions, POST /api/v1/catalog/reload (admin).
void add_catalog_routes(platform::Router& router, CatalogService& catalog);

}  // namespace ow::catalog_service
