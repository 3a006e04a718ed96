// The working-day calendar as the window asks it: "the date N working days after D" (GET
// /api/v1/calendar/working-days), with a bundle's default 容缺 promise date (never after its committed due date).
#pragma once

#include <functional>

#include "services/catalog/catalog_service.hpp"
#include "services/platform/router.hpp"
#include "workflow/calendar/working_time.hpp"

namespace ow::acceptance {

void add_calendar_routes(platform::Router& router, catalog_service::CatalogService& catalog,
                         const calendar::WorkingTime& time, std::function<calendar::Instant()> now);

}  // namespace ow::acceptance
