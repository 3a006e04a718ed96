// The clerk's e-license check before intake: which of the bundle's licence types the applicant already holds
// in the e-license library, so the material checklist can tick them (GET /api/v1/elicenses).
#pragma once

#include "adapters/elicense/elicense_lookup.hpp"
#include "services/platform/router.hpp"

namespace ow::acceptance {

// GET /api/v1/elicenses?holder=<ID number or credit code>&types=<type>,<type>… (clerks): one item per type,
// {type, found, number, issuer}; `unavailable: true` when the library did not answer (check paper instead).
void add_elicense_routes(platform::Router& router, const adapters::ELicenseLookup& elicenses);

}  // namespace ow::acceptance
