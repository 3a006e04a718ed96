// The window's intake rules over a request, applied before any transaction (the e-licence look-up is a
// network call): the applicant fits the bundle, the materials are the guide's, and the clerk's decision
// becomes the flow's command. Failures are 400/422 problems naming the field.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <map>
#include <string>
#include <vector>

#include "adapters/elicense/elicense_lookup.hpp"
#include "services/acceptance/intake_request.hpp"
#include "workflow/calendar/clock.hpp"
#include "workflow/catalog/guide.hpp"
#include "workflow/catalog/model.hpp"
#include "workflow/flow/commands.hpp"
#include "workflow/flow/intake_rules.hpp"

namespace ow::acceptance {

// A material the e-licence library verified, with the licence it found (its document is fetched next).
struct VerifiedLicence {
  std::string material;
  adapters::ELicense licence;
};

// Everything about a request that needs the catalog: the bundle, the applicant's fit, materials, e-licenses.
struct Checked {
  const catalog::Bundle* bundle = nullptr;
  catalog::Guide guide;
  std::vector<std::string> active;
  flow::MaterialCheck missing;
  // What the case records as received: the presented materials and those verified in the e-licence library
  // without the applicant handing anything over (免提交), each with how it was satisfied.
  std::vector<PresentedMaterial> received;
  // The licences the library found for e-licence materials (presented as e-licences, or 免提交).
  std::vector<VerifiedLicence> licences;
  // E-licence materials the library did not verify (no answer, or no licence): paper is asked for instead.
  std::vector<std::string> paper_needed;
  bool library_unavailable = false;
  // 告知承诺 the request names (commitment_checks.hpp): their proofs count as received, the letter is a material.
  std::vector<flow::Commitment> commitments;
};

// The applicant fits the bundle: kind, ID number or credit code (a wrong check character overridable with a
// reason), an establishment's agent (企业开办 only) and a newborn's details (出生一件事 only).
void check_applicant(const Applicant& a, const catalog::Bundle& b, calendar::Date today);
// Looks up every material presented as an e-licence, and every needed e-licence material not presented (免提交:
// the applicant hands nothing over for it) — network calls within the lookup's timeout: never under a row lock.
// One unanswered lookup is enough: the rest are asked for on paper at once.
Checked check_against_catalog(const IntakeRequest& r, const std::string& bundle_code, const catalog::Catalog& c,
                              const adapters::ELicenseLookup& elicenses, const Applicant& applicant,
                              const std::map<std::string, std::string>& attributes, std::int64_t minutes_per_day);
// The committed due date of a case of `b` accepted at `now` (the latest promised date of a 容缺 material).
calendar::Date committed_due_date(const calendar::ClockMath& math, const catalog::Bundle& b, calendar::Instant now);
flow::Command command_for(const WindowDecision& d, const Checked& ck, const calendar::ClockMath& math,
                          const catalog::Bundle& b, calendar::Instant now, bool present);

std::string sha256_of(const std::string& s);
boost::json::array materials_json(const std::vector<PresentedMaterial>& ms);
boost::json::object decision_json(const WindowDecision& d, const flow::Command& c);

}  // namespace ow::acceptance
