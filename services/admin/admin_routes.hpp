// The admin's routes (issue 21): what operators did with `onewindow user|apikey|calendar`, from the console.
//   POST /api/v1/users                              add a user (a one-time password in the answer)   admin
//   POST /api/v1/users/{login}/password-reset       a new one-time password; sessions revoked        admin
//   POST /api/v1/users/{login}/disable | /enable                                                     admin
//   GET  /api/v1/department-keys                    fingerprints, never the keys                     admin, auditor
//   POST /api/v1/department-keys                    issue (the key shown once)                       admin
//   POST /api/v1/department-keys/{id}/revoke                                                          admin
//   POST /api/v1/calendar/check                     `onewindow calendar check` on an uploaded file   admin
//   POST /api/v1/calendar/uploads                   check, load, recompute the open clocks           admin
//   GET  /api/v1/calendar/uploads                   the loaded years and every upload                admin, auditor
//   GET  /api/v1/admin-audit                        who changed accounts, keys, catalog, calendar    admin, auditor
// GET /api/v1/users and POST /api/v1/catalog/reload (with its lint report) are the platform's and the catalog's.
#pragma once

#include "services/admin/account_admin.hpp"
#include "services/admin/calendar_admin.hpp"
#include "services/platform/router.hpp"

namespace ow::admin {

void add_admin_routes(platform::Router& router, AccountAdmin& accounts, CalendarAdmin& calendar,
                      store::PgPool& pool);

}  // namespace ow::admin
