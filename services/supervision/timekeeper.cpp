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
}  // namespace

Timekeeper::~Timekeeper() { stop(); }

int Timekeeper::scan(calendar::Instant now) {
  const std::string now_text = calendar::format_instant(now);
  int raised_total = 0;
  for (;;) {
    std::vector<store::AlertRow> raised;
    const std::size_t claimed = pool_.transact([&](store::Tx& tx) {
      raised.clear();
      auto due = store::supervision::claim_due(tx, now_text, batch_);
      for (const auto& c : due) {
        const bool warn_now = !c.warned && c.warn_at && calendar::parse_instant(*c.warn_at) <= now;
        const bool over_now = !c.overdue && c.due_at && calendar::parse_instant(*c.due_at) <= now;
        if (warn_now)
          if (auto a = casework::raise_alert(tx, c.case_id, c.clock, "warning", "yellow", c.department_code, now_text,
                                             "将于 " + calendar::chinese_time(*c.due_at) + " 到期"))
            raised.push_back(std::move(*a));
        if (over_now)
          if (auto a = casework::raise_alert(tx, c.case_id, c.clock, overdue_kind(c.clock), "red", c.department_code,
                                             now_text, "已于 " + calendar::chinese_time(*c.due_at) + " 到期"))
            raised.push_back(std::move(*a));
        store::supervision::mark_fired(tx, c.case_id, c.clock, c.warned || warn_now || over_now, c.overdue || over_now);
      }
      return due.size();
    });
    casework::publish_alerts(redis_, raised);
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
