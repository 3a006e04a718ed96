// The alert feed.
#include "services/supervision/alert_feed.hpp"

#include <boost/json.hpp>
#include <iterator>

#include "services/casework/alert_json.hpp"
#include "services/platform/log.hpp"
#include "services/store/supervision_store.hpp"

namespace ow::supervision {

namespace json = boost::json;

AlertFeed::AlertFeed(store::PgPool& pool, const store::RedisLocator& redis, const std::string& redis_password, std::chrono::milliseconds poll)
    : pool_(pool),
      hub_([this](const std::string& scope, std::int64_t after) { return replay(scope, after); },
           [this] { return newest(); }),
      poll_(poll) {
  // The message itself is not delivered: it only says "read now" (the database is the record, in order).
  subscriber_ = std::make_unique<store::RedisSubscriber>(
      redis, "ow:alerts:*", [this](const std::string&, const std::string&) { ring(); },
      [this] { ring(); }, redis_password);
}

AlertFeed::~AlertFeed() { stop(); }

std::vector<platform::HubEvent> AlertFeed::replay(const std::string& scope, std::int64_t after) {
  // Everything after the client's cursor, page by page: a stream sends its replay once, so a cut-off replay
  // would move the client's cursor past what it never got.
  std::vector<platform::HubEvent> all;
  for (;;) {
    auto page = read_after(scope, all.empty() ? after : all.back().id, 1000);
    const bool last = page.size() < 1000;
    all.insert(all.end(), std::make_move_iterator(page.begin()), std::make_move_iterator(page.end()));
    if (last) return all;
  }
}

std::int64_t AlertFeed::newest() {
  const std::int64_t n = pool_.transact([](store::Tx& tx) { return store::supervision::max_alert_id(tx); });
  // A feed that could not read where to start starts here at the latest: never after a client's cursor.
  std::int64_t unset = -1;
  cursor_.compare_exchange_strong(unset, n);
  return n;
}

void AlertFeed::start() {
  // Alerts raised before this instance started are for Last-Event-ID replay, not for live delivery. With the
  // database away the feed starts from the newest id it (or a stream's first read) can read once it is back.
  try {
    newest();
  } catch (const std::exception& e) {
    platform::log(platform::LogLevel::warn, "alert feed starts when the database answers", {{"error", e.what()}});
  }
  thread_ = std::thread([this] { feed_loop(); });
  subscriber_->start();
}

void AlertFeed::stop() {
  if (subscriber_) subscriber_->stop();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  rung_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void AlertFeed::ring() {
  {
    std::lock_guard lock(mutex_);
    ringing_ = true;
  }
  rung_.notify_all();
}

void AlertFeed::feed_loop() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      rung_.wait_for(lock, poll_, [this] { return ringing_ || stopping_; });
      if (stopping_) return;
      ringing_ = false;
    }
    try {
      feed_once();
    } catch (const std::exception& e) {
      platform::log(platform::LogLevel::warn, "alert feed could not read; retrying", {{"error", e.what()}});
    }
  }
}

void AlertFeed::feed_once() {
  if (cursor_ < 0) newest();
  for (;;) {
    const auto batch = read_after("", cursor_, 500);
    for (const auto& e : batch) {
      hub_.publish(e);
      cursor_ = e.id;
    }
    if (batch.size() < 500) return;
  }
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

}  // namespace ow::supervision
