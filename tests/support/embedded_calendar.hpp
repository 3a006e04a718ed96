// The project's holiday data compiled into test binaries, so unit tests read no files.
#pragma once

#include <string_view>

#include "workflow/calendar/work_calendar.hpp"

namespace ow::testing {

std::string_view embedded_calendar_csv();
// A calendar over config/calendar/cn-calendar-2018-2026.csv, without fallback.
const ow::calendar::WorkCalendar& embedded_calendar();

}  // namespace ow::testing
