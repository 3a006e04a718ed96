// Supervision orders (督办): a supervisor orders a department to act on a case in scope by a date (closing
// time of that day); approvers of the department see their orders and reply, which closes the order and
// stops its clock. An order not answered in time raises an `overdue` alert on clock `order:<id>`.
//   POST /api/v1/supervision-orders {"case_number", "department", "due_date", "content"}   (supervisor)
//   GET  /api/v1/supervision-orders?state=open|all        (supervisor: region scope; approver: own department)
//   POST /api/v1/supervision-orders/{id}/reply {"reply"}  (approver of that department)
#pragma once

#include <functional>

#include "services/platform/router.hpp"
#include "services/store/pg_pool.hpp"
#include "workflow/calendar/clock.hpp"

namespace ow::supervision {

void add_order_routes(platform::Router& router, store::PgPool& pool, const calendar::WorkingTime& time,
                      std::function<calendar::Instant()> now);

}  // namespace ow::supervision
