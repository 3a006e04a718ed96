// Applying department callbacks.
#include "services/dispatcher/department_events.hpp"

#include <boost/json.hpp>

#include "services/casework/signed_caller.hpp"
#include "services/casework/supplement_request.hpp"
#include "services/catalog/catalog_json.hpp"
#include "services/dispatcher/task_payload.hpp"
#include "services/platform/edge_input.hpp"
#include "services/platform/json_fields.hpp"
#include "services/platform/problem.hpp"
#include "services/store/case_store.hpp"
#include "services/store/dispatch_store.hpp"
#include "services/store/file_store.hpp"

namespace ow::dispatcher {
namespace {

using platform::text_field;
constexpr std::size_t kEventText = 4000;  // longest text accepted in an event field

namespace json = boost::json;
using platform::Problem;
namespace problems = platform::problems;

Problem unauthorized(const std::string& code, const std::string& detail) {
  return Problem(401, code, "部门系统身份验证失败", detail);
}

// The flow command of an event, or a 400 for an unknown type.
flow::Command command_for(const std::string& type, const std::string& step, const json::object& e) {
  using machines::TaskEvent;
  if (type == "received") return flow::TaskTransition{step, TaskEvent::receive, ""};
  if (type == "approved")
    return flow::TaskTransition{step, TaskEvent::approve, text_field(e, "opinion", false, kEventText)};
  if (type == "rejected")
    return flow::TaskTransition{
        step, TaskEvent::reject,
        text_field(e, "reason", true, kEventText) + "（" + text_field(e, "legal_basis", true, kEventText) + "）"};
  if (type == "supplement_requested") return casework::supplement_request(step, e);
  if (type == "special_procedure_started")
    return flow::SpecialProcedure{step, text_field(e, "procedure", true, kEventText),
                                  text_field(e, "reason", true, kEventText), true};
  if (type == "special_procedure_ended") return flow::SpecialProcedure{step, "", "", false};
  throw problems::bad_request(
      "type must be received, approved, rejected, supplement_requested, special_procedure_started or special_procedure_ended",
      "type");
}

}  // namespace

void DepartmentEvents::authenticate(const platform::Actor& caller, const SignedRequest& r) const {
  auto ep = endpoints_.find(r.department);
  casework::authenticate_signed(caller, {r.department, r.timestamp, r.signature, r.body},
                                ep == endpoints_.end() ? std::nullopt : std::optional<std::string>(ep->second.secret),
                                "部门系统身份验证失败");
}

EventAnswer DepartmentEvents::receive(const platform::Actor& caller, const SignedRequest& r) {
  authenticate(caller, r);
  const json::object e = platform::parse_json_object(r.body);
  const std::string body_hash = catalog_service::sha256_hex(r.body);
  const std::string id = text_field(e, "id", true, kEventText), type = text_field(e, "type", true, kEventText),
                    number = text_field(e, "case_number", true, kEventText),
                    step = text_field(e, "step", true, kEventText);
  if (id.size() > 128) throw problems::bad_request("'id' is at most 128 characters", "id");
  const flow::Command command = command_for(type, step, e);
  std::optional<std::string> produced;
  if (type == "approved") {
    auto it = e.find("produced");
    if (it != e.end() && !it->value().is_object())
      throw problems::bad_request("'produced' must be an object", "produced");
    produced = json::serialize(it == e.end() ? json::value(json::object{}) : it->value());
  }
  DepartmentEvent event{r.department, id, type, number, step, body_hash, command};
  if (produced)  // what the step produced is kept with the task; the assignee (none for a department) is cleared
    std::get<flow::TaskTransition>(event.command).work = flow::TaskWork{std::nullopt, produced, std::nullopt};
  if (auto* t = std::get_if<flow::TaskTransition>(&event.command)) t->confirms_dispatch = true;
  return apply_event(runner_, event, now_());
}

json::object DepartmentEvents::tasks(const platform::Actor& caller, const std::string& department,
                                     const std::string& state) {
  if (caller.role != platform::Role::department_system || caller.login != department)
    throw unauthorized("wrong_department_key", "the API key does not belong to department " + department);
  std::string wanted = state.empty() ? "Dispatched" : state;  // "dispatched" and "Dispatched" both name the state
  wanted[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(wanted[0])));
  const auto task_state = machines::task_state_named(wanted);
  if (!task_state) throw problems::bad_request("unknown task state '" + state + "'", "state");
  return pool_.transact([&](store::Tx& tx) {
    json::array items;
    for (const auto& row : store::dispatch::department_tasks(tx, department, machines::name(*task_state), 100)) {
      auto c = store::cases::by_number(tx, row.number);
      auto tasks = store::cases::tasks(tx, c->id);
      const auto files = links_ ? store::files::of_case(tx, c->number) : std::vector<store::MaterialFileRow>{};
      const MaterialLinks links{links_, files, now_()};
      for (const auto& t : tasks)
        if (t.id == row.task_id) items.push_back(task_payload(*c, tasks, t, "dispatch", &links));
    }
    return json::object{{"items", items}};
  });
}

}  // namespace ow::dispatcher
