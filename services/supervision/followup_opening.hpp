// Opening a case's follow-up (整改): by a bad rating (1 or 2 stars) or by a dissatisfied callback answer
// (回访不满意) — the same two clocks either way: the callback within 1 working day and the rectification
// report within 15 days, checked by the timekeeper (followup_overdue alerts); the applicant is told by SMS
// (when on) that the call comes.
#pragma once

#include <cstdint>
#include <string>

#include "services/store/transaction.hpp"
#include "workflow/calendar/clock.hpp"

namespace ow::supervision {

// Nothing when the case already has a follow-up; true when opened now. source: "rating" or "survey".
bool open_followup(store::Tx& tx, const calendar::ClockMath& math, std::int64_t case_id, const std::string& region_code,
                   calendar::Instant now, const std::string& source);

}  // namespace ow::supervision
