// The SMS notices of a case for the staff's case view: GET /api/v1/cases/{number}/sms (clerks and supervisors
// whose region covers the case; another region's case is 404). Each message with its kind and status in
// Chinese, the masked phone (138****5678) and the text; the phone itself is never shown here.
#pragma once

#include "services/platform/router.hpp"
#include "services/store/pg_pool.hpp"

namespace ow::acceptance {

// {"items": [{id, kind, kind_label, phone, text, status, status_label, attempts, created_at, sent_at}]}.
void add_sms_routes(platform::Router& router, store::PgPool& pool);

}  // namespace ow::acceptance
