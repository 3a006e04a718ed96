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

// The person who comes for a company not yet registered (经办人/代办人): personal data, sealed with the applicant.
struct Agent {
  std::string name, id_number;
};

// The child of a 出生一件事 (personal data, sealed with the applicant).
struct Newborn {
  std::string name, sex;           // sex: 男 | 女
  std::string birth_date;          // YYYY-MM-DD (checked against today in intake_checks)
  std::string certificate_number;  // 出生医学证明编号
};

struct Applicant {
  std::string kind;         // person | enterprise
  std::string name;         // a person's name, the enterprise's name, or the proposed name (拟设立企业名称)
  std::string id_number;    // person
  std::string credit_code;  // enterprise (not yet for an establishment)
  std::string credit_code_override_reason;  // when the GB 32100 check fails and the clerk overrides it
  bool establishment = false;               // 设立登记: no credit code yet; the agent's ID instead
  std::optional<Agent> agent{};             // establishment
  std::optional<Newborn> newborn{};         // person applying for a newborn (出生一件事)
};

struct PresentedMaterial {
  std::string id;
  std::string form;  // original | copy | electronic | elicense
  // How intake satisfied it (recorded on the case): 电子证照核验, 纸质材料 or 电子材料. Set by intake_checks.
  std::string satisfied{};
  // An e-licence material's document from the library: "obtained", "not_obtained", or empty (not an e-licence,
  // or no document asked for). Set by licence_documents.hpp.
  std::string licence_document{};
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
  std::vector<std::string> commitments;    // 告知承诺: item codes (commitment_checks.hpp)
  std::optional<WindowDecision> decision;  // absent for online submissions
  std::optional<bool> applicant_present;
};

// The applicant as stored (the JSON the vault seals) and back.
std::string applicant_to_json(const Applicant& a);
Applicant applicant_from_json(const std::string& text);
// Whose e-licences are looked up: the person, the enterprise, or for an establishment the agent.
const std::string& licence_holder(const Applicant& a);

// Throws Problem 400 (field named) for malformed input. Does not look at the catalog.
IntakeRequest parse_intake_request(const boost::json::object& body);
// Only the decision-related parts (for POST /cases/{number}/decision): materials and decision.
IntakeRequest parse_decision_request(const boost::json::object& body);

}  // namespace ow::acceptance
