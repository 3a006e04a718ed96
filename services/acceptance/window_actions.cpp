// The window's actions after intake, as the API takes them: the body read, the desk's command run
// (window_desk.cpp), the case's view returned.
#include <boost/json.hpp>

#include "services/acceptance/intake_service.hpp"
#include "services/platform/json_fields.hpp"
#include "services/platform/problem.hpp"

namespace ow::acceptance {
namespace {

namespace json = boost::json;
namespace problems = platform::problems;

bool flag(const json::object& o, const char* name, bool fallback) {
  auto it = o.find(name);
  if (it == o.end() || it->value().is_null()) return fallback;
  if (!it->value().is_bool()) throw problems::bad_request(std::string("'") + name + "' must be true or false", name);
  return it->value().as_bool();
}

}  // namespace

json::object IntakeService::supplement(const platform::Actor& clerk, const std::string& number,
                                       const json::object& body) {
  require_clerk(clerk);
  const bool present = flag(body, "applicant_present", true);
  const std::string only_step = platform::text_field(body, "step", false, 500);
  desk_.supplement(clerk, number, present, only_step, now_());
  return view(clerk, number);
}

json::object IntakeService::deliver(const platform::Actor& clerk, const std::string& number, const json::object& body) {
  require_clerk(clerk);
  const std::string method = platform::text_field(body, "method", true, 500);
  if (method != "window" && method != "post" && method != "electronic")
    throw problems::bad_request("method must be window, post or electronic", "method");
  const std::string tracking = platform::text_field(body, "tracking_number", method == "post", 500);
  desk_.deliver(clerk, number, method, tracking, now_());
  return view(clerk, number);
}

json::object IntakeService::deferred_received(const platform::Actor& clerk, const std::string& number,
                                              const json::object& body) {
  require_clerk(clerk);
  const std::string material = platform::text_field(body, "material", true, 500);
  const bool present = flag(body, "applicant_present", true);
  desk_.deferred_received(clerk, number, material, present, now_());
  return view(clerk, number);
}

json::object IntakeService::withdraw(const platform::Actor& clerk, const std::string& number,
                                     const json::object& body) {
  require_clerk(clerk);
  const std::string reason = platform::text_field(body, "reason", true, 500);
  desk_.withdraw(clerk, number, reason, now_());
  return view(clerk, number);
}

}  // namespace ow::acceptance
