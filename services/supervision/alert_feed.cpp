// The alert feed.
#include "services/supervision/alert_feed.hpp"

#include <boost/json.hpp>

#include "services/casework/alert_json.hpp"
#include "services/platform/log.hpp"
#include "services/store/supervision_store.hpp"

namespace ow::supervision {

namespace json = boost::json;

AlertFeed::AlertFeed(store::PgPool& pool, const std::string& redis_host, int redis_port,
                     const std::string& redis_password)
    : pool_(pool),
      hub_([this](const std::string& scope, std::int64_t after) { return read_after(scope, after, 1000); },
           [this] { return pool_.transact([](store::Tx& tx) { return store::supervision::max_alert_id(tx); }); }) {
  subscriber_ = std::make_unique<store::RedisSubscriber>(
      redis_host, redis_port, "ow:alerts:*",
      [this](const std::string&, const std::string& message) {
        try {
          const auto v = json::parse(message);
          const auto id = v.at("id").as_int64();
          std::int64_t seen = last_seen_.load();
          while (id > seen && !last_seen_.compare_exchange_weak(seen, id)) {
          }
          hub_.publish({id, std::string(v.at("region").as_string()), "alert", message});
        } catch (const std::exception& e) {
          platform::log(platform::LogLevel::warn, "ignored a malformed alert message", {{"error", e.what()}});
        }
      },
      [this] { catch_up(); }, redis_password);
}

AlertFeed::~AlertFeed() { stop(); }

void AlertFeed::start() {
  // Alerts raised before this instance started are for Last-Event-ID replay, not for live delivery.
  last_seen_ = pool_.transact([](store::Tx& tx) { return store::supervision::max_alert_id(tx); });
  subscriber_->start();
}

void AlertFeed::stop() {
  if (subscriber_) subscriber_->stop();
}

std::vector<platform::HubEvent> AlertFeed::read_after(const std::string& scope_prefix, std::int64_t after_id,
                                                      int limit) {
  if (limit <= 0) return {};
  return pool_.transact([&](store::Tx& tx) {
    store::AlertFilter f;
    f.region_prefix = scope_prefix;
    f.after_id = after_id;
    f.limit = limit;
    std::vector<platform::HubEvent> out;
    for (const auto& a : store::supervision::alerts(tx, f))
      out.push_back({a.id, a.region_code, "alert", json::serialize(casework::alert_json(a))});
    return out;
  });
}

void AlertFeed::catch_up() {
  for (;;) {
    auto missed = read_after("", last_seen_.load(), 500);
    for (const auto& e : missed) {
      hub_.publish(e);
      std::int64_t seen = last_seen_.load();
      while (e.id > seen && !last_seen_.compare_exchange_weak(seen, e.id)) {
      }
    }
    if (missed.size() < 500) break;
  }
}

}  // namespace ow::supervision
