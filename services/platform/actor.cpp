// Role names.
#include "services/platform/actor.hpp"

namespace ow::platform {

const char* to_string(Role r) {
  switch (r) {
    case Role::clerk: return "clerk";
    case Role::approver: return "approver";
    case Role::supervisor: return "supervisor";
    case Role::admin: return "admin";
    case Role::auditor: return "auditor";
    case Role::surveyor: return "surveyor";
    case Role::department_system: return "department_system";
    case Role::applicant: return "applicant";
  }
  return "clerk";
}

std::optional<Role> parse_role(const std::string& text) {
  for (Role r : {Role::clerk, Role::approver, Role::supervisor, Role::admin, Role::auditor, Role::surveyor})
    if (text == to_string(r)) return r;
  return std::nullopt;
}

std::string Actor::log_id() const {
  if (role == Role::applicant) return "applicant:" + std::to_string(user_id);
  return role == Role::department_system ? "department:" + login : "user:" + std::to_string(user_id);
}

std::string region_scope(const std::string& region_code) {
  std::string s = region_code;
  if (s.size() == 6)
    while (s.size() > 2 && s.ends_with("00")) s.resize(s.size() - 2);
  return s;
}

bool Actor::covers(const std::string& region) const {
  return !region_code.empty() && region.starts_with(region_scope(region_code));
}

bool Actor::covers(const std::string& region, const std::optional<std::string>& hall) const {
  if (role != Role::clerk || !hall_code || !covers(region)) return false;
  return !hall || *hall == *hall_code;
}

}  // namespace ow::platform
