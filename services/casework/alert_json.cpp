// Alert JSON.
#include "services/casework/alert_json.hpp"

#include <boost/json.hpp>

namespace ow::casework {

boost::json::object alert_json(const store::AlertRow& a) {
  namespace json = boost::json;
  auto text = [](const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); };
  const std::string state = a.resolved_at ? "resolved" : a.acknowledged_at ? "acknowledged" : "open";
  return json::object{{"id", a.id},
                      {"case_number", a.number.empty() ? json::value(nullptr) : json::value(a.number)},
                      {"clock", a.clock},
                      {"step", a.clock.starts_with("task:") ? json::value(a.clock.substr(5)) : json::value(nullptr)},
                      {"kind", a.kind},
                      {"level", a.level},
                      {"region", a.region_code},
                      {"department", text(a.department_code)},
                      {"hall", text(a.hall_code)},
                      {"window", text(a.window_code)},
                      {"raised_at", a.raised_at},
                      {"detail", a.detail},
                      {"state", state},
                      {"acknowledged_by", text(a.acknowledged_by)},
                      {"acknowledged_at", text(a.acknowledged_at)},
                      {"resolved_at", text(a.resolved_at)},
                      {"ticket", text(a.ticket)}};
}

}  // namespace ow::casework
