// The simulator's timed job queue: a multimap ordered by (time, arrival), workers sleeping until the first is due.
#include "adapters/simulator/later.hpp"

namespace ow::simulator {

Later::Later(int workers) {
  for (int i = 0; i < workers; ++i) workers_.emplace_back([this] { work(); });
}

Later::~Later() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    jobs_.clear();
  }
  wake_.notify_all();
  for (auto& w : workers_) w.join();
}

void Later::at(Clock::time_point when, std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.emplace(std::make_pair(when, serial_++), std::move(job));
  }
  wake_.notify_one();
}

std::size_t Later::queued() {
  std::lock_guard lock(mutex_);
  return jobs_.size();
}

void Later::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (stopping_) return;
    if (jobs_.empty()) {
      wake_.wait(lock);
      continue;
    }
    const auto first = jobs_.begin();
    if (first->first.first > Clock::now()) {
      wake_.wait_until(lock, first->first.first);
      continue;
    }
    auto job = std::move(first->second);
    jobs_.erase(first);
    lock.unlock();
    job();
    lock.lock();
  }
}

}  // namespace ow::simulator
