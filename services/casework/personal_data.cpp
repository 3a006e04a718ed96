// The personal-data rule and masks.
#include "services/casework/personal_data.hpp"

#include <algorithm>

#include "services/acceptance/intake_service.hpp"
#include "workflow/flow/identity.hpp"

namespace ow::casework {

const char* to_string(CaseSight s) {
  switch (s) {
    case CaseSight::hidden: return "hidden";
    case CaseSight::refused: return "refused";
    case CaseSight::masked: return "masked";
    case CaseSight::full: return "full";
  }
  return "hidden";
}

bool task_held(const store::TaskRow& t) {
  return t.assignee_id.has_value() && (t.state == "Received" || t.state == "SupplementRequested");
}

CaseSight personal_data_access(const platform::Actor& viewer, const store::CaseRow& c,
                               const std::vector<store::TaskRow>& tasks) {
  using platform::Role;
  switch (viewer.role) {
    case Role::admin:
    case Role::auditor:
    case Role::surveyor:
    case Role::applicant:  // their own cases through the applicant routes only
    case Role::department_system: return CaseSight::refused;
    case Role::clerk:
    case Role::approver:
    case Role::supervisor: break;
  }
  if (viewer.region_code.empty() || !viewer.covers(c.region_code)) return CaseSight::hidden;
  if (viewer.role == Role::supervisor) return CaseSight::masked;
  if (viewer.role == Role::clerk) {
    // An applicant's own submission waits in the region's pre-review queue before any hall holds it: the
    // region's clerks pre-review it, and must see what was handed in (every full read is recorded).
    if (!c.hall_code && c.state == "Submitted") return CaseSight::full;
    return c.hall_code && viewer.covers(c.region_code, c.hall_code) ? CaseSight::full : CaseSight::masked;
  }
  // An approver: only cases in which their department has a task.
  if (!viewer.department_code) return CaseSight::hidden;
  const std::string& mine = *viewer.department_code;
  if (std::none_of(tasks.begin(), tasks.end(), [&](const auto& t) { return t.department_code == mine; }))
    return CaseSight::hidden;
  const bool holding = std::any_of(tasks.begin(), tasks.end(), [&](const auto& t) {
    return t.department_code == mine && t.assignee_id && *t.assignee_id == viewer.user_id && task_held(t);
  });
  return holding ? CaseSight::full : CaseSight::masked;
}

std::string mask_name(std::string_view name) {
  std::vector<std::string_view> chars;  // UTF-8 characters: a lead byte and its continuation bytes
  for (std::size_t i = 0; i < name.size();) {
    std::size_t n = 1;
    while (i + n < name.size() && (static_cast<unsigned char>(name[i + n]) & 0xC0) == 0x80) ++n;
    chars.push_back(name.substr(i, n));
    i += n;
  }
  if (chars.size() <= 1) return std::string(chars.size(), '*');
  std::string out(chars.front());
  out += std::string(chars.size() == 2 ? 1 : chars.size() - 2, '*');
  if (chars.size() > 2) out += chars.back();
  return out;
}

boost::json::object applicant_for(const boost::json::object& a, CaseSight sight) {
  if (sight == CaseSight::full) return a;
  const bool enterprise = a.contains("kind") && a.at("kind") == "enterprise";
  boost::json::object o{{"kind", a.contains("kind") ? a.at("kind") : boost::json::value("person")}};
  if (a.contains("name") && a.at("name").is_string())
    o["name"] = enterprise ? a.at("name") : boost::json::value(mask_name(a.at("name").as_string()));
  if (a.contains("id_number") && a.at("id_number").is_string())
    o["id_number"] = flow::mask_id(a.at("id_number").as_string());
  if (a.contains("credit_code")) o["credit_code"] = a.at("credit_code");  // public registration data
  if (a.contains("establishment")) o["establishment"] = a.at("establishment");
  // An establishment's agent and a newborn are persons: masked like a person applicant.
  for (const char* who : {"agent", "newborn"}) {
    const auto* p = a.if_contains(who);
    if (!p || !p->is_object()) continue;
    boost::json::object m;
    if (const auto* n = p->as_object().if_contains("name"); n && n->is_string()) m["name"] = mask_name(n->as_string());
    if (const auto* id = p->as_object().if_contains("id_number"); id && id->is_string())
      m["id_number"] = flow::mask_id(id->as_string());
    o[who] = std::move(m);
  }
  return o;
}

std::string phone_for(const std::string& phone, CaseSight sight) {
  return sight == CaseSight::full ? phone : flow::mask_phone(phone);
}

}  // namespace ow::casework
