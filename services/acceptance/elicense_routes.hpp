// The clerk's e-license check before intake: which of the bundle's licence types the applicant already holds
// in the e-license library, so the material checklist can tick them (POST /api/v1/elicense-lookups).
#pragma once

#include "adapters/elicense/elicense_lookup.hpp"
#include "services/platform/router.hpp"

namespace ow::acceptance {

// POST /api/v1/elicense-lookups {"holder": ID number or credit code, "types": [type, …]} (clerks; the ID number
// in the body, never in a URL): one item per type, {type, found, number, issuer}; `unavailable: true` when the
// library did not answer (check paper instead).
void add_elicense_routes(platform::Router& router, const adapters::ELicenseLookup& elicenses);

}  // namespace ow::acceptance
