// The simulator's timed job queue: a multimap ordered by (time, arrival), workers sleeping until the first is due.
#include "adapters/simulator/later.hpp"

#include <iostream>

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

std::size_t Later::busy() {
  std::lock_guard lock(mutex_);
  return jobs_.size() + running_;
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
    if (const Clock::time_point due = first->first.first; due > Clock::now()) {
      // A copy: another worker may take (and free) this job while we wait.
      wake_.wait_until(lock, due);
      continue;
    }
    auto job = std::move(first->second);
    jobs_.erase(first);
    ++running_;
    if (!jobs_.empty()) wake_.notify_one();  // another worker sees to the next job's time
    lock.unlock();
    try {
      job();
    } catch (const std::exception& e) {
      std::cerr << "simulator job failed: " << e.what() << "\n";
    }
    job = nullptr;  // what it captured goes before the lock is taken again
    lock.lock();
    --running_;
  }
}

}  // namespace ow::simulator
