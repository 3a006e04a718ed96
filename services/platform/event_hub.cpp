// Event fan-out.
#include "services/platform/event_hub.hpp"

#include <algorithm>

namespace ow::platform {

std::shared_ptr<EventHub::Subscriber> EventHub::subscribe(const std::string& scope_prefix) {
  auto s = std::make_shared<Subscriber>();
  s->scope_prefix = scope_prefix;
  std::lock_guard lock(mutex_);
  subscribers_.push_back(s);
  return s;
}

void EventHub::unsubscribe(const std::shared_ptr<Subscriber>& s) {
  std::lock_guard lock(mutex_);
  subscribers_.remove(s);
}

void EventHub::publish(const HubEvent& e) {
  std::vector<std::shared_ptr<Subscriber>> targets;
  {
    std::lock_guard lock(mutex_);
    if (!recent_.insert(e.id).second) return;  // already delivered
    while (recent_.size() > 100000) recent_.erase(recent_.begin());
    for (const auto& s : subscribers_)
      if (e.scope.starts_with(s->scope_prefix)) targets.push_back(s);
  }
  for (const auto& s : targets) {
    std::function<void()> wake;
    {
      std::lock_guard lock(s->mutex);
      s->queue.push_back(e);
      wake = s->wake;
    }
    if (wake) wake();
  }
}

std::size_t EventHub::subscribers() const {
  std::lock_guard lock(mutex_);
  return subscribers_.size();
}

}  // namespace ow::platform
