// Supervisors' alert API: GET /api/v1/alerts?level=&kind=&region=&department=&hall=&window=
// &state=open|acknowledged|resolved&after=
// (their region scope; ordered by id, `after` pages) and POST /api/v1/alerts/{id}/acknowledge.
#pragma once

#include <functional>

#include "services/platform/router.hpp"
#include "services/store/pg_pool.hpp"
#include "workflow/calendar/instant.hpp"

namespace ow::supervision {

void add_alert_routes(platform::Router& router, store::PgPool& pool, std::function<calendar::Instant()> now);

}  // namespace ow::supervision
