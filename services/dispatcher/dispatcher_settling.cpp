// The dispatcher's settling half: one thread records the departments' answers, as many together as are
// waiting (one transaction, one statement per kind of write), each on its own when the batch cannot be.
#include <algorithm>

#include "services/casework/alert_raising.hpp"
#include "services/dispatcher/dispatcher.hpp"
#include "services/dispatcher/push_counters.hpp"
#include "services/platform/log.hpp"
#include "services/platform/trace_context.hpp"

namespace ow::dispatcher {

using Steady = std::chrono::steady_clock;

void Dispatcher::settle_loop() {
  constexpr std::size_t kBatch = 32;
  for (;;) {
    std::vector<Answered> batch;
    {
      std::unique_lock lock(mutex_);
      answered_cv_.wait(lock, [&] { return !answered_.empty() || settler_ends_; });
      if (answered_.empty()) return;  // settler_ends_ and nothing left
      while (!answered_.empty() && batch.size() < kBatch) {
        batch.push_back(std::move(answered_.front()));
        answered_.pop_front();
      }
    }
    settle_batch(batch);
    {
      std::lock_guard lock(mutex_);
      for (const auto& a : batch) leased_.erase(a.row.id);  // recorded (or left to its lease): no renewal
      ++finished_;
    }
    finished_cv_.notify_one();  // the claiming loop may have waited for the queue to shrink
  }
}

void Dispatcher::settle_batch(std::vector<Answered>& batch) {
  // Cases locked in id order (another dispatcher's batch locks them in the same order: no deadlock); a case
  // with two answers is locked once and sees the first one's change.
  std::sort(batch.begin(), batch.end(), [](const Answered& x, const Answered& y) {
    return std::pair{x.row.case_id, x.row.id} < std::pair{y.row.case_id, y.row.id};
  });
  try {
    record_together(batch);
  } catch (const std::exception& e) {
    // One answer the flow refused, or PostgreSQL away: each is recorded on its own (and retried while
    // PostgreSQL is away), so one answer never holds back the others.
    if (batch.size() > 1)
      platform::log(platform::LogLevel::warn, "answers could not be recorded together; recording each",
                    {{"answers", std::to_string(batch.size())}, {"error", e.what()}});
    for (const auto& a : batch) {
      try {
        settle_until_recorded(a);
      } catch (const std::exception& each) {
        platform::log(platform::LogLevel::warn, "push could not be settled; its lease will expire and it is retried",
                      {{"outbox_id", std::to_string(a.row.id)}, {"error", each.what()}});
      }
    }
  }
}

void Dispatcher::record_together(std::span<const Answered> answers) {
  std::vector<store::AlertRow> raised;
  const calendar::Instant now = now_();
  cases_.transact([&](casework::CaseTransaction& tx) {
    raised.clear();
    // Every answer's writes go out together (one statement per kind for the whole batch), after its cases
    // are locked together (in id order).
    tx.gather_writes();
    std::vector<std::int64_t> ids;
    for (const auto& a : answers)
      if ((a.delivered || a.give_up) && a.row.kind == "dispatch") ids.push_back(a.row.case_id);
    auto files = tx.lock_all(std::move(ids));
    std::vector<store::dispatch::Finished> finished;
    for (const auto& a : answers) record(tx, files, a, now, raised, finished);
    store::dispatch::finish_all(tx.store(), options_.owner, finished);
  });
  casework::publish_alerts(options_.redis, raised);  // after commit, like every raiser
  for (const auto& a : answers) report(a);
}

void Dispatcher::settle_until_recorded(const Answered& a) {
  // The department has answered; what it said must be recorded before anyone pushes the row again. With
  // PostgreSQL away, keep the answer and try again (the row stays leased to this dispatcher and its lease is
  // renewed once PostgreSQL is back) rather than letting the lease run out and the push go a second time.
  auto wait = std::chrono::milliseconds(200);
  const auto until = Steady::now() + std::chrono::minutes(10);
  for (bool logged = false;;) {
    try {
      record_together({&a, 1});
      return;
    } catch (const std::exception& e) {
      if (stopping_ || Steady::now() >= until) throw;
      if (!logged)
        platform::log(platform::LogLevel::warn, "push answered but not yet recorded; retrying",
                      {{"outbox_id", std::to_string(a.row.id)}, {"error", e.what()}}),
            logged = true;
      std::this_thread::sleep_for(wait);
      wait = std::min(wait * 2, std::chrono::milliseconds(2000));
    }
  }
}

void Dispatcher::record(casework::CaseTransaction& tx, std::map<std::int64_t, casework::CaseFile>& files,
                        const Answered& a, calendar::Instant now, std::vector<store::AlertRow>& raised,
                        std::vector<store::dispatch::Finished>& finished) {
  const auto& row = a.row;
  if (!a.delivered && !a.give_up) {
    store::dispatch::retry_later(tx.store(), row.id, options_.owner, static_cast<double>(a.delay.count()) / 1000.0,
                                 a.error);
    return;
  }
  if (auto file = files.find(row.case_id); row.kind == "dispatch" && file != files.end()) {
    const auto* t = file->second.record.task(row.step);  // only a push still waiting for its outcome moves
    if (t && t->state == machines::TaskState::Dispatching)
      runner_.apply(tx, file->second,
                    flow::TaskTransition{
                        row.step, a.delivered ? machines::TaskEvent::dispatched : machines::TaskEvent::dispatch_failed,
                        a.delivered ? "" : a.error},
                    "dispatcher", now);
  }
  finished.push_back({row.id, !a.delivered, a.error});
  if (!a.delivered && row.kind == "dispatch")  // supervisors see it among the alerts and may re-dispatch
    if (auto alert = casework::raise_alert(tx.store(), row.case_id, "task:" + row.step, "dispatch_failed", "red",
                                           row.department_code, calendar::format_instant(now), a.error.substr(0, 500)))
      raised.push_back(std::move(*alert));
}

void Dispatcher::report(const Answered& a) {
  const std::string& dept = a.row.department_code;
  // The settler's log lines continue the trace of the request that queued the push (as push() does).
  const auto queued_by = platform::TraceContext::parse(a.row.traceparent);
  const platform::TraceScope trace(queued_by ? queued_by->child() : platform::TraceContext::start());
  if (!a.delivered && !a.give_up) {
    count(metrics_, kRetries, dept);
    platform::log(platform::LogLevel::info, "push failed; retrying",
                  {{"department", dept},
                   {"step", a.row.step},
                   {"attempt", std::to_string(a.row.attempts)},
                   {"retry_in_ms", std::to_string(a.delay.count())},
                   {"error", a.error}});
  } else if (a.delivered) {
    count(metrics_, kDelivered, dept);
  } else {
    count(metrics_, kFailed, dept);
    platform::log(platform::LogLevel::error, "dispatch failed: supervisors may re-dispatch",
                  {{"alert", "dispatch_failed"}, {"department", dept}, {"step", a.row.step}, {"error", a.error}});
  }
}

}  // namespace ow::dispatcher
