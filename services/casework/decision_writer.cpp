// Writing flow decisions.
#include "services/casework/decision_writer.hpp"

#include <boost/json.hpp>

#include "services/casework/query_code.hpp"
#include "services/casework/record_codec.hpp"
#include "services/store/query_code_store.hpp"
#include "services/store/supervision_store.hpp"

namespace ow::casework {
namespace {

// Keeps the timekeeper's check of one clock in step with the clock (paused and stopped clocks have none).
void sync_check(store::Tx& tx, std::int64_t case_id, const std::string& name, const std::string& region,
                const std::optional<std::string>& department, const std::optional<calendar::Clock>& clock,
                const calendar::ClockMath& math, calendar::Instant now) {
  if (!clock) return;
  auto text = [](std::optional<calendar::Instant> t) {
    return t ? std::optional(calendar::format_instant(*t)) : std::nullopt;
  };
  store::supervision::sync_clock(tx, case_id, name, region, department, text(math.warn_at(*clock)),
                                 text(math.due_at(*clock)), clock->stopped_at.has_value(),
                                 calendar::format_instant(now));
}

// Whether a stopped clock stopped by its due instant.
bool met(const std::optional<calendar::Clock>& c, const calendar::ClockMath& math) {
  if (!c) return false;
  const auto due = math.due_at(*c);
  return c->stopped_at && due && *c->stopped_at <= *due;
}

void write_delivery(store::Tx& tx, const store::CaseRow& row, const flow::CaseRecord& after, const flow::Delivery& d,
                    const calendar::ClockMath& math) {
  boost::json::object delivery{{"method", d.method}, {"at", calendar::format_instant(d.at)}, {"by", d.by}};
  if (!d.tracking_number.empty()) delivery["tracking_number"] = d.tracking_number;
  store::cases::set_delivery(tx, row.id, boost::json::serialize(delivery), met(after.committed, math),
                             met(after.statutory, math), calendar::format_instant(d.at));
}

}  // namespace

void write_decision(store::Tx& tx, store::CaseRow& row, const flow::CaseRecord& before, const flow::Decision& d,
                    const calendar::ClockMath& math, calendar::Instant now) {
  record_to_row(d.after, math, row);
  const bool newly_accepted = !row.accepted_at && (d.after.state == machines::CaseState::InProgress ||
                                                   d.after.state == machines::CaseState::Accepted);
  if (newly_accepted) row.accepted_at = calendar::format_instant(now);
  // Ended, whatever the outcome: the instant the reform's rates count it (handed over, refused, withdrawn …).
  const auto st = d.after.state;
  const bool ended = st == machines::CaseState::Concluded || st == machines::CaseState::Refused ||
                     st == machines::CaseState::NotPermitted || st == machines::CaseState::Withdrawn ||
                     st == machines::CaseState::Archived;
  if (ended && !row.ended_at) row.ended_at = calendar::format_instant(d.delivery ? d.delivery->at : now);
  if (row.id == 0)
    row.id = store::cases::insert(tx, row);
  else
    store::cases::update(tx, row);
  // Every way into acceptance (受理, 容缺受理, pre-review, a decision after 补正) passes here once: the
  // applicant's query code (查询码) for the public lookup, printed on the receipt.
  if (newly_accepted) store::query_codes::issue(tx, row.id, query_code::generate());
  for (const auto& t : d.after.tasks) {
    const auto* old = before.task(t.step);
    if (!old)
      store::cases::insert_task(tx, task_to_row(t, row.id, math));
    else
      store::cases::update_task(tx, task_to_row(t, row.id, math));
  }
  for (const auto& a : d.audit)
    store::cases::add_audit(tx, row.id,
                            {a.entity, a.event, a.from, a.to, a.actor, calendar::format_instant(a.at), a.detail});
  for (const auto& m : d.outbox) store::cases::add_outbox(tx, row.id, m.step, m.department, m.kind);
  for (const auto& [step, w] : d.work) store::cases::set_task_work(tx, row.id, step, w.assignee, w.result, w.opinion);
  for (const auto& a : d.audit)  // a re-dispatch answers the supervisors' dispatch_failed alert of that task
    if (a.event == machines::name(machines::TaskEvent::redispatch))
      store::supervision::resolve_alert(tx, row.id, "task:" + a.entity, "dispatch_failed",
                                        calendar::format_instant(now));
  if (d.delivery) write_delivery(tx, row, d.after, *d.delivery, math);
  if (d.extension_days > 0) store::cases::add_extension(tx, row.id, d.extension_days);
  // Each deferred (容缺) material is a clock of its own: due at the close of its promised date.
  const bool open = st == machines::CaseState::Accepted || st == machines::CaseState::InProgress ||
                    st == machines::CaseState::Suspended || st == machines::CaseState::ResultReady;
  for (const auto& m : d.after.deferred)
    store::supervision::sync_clock(
        tx, row.id, "deferral:" + m.material, row.region_code, std::nullopt,
        calendar::format_instant(calendar::cst_instant(m.due, math.working_time().hours().opening())),
        calendar::format_instant(math.working_time().closing_of(m.due)), m.received || !open,
        calendar::format_instant(now));
  if (d.clocks.empty()) return;  // no clock started, paused, resumed, extended or stopped
  sync_check(tx, row.id, "case.committed", row.region_code, std::nullopt, d.after.committed, math, now);
  sync_check(tx, row.id, "case.statutory", row.region_code, std::nullopt, d.after.statutory, math, now);
  for (const auto& t : d.after.tasks)
    sync_check(tx, row.id, "task:" + t.step, row.region_code, t.department, t.clock, math, now);
}

}  // namespace ow::casework
