// Feeds the alert stream: alerts published on Redis (`ow:alerts:<region>`, by any instance's timekeeper or
// dispatcher) go to this instance's SSE subscribers; whenever the Redis subscription (re)connects, alerts
// stored meanwhile are read from PostgreSQL and delivered, so a Redis outage delays alerts but loses none.
// Also answers a reconnecting client's Last-Event-ID from PostgreSQL.
#pragma once

#include <atomic>
#include <memory>

#include "services/platform/event_hub.hpp"
#include "services/store/pg_pool.hpp"
#include "services/store/redis_subscriber.hpp"

namespace ow::supervision {

class AlertFeed {
 public:
  AlertFeed(store::PgPool& pool, const std::string& redis_host, int redis_port, const std::string& redis_password = "");
  ~AlertFeed();
  platform::EventHub& hub() { return hub_; }
  void start();
  void stop();

 private:
  std::vector<platform::HubEvent> read_after(const std::string& scope_prefix, std::int64_t after_id, int limit);
  void catch_up();
  store::PgPool& pool_;
  platform::EventHub hub_;
  std::atomic<std::int64_t> last_seen_{0};
  std::unique_ptr<store::RedisSubscriber> subscriber_;
};

}  // namespace ow::supervision
