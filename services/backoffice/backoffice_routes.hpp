// The approver API: GET /api/v1/tasks, GET /api/v1/tasks/{id}, POST /api/v1/tasks/{id}/claim|release|transfer|decision|
// extension-requests; the supervisor's POST /api/v1/tasks/{id}/redispatch and
// /api/v1/extension-requests/{id}/grant|refuse; GET /api/v1/extension-requests (supervisors: their region; approvers:
// their own).
#pragma once

#include "services/backoffice/backoffice_service.hpp"
#include "services/platform/router.hpp"

namespace ow::backoffice {

void add_backoffice_routes(platform::Router& router, BackofficeService& service);

}  // namespace ow::backoffice
