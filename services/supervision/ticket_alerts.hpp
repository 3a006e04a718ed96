// The timekeeper's pass over 12345 tickets: claims the tickets whose next check has passed (FOR UPDATE SKIP
// LOCKED, an index range), raises a yellow `ticket_warning` at the warning instant and a red `ticket_overdue`
// at the due instant — once each per ticket — and moves the check on. Published after commit like every alert.
#pragma once

#include "services/store/pg_pool.hpp"
#include "services/store/redis_client.hpp"
#include "workflow/calendar/instant.hpp"

namespace ow::supervision {

// Returns the number of alerts raised.
int raise_ticket_alerts(store::PgPool& pool, store::RedisClient* redis, calendar::Instant now, int batch);

}  // namespace ow::supervision
