// Writing flow decisions.
#include "services/acceptance/case_writer.hpp"

#include "services/acceptance/query_code.hpp"
#include "services/acceptance/record_codec.hpp"
#include "services/store/query_code_store.hpp"
#include "services/store/supervision_store.hpp"

namespace ow::acceptance {
namespace {

// Keeps the timekeeper's check of one clock in step with the clock (paused and stopped clocks have none).
void sync_check(pqxx::work& tx, std::int64_t case_id, const std::string& name, const std::string& region,
                const std::optional<std::string>& department, const std::optional<calendar::Clock>& clock,
                const calendar::ClockMath& math, calendar::Instant now) {
  if (!clock) return;
  auto text = [](std::optional<calendar::Instant> t) { return t ? std::optional(calendar::format_instant(*t)) : std::nullopt; };
  store::supervision::sync_clock(tx, case_id, name, region, department, text(math.warn_at(*clock)), text(math.due_at(*clock)),
                                 clock->stopped_at.has_value(), calendar::format_instant(now));
}

}  // namespace

void write_decision(pqxx::work& tx, store::CaseRow& row, const flow::CaseRecord& before, const flow::Decision& d,
                    const calendar::ClockMath& math, calendar::Instant now) {
  record_to_row(d.after, math, row);
  const bool newly_accepted =
      !row.accepted_at && (d.after.state == machines::CaseState::InProgress || d.after.state == machines::CaseState::Accepted);
  if (newly_accepted) row.accepted_at = calendar::format_instant(now);
  if (row.id == 0) row.id = store::cases::insert(tx, row);
  else store::cases::update(tx, row);
  // Every way into acceptance (受理, 容缺受理, pre-review, a decision after 补正) passes here once: the
  // applicant's query code (查询码) for the public lookup, printed on the receipt.
  if (newly_accepted) store::query_codes::issue(tx, row.id, query_code::generate());
  for (const auto& t : d.after.tasks) {
    const auto* old = before.task(t.step);
    if (!old) store::cases::insert_task(tx, task_to_row(t, row.id, math));
    else store::cases::update_task(tx, task_to_row(t, row.id, math));
  }
  for (const auto& a : d.audit)
    store::cases::add_audit(tx, row.id, {a.entity, a.event, a.from, a.to, a.actor, calendar::format_instant(a.at), a.detail});
  for (const auto& m : d.outbox) store::cases::add_outbox(tx, row.id, m.step, m.department, m.kind);
  // Each deferred (容缺) material is a clock of its own: due at the close of its promised date.
  const auto st = d.after.state;
  const bool open = st == machines::CaseState::Accepted || st == machines::CaseState::InProgress || st == machines::CaseState::Suspended ||
                    st == machines::CaseState::ResultReady;
  for (const auto& m : d.after.deferred)
    store::supervision::sync_clock(tx, row.id, "deferral:" + m.material, row.region_code, std::nullopt,
                                   calendar::format_instant(calendar::cst_instant(m.due, math.working_time().hours().opening())),
                                   calendar::format_instant(math.working_time().closing_of(m.due)), m.received || !open,
                                   calendar::format_instant(now));
  if (d.clocks.empty()) return;  // no clock started, paused, resumed, extended or stopped
  sync_check(tx, row.id, "case.committed", row.region_code, std::nullopt, d.after.committed, math, now);
  sync_check(tx, row.id, "case.statutory", row.region_code, std::nullopt, d.after.statutory, math, now);
  for (const auto& t : d.after.tasks) sync_check(tx, row.id, "task:" + t.step, row.region_code, t.department, t.clock, math, now);
}

flow::Decision apply_to_locked_case(pqxx::work& tx, store::CaseRow& row, catalog_service::CatalogService& catalog,
                                    const calendar::ClockMath& math, const flow::Command& command, const std::string& actor,
                                    calendar::Instant now) {
  auto loaded = catalog.version(row.catalog_version);
  const auto& bundle = loaded->catalog.bundles.at(row.bundle_code);
  const flow::CaseRecord before = record_from_rows(row, store::cases::tasks(tx, row.id));
  flow::FlowContext ctx{loaded->catalog, bundle, catalog.minutes_per_day()};
  flow::Decision d = flow::apply(ctx, before, command, actor, now);
  write_decision(tx, row, before, d, math, now);
  return d;
}

}  // namespace ow::acceptance
