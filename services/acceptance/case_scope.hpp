// Who may act on a case below the region: staff see the cases of their region (region_scope), but the window's
// actions on a case — decision, supplement, delivery, deferred materials, withdrawal — belong to the clerks of
// the hall that holds it. Anyone else gets the same 404 as for a case of another region, so a number from
// another hall reveals nothing.
#pragma once

#include <pqxx/pqxx>
#include <string>

#include "services/platform/actor.hpp"
#include "services/store/case_store.hpp"

namespace ow::acceptance {

// The case lies in the actor's region (its region code starts with region_scope of the actor's).
bool in_region(const platform::Actor& actor, const store::CaseRow& c);

// The actor is a clerk of the hall holding the case, within the case's region. A case that no hall holds yet
// (none today: every case is created at a hall) is open to the clerks of its region.
bool clerk_of_case_hall(const platform::Actor& actor, const store::CaseRow& c);

// The case locked FOR UPDATE for a window action; 404 not_found unless clerk_of_case_hall.
store::CaseRow lock_for_window(pqxx::work& tx, const platform::Actor& clerk, const std::string& number);

}  // namespace ow::acceptance
