// The follow-up's two clocks.
#include "services/supervision/followup_opening.hpp"

#include "services/casework/sms_notices.hpp"
#include "services/store/kpi_store.hpp"
#include "services/store/supervision_store.hpp"
#include "workflow/notify/sms_text.hpp"

namespace ow::supervision {

bool open_followup(store::Tx& tx, const calendar::ClockMath& math, std::int64_t case_id, const std::string& region_code,
                   calendar::Instant now, const std::string& source) {
  const std::string at = calendar::format_instant(now);
  const calendar::Clock callback{{calendar::Limit::Kind::working_days, 1}, now, 0, {}, std::nullopt, std::nullopt};
  const calendar::Clock rectification{
      {calendar::Limit::Kind::natural_days, 15}, now, 0, {}, std::nullopt, std::nullopt};
  const std::string callback_due = calendar::format_instant(*math.due_at(callback));
  const std::string rectification_due = calendar::format_instant(*math.due_at(rectification));
  if (!store::kpi::open_followup(tx, case_id, at, callback_due, rectification_due, source)) return false;
  store::supervision::sync_clock(tx, case_id, "followup:callback", region_code, std::nullopt,
                                 calendar::format_instant(*math.warn_at(callback)), callback_due, false, at);
  store::supervision::sync_clock(tx, case_id, "followup:rectification", region_code, std::nullopt,
                                 calendar::format_instant(*math.warn_at(rectification)), rectification_due, false, at);
  // The applicant is told (SMS, when on) that the 回访 call comes by the callback's due date.
  casework::queue_sms_notice(tx, case_id, "followup", notify::chinese_date(calendar::cst_date(*math.due_at(callback))),
                             now);
  return true;
}

}  // namespace ow::supervision
