// The platform's own routes: health, readiness, metrics, login sessions.
#pragma once

#include <boost/json/object.hpp>
#include <functional>

#include "services/platform/auth_service.hpp"
#include "services/platform/metrics.hpp"
#include "services/platform/router.hpp"
#include "services/store/user_store.hpp"

namespace ow::platform {

struct Readiness {
  std::function<bool()> database;
  std::function<bool()> redis;
};

// GET /healthz, GET /readyz, GET /metrics.
void add_health_routes(Router& router, Readiness readiness, const Metrics& metrics);
// POST /api/v1/sessions (login), DELETE /api/v1/sessions/current (logout), GET /api/v1/me,
// POST /api/v1/me/password (a staff user's own password change).
void add_session_routes(Router& router, AuthService& auth);
// A staff account as the API shows it (never the password hash).
boost::json::object user_json(const store::UserRecord& u);
// GET /api/v1/users (admin; the auditor reads it too). Adding and changing users: services/admin/admin_routes.
void add_user_routes(Router& router, store::PgPool& pool);

}  // namespace ow::platform
