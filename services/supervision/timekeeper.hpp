// The timekeeper (role `timekeeper`): raises time-limit alerts. Each pass claims the clock checks whose next
// check has passed (FOR UPDATE SKIP LOCKED, an index range over due rows only), raises a yellow `warning`
// at the warning instant and a red `overdue` (case clocks) or `step_overdue` (task clocks) at the due
// instant — each once per clock, guarded by a unique key so that several timekeepers never duplicate one —
// and moves the check to the next instant. Raised alerts are published on Redis (`ow:alerts:<region>`)
// after commit; with Redis down they are still stored. Time is passed in, so tests drive it. The same pass
// raises the 12345 tickets' alerts (ticket_alerts.hpp).
#pragma once

#include <chrono>
#include <functional>
#include <memory>

#include "services/platform/metrics.hpp"
#include "services/platform/repeating_job.hpp"
#include "services/store/pg_pool.hpp"
#include "services/store/redis_client.hpp"
#include "workflow/calendar/instant.hpp"

namespace ow::supervision {

class Timekeeper {
 public:
  // `batch`: clock checks claimed per statement, 1..store::supervision::kMaxFireBatch (clamped). 1,000 by
  // default: a pass with up to 1,000 due clocks is one claiming statement (plus the empty one that ends it).
  // The 12345 tickets' batches stay at most 500 (a statement per ticket, so a longer transaction per batch).
  Timekeeper(store::PgPool& pool, store::RedisClient* redis, int batch = 1000);
  ~Timekeeper();

  int batch() const { return batch_; }
  // One pass at `now`; returns the number of alerts raised.
  int scan(calendar::Instant now);
  // A job the thread also runs (first at start, then every `every`): the retention pass. Set before start().
  void also_every(std::function<void()> job, std::chrono::seconds every) {
    job_ = std::move(job);
    job_every_ = every;
  }
  // Counts the alerts it raises in `metrics` (ow_alerts_raised_total by kind and level). Set before start().
  void count_in(platform::Metrics& metrics);
  // Scans every `interval` on its own thread until stop().
  void start(std::function<calendar::Instant()> now, std::chrono::milliseconds interval);
  void stop();

 private:
  // One turn of the thread: the job when it is due, then a scan.
  void tick(const std::function<calendar::Instant()>& now);
  store::PgPool& pool_;
  store::RedisClient* redis_;
  int batch_;
  platform::Metrics* metrics_ = nullptr;
  std::function<void()> job_;
  std::chrono::seconds job_every_{0};
  std::chrono::steady_clock::time_point job_ran_{};
  bool job_never_ran_ = true;
  std::unique_ptr<platform::RepeatingJob> loop_;
};

}  // namespace ow::supervision
