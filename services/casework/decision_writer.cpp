// Writing flow decisions.
#include "services/casework/decision_writer.hpp"

#include <boost/json.hpp>

#include "services/casework/query_code.hpp"
#include "services/casework/record_codec.hpp"
#include "services/casework/sms_notices.hpp"
#include "services/store/query_code_store.hpp"
#include "services/store/supervision_store.hpp"

namespace ow::casework {
namespace {

// The timekeeper's check of one clock, in step with the clock (paused and stopped clocks have none).
void add_check(std::vector<store::supervision::ClockSync>& out, std::int64_t case_id, const std::string& name,
               const std::string& region, const std::optional<std::string>& department,
               const std::optional<calendar::Clock>& clock, const calendar::ClockMath& math) {
  if (!clock) return;
  auto text = [](std::optional<calendar::Instant> t) {
    return t ? std::optional(calendar::format_instant(*t)) : std::nullopt;
  };
  out.push_back({case_id, name, region, department, text(math.warn_at(*clock)), text(math.due_at(*clock)),
                 clock->stopped_at.has_value()});
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

Written write_decision(store::Tx& tx, store::CaseRow& row, const flow::CaseRecord& before, const flow::Decision& d,
                       const calendar::ClockMath& math, calendar::Instant now, const WriteOptions& options) {
  record_to_row(d.after, math, row);
  const bool newly_accepted = !row.accepted_at && (d.after.state == machines::CaseState::InProgress ||
                                                   d.after.state == machines::CaseState::Accepted);
  if (newly_accepted) row.accepted_at = calendar::format_instant(now);
  // Ended, whatever the outcome: the instant the reform's rates count it (handed over, refused, withdrawn …).
  const auto st = d.after.state;
  const bool ended = st == machines::CaseState::Concluded || st == machines::CaseState::Refused ||
                     st == machines::CaseState::NotPermitted || st == machines::CaseState::Withdrawn ||
                     st == machines::CaseState::Archived || st == machines::CaseState::Revoked;
  if (ended && !row.ended_at) row.ended_at = calendar::format_instant(d.delivery ? d.delivery->at : now);
  auto* gather = options.gather;
  // A decision that leaves the case's own columns as stored (it changed only tasks, e.g. a push delivered)
  // bumps the case's version without rewriting its row.
  // Every way into acceptance (受理, 容缺受理, pre-review, a decision after 补正) passes here once: the
  // applicant's query code (查询码) for the public lookup, printed on the receipt. A case accepted as it is
  // created gets it with its row (one statement).
  if (row.id == 0) {
    row = store::cases::insert(tx, row, newly_accepted ? std::optional(query_code::generate()) : std::nullopt);
  } else {
    if (!options.stored || !store::cases::unchanged(*options.stored, row))
      store::cases::update(tx, row);
    else if (gather)
      gather->touch(row.id);
    else
      store::cases::touch(tx, row.id);
    if (newly_accepted) store::query_codes::issue(tx, row.id, query_code::generate());
  }
  std::vector<store::TaskRow> created;
  for (const auto& t : d.after.tasks) {  // new tasks in one statement; a task the decision left alone is not written
    const auto* was = before.task(t.step);
    auto after = task_to_row(t, row.id, math);
    if (!was)
      created.push_back(std::move(after));
    else if (!task_row_changed(task_to_row(*was, row.id, math), after))
      continue;
    else if (!gather)
      store::cases::update_task(tx, after);
    else if (!gather->task(after))  // that task's earlier write waits: send it first
      gather->send(tx), gather->task(after);
  }
  created = store::cases::insert_tasks(tx, created);
  std::vector<store::AuditRow> audit;
  for (const auto& a : d.audit)
    audit.push_back({a.entity, a.event, a.from, a.to, a.actor, calendar::format_instant(a.at), a.detail});
  std::vector<store::cases::OutboxMessage> outbox;
  for (const auto& m : d.outbox) outbox.push_back({m.step, m.department, m.kind});
  // (The audit rows, outbox messages and clock checks are written after the task work, alerts, delivery and
  // extension below, which touch other rows than those.)
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
  std::vector<store::supervision::ClockSync> checks;
  for (const auto& m : d.after.deferred)
    checks.push_back({row.id, "deferral:" + m.material, row.region_code, std::nullopt,
                      calendar::format_instant(calendar::cst_instant(m.due, math.working_time().hours().opening())),
                      calendar::format_instant(math.working_time().closing_of(m.due)), m.received || !open});
  if (!d.clocks.empty()) {  // a clock started, paused, resumed, extended or stopped
    add_check(checks, row.id, "case.committed", row.region_code, std::nullopt, d.after.committed, math);
    add_check(checks, row.id, "case.statutory", row.region_code, std::nullopt, d.after.statutory, math);
    for (const auto& t : d.after.tasks)
      add_check(checks, row.id, "task:" + t.step, row.region_code, t.department, t.clock, math);
  }
  Written written{std::move(created), {}};
  if (gather) {
    gather->audit(row.id, audit);
    store::cases::add_outbox(tx, row.id, outbox);
    store::supervision::sync_clocks(tx, checks, calendar::format_instant(now));
  } else {
    written.audit = store::cases::add_decision_rows(tx, row.id, audit, outbox, store::supervision::clocks_json(checks),
                                                    calendar::format_instant(now));
  }
  queue_sms_notices(tx, row, before, d, now);  // 受理, 补正, 可领取, 送达: sent later by the dispatcher role
  return written;
}

}  // namespace ow::casework
