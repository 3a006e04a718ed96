// Who is making a request: a staff user (by role and scope) or a department system (by API key).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ow::platform {

// auditor: reads the personal-data access log (GET /api/v1/pii-access) and nothing of the cases themselves.
// surveyor (回访员): keeps the region's sampling frame and calls back sampled applicants; no case bodies.
// applicant: a resident or an enterprise's agent signed in through the identity provider (OpenID Connect), with
// an applicant session of its own (cookie); sees only the cases of their verified ID number or company.
enum class Role { clerk, approver, supervisor, admin, auditor, surveyor, department_system, applicant };

const char* to_string(Role r);
std::optional<Role> parse_role(const std::string& text);  // staff roles only

struct Actor {
  Role role = Role::clerk;
  std::int64_t user_id = 0;  // 0 for a department system
  std::string login;         // the department code for a department system
  std::string display_name;
  std::string region_code;
  std::optional<std::string> hall_code, window_code, department_code;
  std::string token_hash;  // the session's, for logout
  // An applicant's: the blind indexes of their verified ID number and (an enterprise's agent) the company's
  // credit code; user_id is the applicant session's id.
  std::string holder_index, company_index;
  bool kiosk = false;  // an applicant signed in at a hall's self-service kiosk (their submissions are trips)

  // For logs: "user:12" or "department:SCJG".
  std::string log_id() const;

  // The actor's region covers a case's or an alert's region (its code starts with region_scope of the actor's).
  bool covers(const std::string& region) const;
  // A clerk of the hall holding a case within the region covers it at the window; a case no hall holds yet is
  // open to the clerks of its region. Anyone else covers no case at the window.
  bool covers(const std::string& region, const std::optional<std::string>& hall) const;
};

// The prefix of region codes a region covers: a 6-digit code ending in 00 stands for its prefecture or
// province (330100 → 3301, 330000 → 33); any other code covers itself and the codes below it.
std::string region_scope(const std::string& region_code);

}  // namespace ow::platform
