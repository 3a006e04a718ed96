// POST /api/v1/hotline/tickets (the 12345 hotline's key, signed), GET /api/v1/hotline/tickets (supervisors;
// approvers see their department's) and POST /api/v1/hotline/tickets/{id}/answer (supervisors; approvers of
// the ticket's department).
#pragma once

#include "services/platform/router.hpp"
#include "services/supervision/hotline_desk.hpp"

namespace ow::supervision {

void add_hotline_routes(platform::Router& router, HotlineDesk& desk);

}  // namespace ow::supervision
