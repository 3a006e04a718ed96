// Live event fan-out for Server-Sent Events: subscribers (one per open stream) with a scope prefix; events
// carry an increasing id and a scope (a region code). publish() may be called from any thread; it queues
// the event for every subscriber in scope and wakes it. Events seen twice (from Redis and from a catch-up
// read) are delivered once. replay() reads what a reconnecting client missed (Last-Event-ID) from the store;
// newest() is the id a new client starts after (it gets only what happens from then on).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace ow::platform {

struct HubEvent {
  std::int64_t id = 0;
  std::string scope;  // the region code it belongs to
  std::string type;   // SSE event name
  std::string data;   // JSON text
};

class EventHub {
 public:
  struct Subscriber {
    std::string scope_prefix;
    std::mutex mutex;
    std::deque<HubEvent> queue;
    std::function<void()> wake;  // set by the stream; posts to its event loop
  };
  using Replay = std::function<std::vector<HubEvent>(const std::string& scope_prefix, std::int64_t after_id)>;
  using Newest = std::function<std::int64_t()>;

  explicit EventHub(Replay replay, Newest newest = {}) : replay_(std::move(replay)), newest_(std::move(newest)) {}

  std::shared_ptr<Subscriber> subscribe(const std::string& scope_prefix);
  void unsubscribe(const std::shared_ptr<Subscriber>& s);
  void publish(const HubEvent& e);
  std::vector<HubEvent> replay(const std::string& scope_prefix, std::int64_t after_id) const {
    return replay_(scope_prefix, after_id);
  }
  std::int64_t newest() const { return newest_ ? newest_() : 0; }
  std::size_t subscribers() const;

 private:
  Replay replay_;
  Newest newest_;
  mutable std::mutex mutex_;
  std::list<std::shared_ptr<Subscriber>> subscribers_;
  std::set<std::int64_t> recent_;  // ids already published (bounded)
};

}  // namespace ow::platform
