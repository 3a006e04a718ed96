// Storing an alert, and publishing it after commit.
#include "services/casework/alert_raising.hpp"

#include <boost/json.hpp>

#include "services/casework/alert_json.hpp"
#include "services/platform/log.hpp"

namespace ow::casework {

std::optional<store::AlertRow> raise_alert(store::Tx& tx, std::int64_t case_id, const std::string& clock,
                                           const std::string& kind, const std::string& level,
                                           const std::optional<std::string>& department, const std::string& at,
                                           const std::string& detail) {
  const auto id = store::supervision::raise(tx, case_id, clock, kind, level, department, at, detail);
  if (!id) return std::nullopt;
  return store::supervision::alert(tx, *id);
}

void publish_alerts(store::RedisClient* redis, const std::vector<store::AlertRow>& raised) {
  if (!redis || raised.empty()) return;
  std::vector<std::vector<std::string>> commands;  // one round trip for a whole pass's alerts
  commands.reserve(raised.size());
  for (const auto& a : raised)
    commands.push_back({"PUBLISH", "ow:alerts:" + a.region_code, boost::json::serialize(alert_json(a))});
  try {
    const auto replies = redis->pipeline(commands);
    for (std::size_t i = 0; i < replies.size(); ++i)
      if (replies[i].kind == store::RedisReply::Kind::error)
        platform::log(platform::LogLevel::warn, "alert stored but not published (Redis)",
                      {{"alert", raised[i].id}, {"error", replies[i].text}});
  } catch (const std::exception& e) {
    platform::log(
        platform::LogLevel::warn, "alerts stored but not published (Redis)",
        {{"alerts", static_cast<std::int64_t>(raised.size())}, {"first", raised.front().id}, {"error", e.what()}});
  }
}

}  // namespace ow::casework
