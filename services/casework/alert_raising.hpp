// Raising an alert, the one path every raiser takes (the timekeeper's time-limit alerts, the dispatcher's
// dispatch_failed): stored in the raiser's transaction, then — after that transaction commits — published on
// Redis (`ow:alerts:<region>`), whence every API instance's live feed pushes it to supervisors. With Redis
// away the alert is still stored, and a feed reconnecting catches up from PostgreSQL.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/store/redis_client.hpp"
#include "services/store/supervision_store.hpp"

namespace ow::casework {

// Stores the alert unless the same one (case, clock, kind) is already open; returns it when stored.
std::optional<store::AlertRow> raise_alert(store::Tx& tx, std::int64_t case_id, const std::string& clock,
                                           const std::string& kind, const std::string& level,
                                           const std::optional<std::string>& department, const std::string& at,
                                           const std::string& detail);
// After commit: publishes each raised alert (Redis trouble is logged, never thrown).
void publish_alerts(store::RedisClient* redis, const std::vector<store::AlertRow>& raised);

}  // namespace ow::casework
