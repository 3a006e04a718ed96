// Timekeeper passes.
#include "services/supervision/timekeeper.hpp"

#include <algorithm>

#include "services/casework/alert_raising.hpp"
#include "services/platform/log.hpp"
#include "services/store/supervision_store.hpp"
#include "services/supervision/ticket_alerts.hpp"

namespace ow::supervision {

namespace {
const char* kAlertsHelp = "time-limit alerts raised by this timekeeper, by kind and level";
std::string alerts_counter(const std::string& kind, const std::string& level) {
  return "ow_alerts_raised_total{kind=\"" + kind + "\",level=\"" + level + "\"}";
}
}  // namespace

void Timekeeper::count_in(platform::Metrics& metrics) {
  metrics_ = &metrics;
  // Every series from the start, so that a rate over the first alert is not lost.
  for (const char* kind : {"overdue", "step_overdue", "followup_overdue", "deferral_overdue"})
    metrics.increment(alerts_counter(kind, "red"), kAlertsHelp, 0);
  metrics.increment(alerts_counter("warning", "yellow"), kAlertsHelp, 0);
}

Timekeeper::Timekeeper(store::PgPool& pool, store::RedisClient* redis, int batch)
    : pool_(pool), redis_(redis), batch_(std::clamp(batch, 1, store::supervision::kMaxFireBatch)) {}

Timekeeper::~Timekeeper() { stop(); }

int Timekeeper::scan(calendar::Instant now) {
  const std::string now_text = calendar::format_instant(now);
  int raised_total = 0;
  for (;;) {
    // One batch in one statement whatever its size (claim, mark, insert the alerts with their Chinese
    // details), after taking the raisers' turn: store::supervision::fire_and_raise.
    const auto batch =
        pool_.transact([&](store::Tx& tx) { return store::supervision::fire_and_raise(tx, now_text, batch_); });
    casework::publish_alerts(redis_, batch.alerts);
    if (metrics_)
      for (const auto& a : batch.alerts) metrics_->increment(alerts_counter(a.kind, a.level), kAlertsHelp);
    raised_total += static_cast<int>(batch.alerts.size());
    if (batch.claimed < batch_) break;
  }
  return raised_total + raise_ticket_alerts(pool_, redis_, now, std::min(batch_, 500));
}

void Timekeeper::tick(const std::function<calendar::Instant()>& now) {
  if (job_ && (job_never_ran_ || std::chrono::steady_clock::now() - job_ran_ >= job_every_)) {
    job_never_ran_ = false;
    job_ran_ = std::chrono::steady_clock::now();
    try {
      job_();
    } catch (const std::exception& e) {
      platform::log(platform::LogLevel::warn, "periodic job failed; retrying later", {{"error", e.what()}});
    }
  }
  if (int n = scan(now()); n > 0) platform::log(platform::LogLevel::info, "alerts raised", {{"count", n}});
}

void Timekeeper::start(std::function<calendar::Instant()> now, std::chrono::milliseconds interval) {
  loop_ = std::make_unique<platform::RepeatingJob>("timekeeper pass", [this, now = std::move(now)] { tick(now); });
  loop_->start(interval);
}

void Timekeeper::stop() {
  if (loop_) loop_->stop();
}

}  // namespace ow::supervision
