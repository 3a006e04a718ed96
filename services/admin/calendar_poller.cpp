// The periodic adoption of uploaded holiday files (see the header).
#include "services/admin/calendar_poller.hpp"

#include <condition_variable>
#include <mutex>

#include "services/platform/log.hpp"

namespace ow::admin {

CalendarPoller::CalendarPoller(CalendarAdmin& calendar, std::chrono::seconds period)
    : thread_([&calendar, period](std::stop_token stop) {
        std::mutex m;
        std::condition_variable_any wake;
        while (!stop.stop_requested()) {
          {
            std::unique_lock lock(m);
            wake.wait_for(lock, stop, period, [] { return false; });  // woken early only by the stop
          }
          if (stop.stop_requested()) break;
          try {
            if (calendar.refresh())
              platform::log(platform::LogLevel::info, "a holiday file uploaded through another instance adopted");
          } catch (const std::exception& e) {
            platform::log(platform::LogLevel::warn, "calendar refresh failed; trying again later",
                          {{"error", e.what()}});
          }
        }
      }) {}

}  // namespace ow::admin
