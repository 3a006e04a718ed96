// The window's actions after intake: supplements brought in, delivery (出件), deferred materials, withdrawal —
// each only by a clerk of the hall holding the case (case_scope.hpp).
#include <boost/json.hpp>

#include "services/acceptance/case_scope.hpp"
#include "services/acceptance/case_views.hpp"
#include "services/acceptance/case_writer.hpp"
#include "services/acceptance/intake_service.hpp"
#include "services/acceptance/record_codec.hpp"
#include "services/platform/json_fields.hpp"
#include "services/platform/problem.hpp"
#include "services/store/case_store.hpp"

namespace ow::acceptance {
namespace {

namespace json = boost::json;
namespace problems = platform::problems;

void require_clerk(const platform::Actor& a) {
  if (!a.hall_code || !a.window_code) throw problems::forbidden("only a clerk at a window does this");
}

bool flag(const json::object& o, const char* name, bool fallback) {
  auto it = o.find(name);
  if (it == o.end() || it->value().is_null()) return fallback;
  if (!it->value().is_bool()) throw problems::bad_request(std::string("'") + name + "' must be true or false", name);
  return it->value().as_bool();
}

// Whether a stopped clock stopped by its due instant.
bool met(const std::optional<std::string>& clock_text, const calendar::ClockMath& math) {
  if (!clock_text) return false;
  auto c = clock_from_json(json::parse(*clock_text));
  auto due = math.due_at(c);
  return c.stopped_at && due && *c.stopped_at <= *due;
}

}  // namespace

json::object IntakeService::supplement(const platform::Actor& clerk, const std::string& number, const json::object& body) {
  require_clerk(clerk);
  const bool present = flag(body, "applicant_present", true);
  const std::string only_step = platform::text_field(body, "step", false, 500);
  const calendar::Instant now = now_();
  pool_.transact([&](pqxx::work& tx) {
    store::CaseRow row = lock_for_window(tx, clerk, number);
    std::vector<std::string> waiting;
    for (const auto& t : store::cases::tasks(tx, row.id))
      if (t.state == "SupplementRequested" && (only_step.empty() || t.step == only_step)) waiting.push_back(t.step);
    if (waiting.empty())
      throw platform::Problem(409, "no_supplement_requested", "该办件没有待补正的环节", "no task of this case waits for a supplement",
                              json::object{{"state", row.state}});
    for (std::size_t i = 0; i < waiting.size(); ++i)  // one visit, however many steps it answers
      apply_to_locked_case(tx, row, catalog_, math(), flow::SupplementProvided{waiting[i], present && i == 0}, clerk.log_id(), now);
  });
  return view(clerk, number);
}

json::object IntakeService::deliver(const platform::Actor& clerk, const std::string& number, const json::object& body) {
  require_clerk(clerk);
  const std::string method = platform::text_field(body, "method", true, 500);
  if (method != "window" && method != "post" && method != "electronic")
    throw problems::bad_request("method must be window, post or electronic", "method");
  const std::string tracking = platform::text_field(body, "tracking_number", method == "post", 500);
  const calendar::Instant now = now_();
  pool_.transact([&](pqxx::work& tx) {
    store::CaseRow row = lock_for_window(tx, clerk, number);
    const bool met_committed = met(row.committed_clock, math()), met_statutory = met(row.statutory_clock, math());
    apply_to_locked_case(tx, row, catalog_, math(), flow::Deliver{method == "window"}, clerk.log_id(), now);
    json::object delivery{{"method", method}, {"at", calendar::format_instant(now)}, {"by", clerk.login}};
    if (!tracking.empty()) delivery["tracking_number"] = tracking;
    store::cases::set_delivery(tx, row.id, json::serialize(delivery), met_committed, met_statutory, calendar::format_instant(now));
  });
  auto v = view(clerk, number);
  return v;
}

json::object IntakeService::deferred_received(const platform::Actor& clerk, const std::string& number, const json::object& body) {
  require_clerk(clerk);
  const std::string material = platform::text_field(body, "material", true, 500);
  const bool present = flag(body, "applicant_present", true);
  const calendar::Instant now = now_();
  pool_.transact([&](pqxx::work& tx) {
    store::CaseRow row = lock_for_window(tx, clerk, number);
    apply_to_locked_case(tx, row, catalog_, math(), flow::DeferredReceived{material, present}, clerk.log_id(), now);
  });
  return view(clerk, number);
}

json::object IntakeService::withdraw(const platform::Actor& clerk, const std::string& number, const json::object& body) {
  require_clerk(clerk);
  const std::string reason = platform::text_field(body, "reason", true, 500);
  const calendar::Instant now = now_();
  pool_.transact([&](pqxx::work& tx) {
    store::CaseRow row = lock_for_window(tx, clerk, number);
    apply_to_locked_case(tx, row, catalog_, math(), flow::Withdraw{reason}, clerk.log_id(), now);
  });
  return view(clerk, number);
}

}  // namespace ow::acceptance
