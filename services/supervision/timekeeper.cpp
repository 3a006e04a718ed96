// Timekeeper passes.
#include "services/supervision/timekeeper.hpp"

#include <boost/json.hpp>

#include "services/casework/alert_raising.hpp"
#include "services/platform/log.hpp"
#include "services/store/supervision_store.hpp"
#include "services/supervision/ticket_alerts.hpp"
#include "workflow/calendar/chinese_time.hpp"

namespace ow::supervision {

namespace {
// The red alert of a clock: a task late while the case may still be on time is 环节超期; a follow-up of a bad
// rating not done in time is its own kind.
const char* overdue_kind(const std::string& clock) {
  if (clock.starts_with("task:")) return "step_overdue";
  if (clock.starts_with("followup:")) return "followup_overdue";
  if (clock.starts_with("deferral:")) return "deferral_overdue";
  return "overdue";
}

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

Timekeeper::~Timekeeper() { stop(); }

int Timekeeper::scan(calendar::Instant now) {
  const std::string now_text = calendar::format_instant(now);
  int raised_total = 0;
  for (;;) {
    std::vector<store::AlertRow> raised;
    // One batch in three statements whatever its size: claim and mark, take the raisers' turn, insert the
    // alerts (returning them for the stream); the details are written here, in Chinese.
    const std::size_t claimed = pool_.transact([&](store::Tx& tx) {
      const auto fired = store::supervision::fire_due(tx, now_text, batch_);
      std::vector<store::NewAlert> alerts;
      for (const auto& c : fired) {
        const std::string due = c.due_at ? calendar::chinese_time(*c.due_at) : std::string();
        if (c.warn_now)
          alerts.push_back({c.case_id, c.clock, "warning", "yellow", c.department_code, "将于 " + due + " 到期"});
        if (c.over_now)
          alerts.push_back(
              {c.case_id, c.clock, overdue_kind(c.clock), "red", c.department_code, "已于 " + due + " 到期"});
      }
      raised = store::supervision::raise_many(tx, alerts, now_text);
      return fired.size();
    });
    casework::publish_alerts(redis_, raised);
    if (metrics_)
      for (const auto& a : raised) metrics_->increment(alerts_counter(a.kind, a.level), kAlertsHelp);
    raised_total += static_cast<int>(raised.size());
    if (static_cast<int>(claimed) < batch_) break;
  }
  return raised_total + raise_ticket_alerts(pool_, redis_, now, batch_);
}

void Timekeeper::start(std::function<calendar::Instant()> now, std::chrono::milliseconds interval) {
  thread_ = std::thread([this, now = std::move(now), interval] {
    std::chrono::steady_clock::time_point job_ran{};
    bool job_never_ran = true;
    while (!stopping_) {
      if (job_ && (job_never_ran || std::chrono::steady_clock::now() - job_ran >= job_every_)) {
        job_never_ran = false;
        job_ran = std::chrono::steady_clock::now();
        try {
          job_();
        } catch (const std::exception& e) {
          platform::log(platform::LogLevel::warn, "periodic job failed; retrying later", {{"error", e.what()}});
        }
      }
      try {
        if (int n = scan(now()); n > 0) platform::log(platform::LogLevel::info, "alerts raised", {{"count", n}});
      } catch (const std::exception& e) {
        platform::log(platform::LogLevel::warn, "timekeeper pass failed; retrying", {{"error", e.what()}});
      }
      for (auto waited = std::chrono::milliseconds(0); waited < interval && !stopping_;
           waited += std::chrono::milliseconds(100))
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
}

void Timekeeper::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

}  // namespace ow::supervision
