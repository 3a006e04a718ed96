// Every instance adopts holiday files uploaded through another one: a thread that calls CalendarAdmin::refresh()
// every `period` (setting calendar.refresh_seconds) until it is destroyed. A failed refresh is logged and tried
// again at the next period.
#pragma once

#include <chrono>
#include <thread>

#include "services/admin/calendar_admin.hpp"

namespace ow::admin {

class CalendarPoller {
 public:
  CalendarPoller(CalendarAdmin& calendar, std::chrono::seconds period);

 private:
  std::jthread thread_;
};

}  // namespace ow::admin
