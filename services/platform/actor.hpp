// Who is making a request: a staff user (by role and scope) or a department system (by API key).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ow::platform {

// auditor: reads the personal-data access log (GET /api/v1/pii-access) and nothing of the cases themselves.
enum class Role { clerk, approver, supervisor, admin, auditor, department_system };

const char* to_string(Role r);
std::optional<Role> parse_role(const std::string& text);  // staff roles only

struct Actor {
  Role role = Role::clerk;
  std::int64_t user_id = 0;  // 0 for a department system
  std::string login;         // the department code for a department system
  std::string display_name;
  std::string region_code;
  std::optional<std::string> hall_code, window_code, department_code;
  std::string token_hash;    // the session's, for logout

  // For logs: "user:12" or "department:SCJG".
  std::string log_id() const;
};

}  // namespace ow::platform
