// Feeds the alert stream from PostgreSQL, in id order. Alert ids are drawn in commit order (raisers take
// turns: store::supervision::raise), so one cursor suffices: the feed reads the alerts after its cursor and
// hands them to this instance's SSE subscribers in order. It reads when Redis rings (`ow:alerts:<region>`,
// published by any instance's timekeeper or dispatcher after commit), when the Redis subscription
// (re)connects, and every `poll` in any case — so an alert whose publication was lost (Redis frozen or its
// circuit open) is delivered within a poll, never skipped. Also answers a reconnecting client's Last-Event-ID
// from PostgreSQL (ids above it: complete, by the same ordering).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "services/platform/event_hub.hpp"
#include "services/store/pg_pool.hpp"
#include "services/store/redis_subscriber.hpp"

namespace ow::supervision {

class AlertFeed {
 public:
  // `redis`: where the Redis master is (a fixed address or Sentinel, store/redis_sentinel.hpp).
  AlertFeed(store::PgPool& pool, const store::RedisLocator& redis, const std::string& redis_password = "",
            std::chrono::milliseconds poll = std::chrono::milliseconds(1000));
  ~AlertFeed();
  platform::EventHub& hub() { return hub_; }
  void start();
  void stop();

 private:
  std::vector<platform::HubEvent> read_after(const std::string& scope_prefix, std::int64_t after_id, int limit);
  std::vector<platform::HubEvent> replay(const std::string& scope_prefix, std::int64_t after_id);
  std::int64_t newest();  // the newest alert id; also where a feed that has none starts
  void ring();            // something may have been raised: read soon
  void feed_loop();       // reads after the cursor on each ring and every poll
  void feed_once();
  store::PgPool& pool_;
  platform::EventHub hub_;
  std::chrono::milliseconds poll_;
  std::atomic<std::int64_t> cursor_{-1};  // advanced by the feed thread only; -1 until first read
  std::mutex mutex_;
  std::condition_variable rung_;
  bool ringing_ = false, stopping_ = false;
  std::thread thread_;
  std::unique_ptr<store::RedisSubscriber> subscriber_;
};

}  // namespace ow::supervision
