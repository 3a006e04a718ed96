// The window's intake request (POST /api/v1/cases, and the pre-review decision of an online case), parsed
// and checked at the boundary: every malformed field is a 400 naming the field.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "workflow/calendar/instant.hpp"

namespace ow::acceptance {

struct Applicant {
  std::string kind;  // person | enterprise
  std::string name;
  std::string id_number;                    // person
  std::string credit_code;                  // enterprise
  std::string credit_code_override_reason;  // when the GB 32100 check fails and the clerk overrides it
};

struct PresentedMaterial {
  std::string id;
  std::string form;  // original | copy | electronic | elicense
};

struct Deferral {
  std::string material;
  calendar::Date due = 0;
};

struct WindowDecision {
  std::string kind;  // accept | accept_with_deferral | supplement | refuse
  std::vector<Deferral> deferrals;
  std::vector<std::string> missing;  // supplement: materials the clerk marks missing or defective
  std::string reason, legal_basis;   // refuse
};

struct IntakeRequest {
  std::string bundle;
  std::string channel = "window";
  Applicant applicant;
  std::string phone;
  std::map<std::string, std::string> attributes;  // "true"/"false" for booleans
  std::vector<PresentedMaterial> materials;
  std::optional<WindowDecision> decision;  // absent for online submissions
  std::optional<bool> applicant_present;
};

// Throws Problem 400 (field named) for malformed input. Does not look at the catalog.
IntakeRequest parse_intake_request(const boost::json::object& body);
// Only the decision-related parts (for POST /cases/{number}/decision): materials and decision.
IntakeRequest parse_decision_request(const boost::json::object& body);

}  // namespace ow::acceptance
