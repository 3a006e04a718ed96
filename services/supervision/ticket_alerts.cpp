// Ticket alerts.
#include "services/supervision/ticket_alerts.hpp"

#include "services/casework/alert_raising.hpp"
#include "services/store/hotline_store.hpp"
#include "workflow/calendar/chinese_time.hpp"

namespace ow::supervision {

int raise_ticket_alerts(store::PgPool& pool, store::RedisClient* redis, calendar::Instant now, int batch) {
  const std::string now_text = calendar::format_instant(now);
  int total = 0;
  for (;;) {
    std::vector<store::AlertRow> raised;
    const std::size_t claimed = pool.transact([&](store::Tx& tx) {
      raised.clear();
      auto due = store::hotline::claim_due(tx, now_text, batch);
      for (const auto& t : due) {
        const bool warn_now = !t.warned && t.warn_at && calendar::parse_instant(*t.warn_at) <= now;
        const bool over_now = !t.overdue && calendar::parse_instant(t.due_at) <= now;
        if (warn_now && !over_now)  // as for case clocks: no warning beside the red alert of the same pass
          if (auto a = store::hotline::raise_alert(tx, t.id, "ticket_warning", "yellow", now_text,
                                                   "12345工单将于 " + calendar::chinese_time(t.due_at) + " 到期"))
            raised.push_back(std::move(*a));
        if (over_now)
          if (auto a =
                  store::hotline::raise_alert(tx, t.id, "ticket_overdue", "red", now_text,
                                              "12345工单已于 " + calendar::chinese_time(t.due_at) + " 到期，尚未答复"))
            raised.push_back(std::move(*a));
        store::hotline::mark_fired(tx, t.id, t.warned || warn_now || over_now, t.overdue || over_now);
      }
      return due.size();
    });
    casework::publish_alerts(redis, raised);
    total += static_cast<int>(raised.size());
    if (static_cast<int>(claimed) < batch) break;
  }
  return total;
}

}  // namespace ow::supervision
