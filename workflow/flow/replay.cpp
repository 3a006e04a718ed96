// Replaying audit entries through fresh machines.
#include "workflow/flow/replay.hpp"

namespace ow::flow {

Replayed replay(const std::vector<AuditEntry>& audit) {
  Replayed r;
  for (const auto& e : audit) {
    if (e.event.starts_with("note:")) continue;  // not a state change
    if (e.entity == "case") {
      machines::CaseMachine m(r.case_state);
      auto ev = machines::case_event_named(e.event);
      if (e.from != machines::name(r.case_state) || !ev || !m.process(*ev))
        throw FlowRefused("case", machines::name(r.case_state), e.event, {});
      r.case_state = m.state();
    } else if (e.event == "create") {
      r.tasks[e.entity] = machines::TaskState::Waiting;
    } else {
      auto it = r.tasks.find(e.entity);
      if (it == r.tasks.end()) throw FlowRefused("task " + e.entity, "(none)", e.event, {});
      machines::TaskMachine m(it->second);
      auto ev = machines::task_event_named(e.event);
      if (e.from != machines::name(it->second) || !ev || !m.process(*ev))
        throw FlowRefused("task " + e.entity, machines::name(it->second), e.event, {});
      it->second = m.state();
    }
  }
  return r;
}

std::string audit_mismatch(const std::vector<AuditEntry>& audit, const CaseRecord& stored) {
  Replayed r;
  try {
    r = replay(audit);
  } catch (const FlowRefused& e) {
    return std::string("replay refused: ") + e.what();
  }
  std::string out;
  if (r.case_state != stored.state)
    out += std::string("case: replayed ") + machines::name(r.case_state) + ", stored " + machines::name(stored.state) +
           "; ";
  if (r.tasks.size() != stored.tasks.size()) out += "task count differs; ";
  for (const auto& t : stored.tasks) {
    auto it = r.tasks.find(t.step);
    if (it == r.tasks.end())
      out += "task " + t.step + " never created; ";
    else if (it->second != t.state)
      out +=
          "task " + t.step + ": replayed " + machines::name(it->second) + ", stored " + machines::name(t.state) + "; ";
  }
  return out;
}

}  // namespace ow::flow
