// A retention pass: expired idempotency records, personal data past its period (cases, answered 12345
// tickets), yesterday's audit anchor.
#include "services/casework/retention.hpp"

#include "services/platform/log.hpp"
#include "services/store/audit_chain_store.hpp"
#include "services/store/case_store.hpp"
#include "services/store/sealed_rows_store.hpp"
#include "services/store/sealed_tickets_store.hpp"

namespace ow::casework {

namespace {

// Runs one step of the pass; a failure is logged and does not keep the other steps from running.
template <class F>
void step(const char* name, F&& f) {
  try {
    f();
  } catch (const std::exception& e) {
    platform::log(platform::LogLevel::warn, "retention step failed; retried at the next pass",
                  {{"step", name}, {"error", e.what()}});
  }
}

}  // namespace

RetentionPass run_retention(store::PgPool& pool, const RetentionRules& rules, calendar::Instant now) {
  constexpr int kBatch = 500;
  RetentionPass pass;
  step("idempotency", [&] {
    for (int n = kBatch; n == kBatch;) {
      n = pool.transact(
          [&](store::Tx& tx) { return store::sealed_rows::purge_idempotency(tx, rules.idempotency_hours, kBatch); });
      pass.idempotency_purged += n;
    }
  });
  const std::string at = calendar::format_instant(now);
  step("personal_data", [&] {
    for (std::size_t n = kBatch; n == kBatch;) {
      n = pool.transact([&](store::Tx& tx) {
        const auto purged = store::sealed_rows::purge_archived(tx, rules.personal_data_days, kBatch);
        for (const auto& c : purged)
          store::cases::add_audit(tx, c.id,
                                  {{"case", "personal_data_purged", c.state, c.state, "platform:retention", at,
                                    "办件结束满 " + std::to_string(rules.personal_data_days) +
                                        " 天且已归档，申请人姓名、证件号码和联系电话已删除"}});
        return purged.size();
      });
      pass.cases_purged += static_cast<int>(n);
    }
  });
  // 12345 tickets answered more than the personal-data period ago lose their applicant (issue 18).
  step("hotline_tickets", [&] {
    for (int n = kBatch; n == kBatch;) {
      n = pool.transact(
          [&](store::Tx& tx) { return store::sealed_tickets::purge_answered(tx, rules.personal_data_days, kBatch); });
      pass.tickets_purged += n;
    }
  });
  // Yesterday's anchor, from 01:00 on: rows stamped just before midnight have committed by then.
  if (calendar::cst_second_of_day(now) >= 3600)
    step("anchor", [&] {
      const std::string yesterday = calendar::format_date(calendar::cst_date(now) - 1);
      const auto [anchor, written] =
          pool.transact([&](store::Tx& tx) { return store::audit_chain::write_anchor(tx, yesterday); });
      if (written) {
        pass.anchored = true;
        platform::log(platform::LogLevel::info, "audit anchor written",
                      {{"day", anchor.day}, {"root", anchor.root}, {"cases", anchor.cases}});
      }
    });
  if (pass.idempotency_purged > 0 || pass.cases_purged > 0 || pass.tickets_purged > 0)
    platform::log(platform::LogLevel::info, "retention pass",
                  {{"idempotency_records", pass.idempotency_purged},
                   {"cases", pass.cases_purged},
                   {"hotline_tickets", pass.tickets_purged}});
  return pass;
}

}  // namespace ow::casework
