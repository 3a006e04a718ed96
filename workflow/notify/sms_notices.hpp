// Which SMS notices a flow decision calls for, pure: 受理 (the case newly accepted), 补正 (a supplement asked at
// intake or by a department, with the materials asked), 办结可领取 (the result is ready), 送达 (delivered by
// post or electronically; a pickup at the window needs no message). The 回访 notice comes from supervision.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workflow/calendar/instant.hpp"
#include "workflow/flow/decision.hpp"

namespace ow::notify {

struct SmsNotice {
  std::string kind;                    // accepted | supplement | result_ready | delivered
  std::vector<std::string> materials;  // supplement: the material ids asked for
  std::optional<calendar::Date> due;   // supplement: the date asked for, when the department gave one
  std::string delivery_method, tracking_number;  // delivered
  std::string date;  // a {date} other than the day it is sent (回访: by when the call comes)
};

std::vector<SmsNotice> sms_notices(const flow::CaseRecord& before, const flow::Decision& d);

}  // namespace ow::notify
