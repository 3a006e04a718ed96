// The personal-data access log for auditors: GET /api/v1/pii-access?case=&actor=&since=&limit=&cursor=
// (roles admin and auditor; accesses to cases within the caller's region, newest first; everyone else 403).
#pragma once

#include "services/platform/router.hpp"
#include "services/store/pg_pool.hpp"

namespace ow::acceptance {

// Each item: {id, at (ISO, CST), actor {id, login, display_name, role, role_label}, case_number, route,
// route_label, request_id}; `next_cursor` for the next page or null.
void add_pii_access_routes(platform::Router& router, store::PgPool& pool);

}  // namespace ow::acceptance
